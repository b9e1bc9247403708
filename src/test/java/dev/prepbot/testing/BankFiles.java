package dev.prepbot.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small bank files for tests: a valid question by default, changed field by field. */
public final class BankFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BankFiles() {
    }

    /** A complete, valid question with the given id and topic. */
    public static Map<String, Object> question(String id, String topic) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("id", id);
        q.put("topic", topic);
        q.put("difficulty", "medium");
        q.put("tags", List.of("testing", "fixtures"));
        q.put("question", "What is the question " + id + " about?");
        q.put("answer", "It is about " + id + ".");
        q.put("explanation", "A longer explanation of " + id + ".");
        q.put("example", "An example of " + id + ".");
        q.put("mistakes", List.of("Mistaking " + id + " for something else.", "Forgetting " + id + "."));
        q.put("story", "A team once forgot " + id + " and learned.");
        q.put("choice", "The right answer about " + id);
        q.put("distractors", List.of("A wrong answer about " + id, "Another wrong one about " + id,
                "A third wrong one about " + id));
        return q;
    }

    /** The question with one field replaced (or removed, when value is null). */
    public static Map<String, Object> with(Map<String, Object> question, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(question);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    @SafeVarargs
    public static Path write(Path file, String topic, Map<String, Object>... questions) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (topic != null) {
            root.put("topic", topic);
        }
        root.put("questions", new ArrayList<>(List.of(questions)));
        return writeRaw(file, toJson(root));
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeRaw(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
