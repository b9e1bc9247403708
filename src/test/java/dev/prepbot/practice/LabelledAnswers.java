package dev.prepbot.practice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers to built-in questions written and labelled by hand: good, partial, wrong, off-topic, or a
 * copy of the question, each with the key points a fair interviewer would tick. Shared by the
 * self-check test and the benchmark.
 */
public final class LabelledAnswers {

    /** One labelled answer; {@code covered} holds indexes into the question's key points. */
    public record Answer(String id, String label, String text, Set<Integer> covered) {
    }

    private LabelledAnswers() {
    }

    public static List<Answer> load() {
        List<Answer> answers = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = LabelledAnswers.class.getResourceAsStream("/selfcheck/answers.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("selfcheck/answers.jsonl is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                Set<Integer> covered = new TreeSet<>();
                node.path("covered").forEach(i -> covered.add(i.asInt()));
                answers.add(new Answer(node.path("id").asText(), node.path("label").asText(), node.path("answer").asText(),
                        covered));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answers;
    }
}
