package dev.prepbot.bank;

import static dev.prepbot.testing.BankFiles.question;
import static dev.prepbot.testing.BankFiles.toJson;
import static dev.prepbot.testing.BankFiles.with;
import static dev.prepbot.testing.BankFiles.write;
import static dev.prepbot.testing.BankFiles.writeRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankLoaderTest {

    @TempDir
    Path dir;

    private final BankLoader loader = new BankLoader();

    private Bank load(Path... paths) throws InvalidBankException {
        return loader.loadPaths(List.of(paths));
    }

    /** Loads a file that must be refused and returns its problems as printed lines. */
    private List<String> problems(Path path) {
        InvalidBankException e = assertThrows(InvalidBankException.class, () -> load(path));
        return e.problems().stream().map(BankProblem::toString).toList();
    }

    private List<String> problemsOf(Map<String, Object> question) {
        return problems(write(dir.resolve("bank.json"), "python", question));
    }

    private static void assertOneProblem(List<String> problems, String expectedPart) {
        assertEquals(1, problems.size(), () -> "expected one problem but got " + problems);
        assertTrue(problems.get(0).contains(expectedPart), () -> problems.get(0) + " should contain " + expectedPart);
    }

    @Test
    void validBankLoadsEveryField() throws Exception {
        Bank bank = load(write(dir.resolve("python.json"), "python", question("python-one", "python")));
        Question q = bank.byId("python-one").orElseThrow();
        assertEquals("python", q.topic());
        assertEquals(Difficulty.MEDIUM, q.difficulty());
        assertEquals(List.of("testing", "fixtures"), q.tags());
        assertEquals(3, q.distractors().size());
        assertTrue(q.quizReady());
        assertTrue(q.explanation().isPresent() && q.example().isPresent() && q.story().isPresent());
    }

    @Test
    void optionalFieldsMayBeLeftOut() throws Exception {
        Map<String, Object> minimal = Map.of("id", "python-min", "difficulty", "easy",
                "question", "Is this enough?", "answer", "Yes.");
        Bank bank = load(write(dir.resolve("python.json"), "python", minimal));
        Question q = bank.byId("python-min").orElseThrow();
        assertFalse(q.quizReady());
        assertTrue(q.explanation().isEmpty() && q.mistakes().isEmpty() && q.tags().isEmpty());
    }

    @Test
    void idMustBeALowercaseSlug() {
        for (String bad : List.of("Python-One", "-leading", "a", "has space", "x".repeat(65), "emoji-🙂")) {
            assertOneProblem(problemsOf(with(question("ok-id", "python"), "id", bad)), "id: must match");
        }
    }

    @Test
    void keyPointsAreThreeToSixShortStatements() throws Exception {
        List<String> three = List.of("Names the first idea", "Names the second idea", "Names the third idea");
        Question q = load(write(dir.resolve("k.json"), "python", with(question("python-k", "python"), "keypoints", three)))
                .byId("python-k").orElseThrow();
        assertEquals(three, q.keypoints());
        assertOneProblem(problemsOf(with(question("python-k", "python"), "keypoints", List.of("a", "b"))),
                "keypoints: has 2 items; 3 to 6 are allowed");
        assertOneProblem(problemsOf(with(question("python-k", "python"), "keypoints", List.of("a", "b", "c", "d", "e", "f", "g"))),
                "keypoints: has 7 items; 3 to 6 are allowed");
        assertOneProblem(problemsOf(with(question("python-k", "python"), "keypoints", List.of("a", "b", "x".repeat(201)))),
                "keypoints: item 3 is 201 characters; at most 200 are allowed");
        assertOneProblem(problemsOf(with(question("python-k", "python"), "keypoints", "one string")),
                "keypoints: must be a list of strings");
    }

    @Test
    void idIsRequired() {
        assertOneProblem(problemsOf(with(question("x-id", "python"), "id", null)), "question '#1': id: is required");
    }

    @Test
    void idsMustBeUniqueAcrossFilesOfADirectory() {
        write(dir.resolve("a.json"), "python", question("shared-id", "python"));
        write(dir.resolve("b.json"), "java", question("shared-id", "java"));
        List<String> problems = problems(dir);
        assertOneProblem(problems, "id: the id is already used at " + dir.resolve("a.json"));
        assertTrue(problems.get(0).startsWith(dir.resolve("b.json") + ":"));
    }

    @Test
    void topicComesFromTheQuestionOrTheFile() throws Exception {
        Bank bank = load(write(dir.resolve("a.json"), "python", with(question("q-one", "python"), "topic", null),
                with(question("q-two", "python"), "topic", "java")));
        assertEquals("python", bank.byId("q-one").orElseThrow().topic());
        assertEquals("java", bank.byId("q-two").orElseThrow().topic());
        assertOneProblem(problems(write(dir.resolve("b.json"), null, with(question("q-three", "x"), "topic", null))),
                "topic: is required");
    }

    @Test
    void topicMustBeASlug() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "topic", "Python 3")), "topic: must be a lowercase slug");
    }

    @Test
    void difficultyMustBeEasyMediumOrHard() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "difficulty", "expert")),
                "difficulty: must be easy, medium or hard");
        assertOneProblem(problemsOf(with(question("q-one", "python"), "difficulty", null)), "difficulty: is required");
    }

    @Test
    void questionIsRequiredAndAtMost256Characters() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "question", "")), "question: must not be empty");
        assertOneProblem(problemsOf(with(question("q-one", "python"), "question", "x".repeat(257))),
                "question: is 257 characters; at most 256");
        assertOneProblem(problemsOf(with(question("q-one", "python"), "question", null)), "question: is required");
    }

    @Test
    void lengthsCountCharactersNotBytes() throws Exception {
        // 256 characters outside the Basic Multilingual Plane: 512 UTF-16 units, 1,024 bytes.
        load(write(dir.resolve("ok.json"), "python", with(question("q-one", "python"), "question", "🙂".repeat(256))));
    }

    @Test
    void answerIsRequiredAndAtMost600Characters() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "answer", "x".repeat(601))),
                "answer: is 601 characters; at most 600");
        assertOneProblem(problemsOf(with(question("q-one", "python"), "answer", null)), "answer: is required");
    }

    @Test
    void longTextsAreAtMost4000Characters() {
        for (String field : List.of("explanation", "example", "story")) {
            assertOneProblem(problemsOf(with(question("q-one", "python"), field, "x".repeat(4001))),
                    field + ": is 4001 characters; at most 4000");
        }
    }

    @Test
    void mistakesMustBeAListOfStrings() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "mistakes", "just one")),
                "mistakes: must be a list of strings");
        assertOneProblem(problemsOf(with(question("q-one", "python"), "mistakes", List.of("ok", 3))),
                "mistakes: must be a list of strings");
    }

    @Test
    void tagsMustBeSlugs() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "tags", List.of("ok-tag", "Not A Slug"))),
                "tags: \"Not A Slug\" is not a slug");
    }

    @Test
    void choiceIsRequiredWhenDistractorsAreGiven() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "choice", null)),
                "choice: is required when distractors are given");
    }

    @Test
    void aChoiceWrittenAsNullIsNoChoiceForTheDistractors() {
        String json = toJson(Map.of("topic", "python", "questions", List.of(question("q-one", "python"))))
                .replaceFirst("\"choice\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"", "\"choice\": null");
        assertTrue(json.contains("\"choice\": null"), json);
        assertOneProblem(problems(writeRaw(dir.resolve("bank.json"), json)), "choice: is required when distractors are given");
    }

    @Test
    void anOptionalFieldWrittenAsNullCountsAsLeftOut() throws Exception {
        Map<String, Object> q = new java.util.LinkedHashMap<>(question("q-nulls", "python"));
        for (String optional : List.of("tags", "explanation", "example", "mistakes", "story", "keypoints")) {
            q.put(optional, null);
        }
        Bank bank = load(writeRaw(dir.resolve("nulls.json"), toJson(Map.of("topic", "python", "questions", List.of(q)))));
        var loaded = bank.byId("q-nulls").orElseThrow();
        assertEquals(List.of(), loaded.keypoints());
        assertEquals(List.of(), loaded.tags());
        assertTrue(loaded.explanation().isEmpty());

        Map<String, Object> empty = new java.util.LinkedHashMap<>(question("q-empty", "python"));
        empty.put("keypoints", List.of());
        assertOneProblem(problems(writeRaw(dir.resolve("empty.json"), toJson(Map.of("topic", "python", "questions",
                List.of(empty))))), "keypoints: has 0 items; 3 to 6 are allowed");
    }

    @Test
    void aRepeatedIdIsReportedEvenWhenACopyHasOtherProblems() {
        write(dir.resolve("a.json"), "python", question("shared-id", "python"),
                with(question("shared-id", "python"), "difficulty", "hard!"));
        List<String> problems = problems(dir.resolve("a.json"));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("difficulty: must be easy, medium or hard"), problems::toString);
        assertTrue(problems.get(1).contains("id: the id is already used at"), problems::toString);

        write(dir.resolve("b.json"), "python", with(question("other-id", "python"), "answer", null),
                question("other-id", "python"));
        List<String> again = problems(dir.resolve("b.json"));
        assertEquals(2, again.size(), again::toString);
        assertTrue(again.get(1).contains("id: the id is already used at " + dir.resolve("b.json")), again::toString);
    }

    @Test
    void choiceAndDistractorsAreAtMost200Characters() {
        assertOneProblem(problemsOf(with(question("q-one", "python"), "choice", "x".repeat(201))),
                "choice: is 201 characters; at most 200");
        assertOneProblem(problemsOf(with(question("q-one", "python"), "distractors", List.of("a b", "y".repeat(201)))),
                "distractors: item 2 is 201 characters; at most 200");
    }

    @Test
    void aDistractorMayNotRepeatTheChoice() {
        Map<String, Object> q = question("q-one", "python");
        assertOneProblem(problemsOf(with(q, "distractors", List.of(" the RIGHT answer about q-one", "other"))),
                "is the same as the choice");
    }

    @Test
    void aDistractorGivenTwiceInOtherCaseOrSpacingIsRefused() throws Exception {
        Map<String, Object> q = question("q-one", "python");
        assertOneProblem(problemsOf(with(q, "distractors", List.of("A  slow\tanswer", " a slow ANSWER", "other"))),
                "distractors: the same distractor is given twice");
        assertEquals(1, load(write(dir.resolve("fine.json"), "python",
                with(q, "distractors", List.of("a slow answer", "a slower answer", "other")))).size());
    }

    @Test
    void anUnknownFieldIsAnErrorWithASuggestion() {
        Map<String, Object> q = with(question("q-one", "python"), "explaination", "typo");
        assertOneProblem(problemsOf(q), "explaination: unknown field (did you mean 'explanation'?)");
    }

    @Test
    void anUnknownFileFieldIsAnErrorButSchemaIsAllowed() throws Exception {
        String json = "{\"$schema\": \"schema/bank.schema.json\", \"topic\": \"python\", \"questions\": ["
                + dev.prepbot.testing.BankFiles.toJson(question("q-one", "python")) + "]}";
        load(writeRaw(dir.resolve("ok.json"), json));
        String withTypo = json.replace("\"topic\"", "\"topik\"");
        List<String> problems = problems(writeRaw(dir.resolve("typo.json"), withTypo));
        assertTrue(problems.get(0).contains("topik: unknown field (did you mean 'topic'?)"), problems.toString());
    }

    @Test
    void everyProblemOfEveryFileIsReportedWithFileLineAndColumn() throws IOException {
        Path a = writeRaw(dir.resolve("a.json"), """
                {"topic": "python", "questions": [
                  {"id": "Bad Id", "difficulty": "easy", "question": "Q?", "answer": "A."},
                  {"id": "good-id", "difficulty": "extreme", "question": "Q?", "answer": "A.", "colour": "red"}
                ]}
                """);
        Path b = writeRaw(dir.resolve("b.json"), """
                {"topic": "java", "questions": [
                  {"id": "other-id", "difficulty": "hard", "question": "", "answer": "A."}
                ]}
                """);
        InvalidBankException e = assertThrows(InvalidBankException.class, () -> load(a, b));
        List<String> lines = e.problems().stream().map(BankProblem::toString).toList();
        assertEquals(List.of(
                a + ":2:4: question 'Bad Id': id: must match ^[a-z0-9][a-z0-9-]{1,63}$ (lowercase letters, digits and hyphens, 2-64 characters)",
                a + ":3:21: question 'good-id': difficulty: must be easy, medium or hard, not \"extreme\"",
                a + ":3:80: question 'good-id': colour: unknown field",
                b + ":2:44: question 'other-id': question: must not be empty"), lines);
    }

    @Test
    void problemsStayOnOneLineWhateverTheFileHolds() {
        // Found by the fuzz test: an id with a line break split a problem over two lines.
        List<String> problems = problemsOf(with(with(question("ok-id", "python"), "id", "two\nlines\u2028" + "x".repeat(500)),
                "difficulty", "hard\r\n"));
        assertEquals(2, problems.size(), problems.toString());
        for (String problem : problems) {
            assertFalse(problem.contains("\n") || problem.contains("\r") || problem.contains("\u2028"), problem);
            assertTrue(problem.length() < 400, problem);
        }
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        String json = dev.prepbot.testing.BankFiles.toJson(Map.of("topic", "python",
                "questions", List.of(question("q-bom", "python"))));
        Path file = dir.resolve("bom.json");
        Files.write(file, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, load(file).size());
    }

    @Test
    void invalidUtf8IsReportedWithItsPlace() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"topic\": \"python\", \"questions\": [{\"id\": \"caf\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1));
        List<String> problems = problems(file);
        assertOneProblem(problems, "not valid JSON: Invalid UTF-8");
        assertTrue(problems.get(0).startsWith(file + ":1:"), problems.get(0));
    }

    @Test
    void brokenJsonIsOneProblemNotAStackTrace() {
        List<String> problems = problems(writeRaw(dir.resolve("broken.json"), "{\"topic\": \"python\", \"questions\": [ {\"id\": "));
        assertOneProblem(problems, "not valid JSON");
        assertFalse(problems.get(0).contains("\n"));
    }

    @Test
    void aFileThatIsNotAnObjectIsRefused() {
        assertOneProblem(problems(writeRaw(dir.resolve("list.json"), "[1, 2]")),
                "a bank file must be a JSON object with \"questions\", not a list");
        assertOneProblem(problems(writeRaw(dir.resolve("empty.json"), "")), "the file is empty");
        assertOneProblem(problems(writeRaw(dir.resolve("none.json"), "{\"topic\": \"python\"}")), "no \"questions\" list");
    }

    @Test
    void deeplyNestedInputIsAProblemNotACrash() {
        String deep = "{\"topic\": \"python\", \"questions\": [{\"id\": \"q-deep\", \"colour\": "
                + "[".repeat(100_000) + "]".repeat(100_000) + "}]}";
        List<String> problems = problems(writeRaw(dir.resolve("deep.json"), deep));
        assertTrue(problems.get(0).contains("not valid JSON"), problems.toString());
    }

    @Test
    void aFiveMegabyteFileLoadsWithoutTrouble() throws Exception {
        StringBuilder json = new StringBuilder("{\"topic\": \"big\", \"questions\": [");
        int count = 0;
        while (json.length() < 5_000_000) {
            if (count > 0) {
                json.append(',');
            }
            json.append(dev.prepbot.testing.BankFiles.toJson(question("big-" + count++, "big")));
        }
        json.append("]}");
        assertEquals(count, load(writeRaw(dir.resolve("big.json"), json.toString())).size());
    }

    @Test
    void aDirectoryLoadsItsJsonFilesInNameOrder() throws Exception {
        write(dir.resolve("b.json"), "java", question("java-one", "java"));
        write(dir.resolve("a.json"), "python", question("python-one", "python"));
        writeRaw(dir.resolve("notes.txt"), "not a bank");
        Bank bank = load(dir);
        assertEquals(List.of("python-one", "java-one"), bank.questions().stream().map(Question::id).toList());
    }

    @Test
    void aMissingPathOrEmptyDirectoryIsAProblem() throws IOException {
        assertOneProblem(problems(dir.resolve("nope.json")), "no such file or directory");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertOneProblem(problems(empty), "the directory has no *.json bank files");
    }

    @Test
    void aDuplicatedFieldIsAProblem() {
        String json = "{\"topic\": \"python\", \"questions\": [{\"id\": \"q-one\", \"difficulty\": \"easy\","
                + " \"question\": \"Q?\", \"answer\": \"A.\", \"answer\": \"B.\"}]}";
        assertOneProblem(problems(writeRaw(dir.resolve("dup.json"), json)), "answer: appears twice");
    }

    @Test
    void theBuiltInBankLoads() throws Exception {
        Bank bank = loader.loadBuiltIn();
        assertTrue(bank.size() > 0);
    }
}
