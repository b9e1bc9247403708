package dev.prepbot.bank;

import static dev.prepbot.testing.BankFiles.question;
import static dev.prepbot.testing.BankFiles.toJson;
import static dev.prepbot.testing.BankFiles.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The published JSON Schema accepts the built-in bank and agrees with the loader on broken files. */
class BankSchemaTest {

    private static final Path DATA = Path.of("data");
    private static JsonSchema schema;

    @BeforeAll
    static void readSchema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        schema = factory.getSchema(new ObjectMapper().readTree(DATA.resolve("schema/bank.schema.json").toFile()));
    }

    private static Set<ValidationMessage> schemaProblems(String json) {
        return schema.validate(json, InputFormat.JSON);
    }

    private static boolean loaderAccepts(String json) {
        try {
            new BankLoader().load(List.of(new BankSource("example.json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            return true;
        } catch (InvalidBankException e) {
            return false;
        }
    }

    private static String bank(Object question) {
        return toJson(Map.of("topic", "python", "questions", List.of(question)));
    }

    @Test
    void everyBuiltInFileValidatesAgainstTheSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(DATA)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String json = Files.readString(file);
            assertTrue(json.contains("\"$schema\": \"schema/bank.schema.json\""), file + " names the schema");
            assertEquals(Set.of(), schemaProblems(json), file.toString());
        }
    }

    @Test
    void theSchemaAndTheLoaderAcceptTheSameValidFile() {
        String good = bank(question("python-good", "python"));
        assertTrue(loaderAccepts(good));
        assertEquals(Set.of(), schemaProblems(good));
    }

    @Test
    void theSchemaAndTheLoaderRefuseTheSameBrokenFiles() {
        Map<String, Object> q = question("python-broken", "python");
        List<String> broken = List.of(
                bank(with(q, "id", "Not A Slug")),
                bank(with(q, "id", null)),
                bank(with(q, "difficulty", "expert")),
                bank(with(q, "question", "")),
                bank(with(q, "question", "x".repeat(257))),
                bank(with(q, "answer", "x".repeat(601))),
                bank(with(q, "explanation", "x".repeat(4_001))),
                bank(with(q, "choice", "x".repeat(201))),
                bank(with(q, "choice", null)),
                bank(with(q, "tags", List.of("Bad Tag"))),
                bank(with(q, "mistakes", "not a list")),
                bank(with(q, "explaination", "a typo of a field")),
                bank(with(q, "distractors", List.of("same", "same"))),
                bank(with(q, "keypoints", List.of("one", "two"))),
                bank(with(q, "keypoints", List.of("1", "2", "3", "4", "5", "6", "7"))),
                bank(with(q, "keypoints", List.of("one", "two", "x".repeat(201)))),
                bank(with(q, "keypoints", List.of("one", "", "three"))),
                toJson(Map.of("questions", List.of(with(q, "topic", null)))),
                toJson(Map.of("questions", List.of(writtenAsNull(q, "topic")))),
                bank(writtenAsNull(q, "choice")),
                toJson(Map.of("topic", "python", "questions", List.of(q), "colour", "red")),
                toJson(Map.of("topic", "Python!", "questions", List.of(q))),
                toJson(List.of(q)));
        for (String json : broken) {
            assertFalse(loaderAccepts(json), "the loader accepts " + json);
            assertFalse(schemaProblems(json).isEmpty(), "the schema accepts " + json);
        }
    }

    @Test
    void theSchemaAndTheLoaderReadAnOptionalFieldWrittenAsNullAsLeftOut() {
        Map<String, Object> q = question("python-nulls", "python");
        for (String field : List.of("topic", "tags", "explanation", "example", "mistakes", "story", "keypoints")) {
            String json = bank(writtenAsNull(q, field));
            assertTrue(loaderAccepts(json), "the loader refuses " + json);
            assertEquals(Set.of(), schemaProblems(json), json);
        }
        // Without distractors, a question needs no quiz choice of its own.
        String noQuiz = bank(writtenAsNull(writtenAsNull(q, "distractors"), "choice"));
        assertTrue(loaderAccepts(noQuiz), "the loader refuses " + noQuiz);
        assertEquals(Set.of(), schemaProblems(noQuiz), noQuiz);
    }

    /** The question with one field present and written as JSON null. */
    private static Map<String, Object> writtenAsNull(Map<String, Object> question, String field) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(question);
        copy.put(field, null);
        return copy;
    }

    @Test
    void theLoaderIsStricterWhereTheSchemaCannotSay() {
        // A schema cannot compare two fields; the loader refuses a distractor that repeats the choice.
        String json = bank(with(question("python-same", "python"), "distractors",
                List.of("The right answer about python-same", "other")));
        assertTrue(schemaProblems(json).isEmpty());
        assertFalse(loaderAccepts(json));
    }
}
