package dev.prepbot.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes questions back in the bank format, so {@code show --json} output loads as a bank again. */
public final class BankJson {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ObjectNode toJson(Question q) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", q.id());
        node.put("topic", q.topic());
        node.put("difficulty", q.difficulty().slug());
        if (!q.tags().isEmpty()) {
            strings(node.putArray("tags"), q.tags());
        }
        node.put("question", q.question());
        node.put("answer", q.answer());
        q.explanation().ifPresent(v -> node.put("explanation", v));
        q.example().ifPresent(v -> node.put("example", v));
        if (!q.mistakes().isEmpty()) {
            strings(node.putArray("mistakes"), q.mistakes());
        }
        q.story().ifPresent(v -> node.put("story", v));
        q.choice().ifPresent(v -> node.put("choice", v));
        if (!q.distractors().isEmpty()) {
            strings(node.putArray("distractors"), q.distractors());
        }
        if (q.hasKeypoints()) {
            strings(node.putArray("keypoints"), q.keypoints());
        }
        return node;
    }

    /** A bank file holding these questions, each with its own topic: what {@code export} prints. */
    public String writeBank(List<Question> questions) {
        ObjectNode file = mapper.createObjectNode();
        ArrayNode array = file.putArray("questions");
        questions.forEach(q -> array.add(toJson(q)));
        return write(file) + "\n";
    }

    /**
     * Reads back one question this class wrote, from storage that only ever holds validated questions;
     * a malformed one is a broken store, not a user's mistake.
     */
    public Question read(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            return new Question(node.path("id").asText(), node.path("topic").asText(),
                    Difficulty.fromSlug(node.path("difficulty").asText())
                            .orElseThrow(() -> new IllegalStateException("stored question without a difficulty")),
                    strings(node.path("tags")), node.path("question").asText(), node.path("answer").asText(),
                    text(node, "explanation"), text(node, "example"), strings(node.path("mistakes")),
                    text(node, "story"), text(node, "choice"), strings(node.path("distractors")),
                    strings(node.path("keypoints")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored question is not JSON", e);
        }
    }

    private static java.util.Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? java.util.Optional.empty() : java.util.Optional.of(value.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    public String write(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
