package dev.prepbot.bank;

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
        if (!q.keypoints().isEmpty()) {
            strings(node.putArray("keypoints"), q.keypoints());
        }
        return node;
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
