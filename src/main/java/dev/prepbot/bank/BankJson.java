package dev.prepbot.bank;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes questions back in the bank format, so {@code show --json} output loads as a bank again. */
public final class BankJson {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Without the indentation people read: stored questions are read by a rebuild, a million at a time. */
    private final ObjectMapper compact = new ObjectMapper();

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

    /** One question as one line of JSON, for storage: read back by {@link #read}. */
    public String compact(Question q) {
        try {
            return compact.writeValueAsString(toJson(q));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Reads back one question this class wrote, from storage that only ever holds validated questions;
     * a malformed one is a broken store, not a user's mistake. Read as a stream of tokens rather than a
     * tree, which a rebuild of servers' questions made a million of only to drop them: 2.8 against 3.4
     * seconds of a core per million questions of the benchmark's synthetic bank (a probe).
     */
    public Question read(String json) {
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            Map<String, String> texts = new HashMap<>();
            Map<String, List<String>> lists = new HashMap<>();
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    List<String> values = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        values.add(p.getValueAsString());
                    }
                    lists.put(field, values);
                } else if (value.isStructStart()) {
                    p.skipChildren();
                } else if (value != JsonToken.VALUE_NULL) {
                    texts.put(field, p.getValueAsString());
                }
            }
            return new Question(texts.getOrDefault("id", ""), texts.getOrDefault("topic", ""),
                    Difficulty.fromSlug(texts.getOrDefault("difficulty", ""))
                            .orElseThrow(() -> new IllegalStateException("stored question without a difficulty")),
                    lists.getOrDefault("tags", List.of()), texts.getOrDefault("question", ""),
                    texts.getOrDefault("answer", ""), Optional.ofNullable(texts.get("explanation")),
                    Optional.ofNullable(texts.get("example")), lists.getOrDefault("mistakes", List.of()),
                    Optional.ofNullable(texts.get("story")), Optional.ofNullable(texts.get("choice")),
                    lists.getOrDefault("distractors", List.of()), lists.getOrDefault("keypoints", List.of()));
        } catch (IOException e) {
            throw new IllegalStateException("stored question is not JSON", e);
        }
    }

    private static void expect(JsonToken found, JsonToken wanted) {
        if (found != wanted) {
            throw new IllegalStateException("stored question is not a JSON object");
        }
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
