package dev.prepbot;

import static dev.prepbot.testing.BankFiles.question;
import static dev.prepbot.testing.BankFiles.with;
import static dev.prepbot.testing.BankFiles.write;
import static dev.prepbot.testing.BankFiles.writeRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prepbot.discord.DiscordBot;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Question;
import dev.prepbot.testing.TestCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private Path bank;

    /** What one run of the command line printed, and its exit code. */
    record Run(int code, String out, String err) {
    }

    private Run run(String stdin, Map<String, String> env, String... args) {
        Map<String, String> withCache = new java.util.HashMap<>(env);
        withCache.putIfAbsent("XDG_CACHE_HOME", TestCache.folder().toString());
        env = withCache;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return run("", Map.of(), args);
    }

    @BeforeEach
    void writeBank() {
        bank = write(dir.resolve("bank.json"), "networking",
                with(with(question("tcp-handshake", "networking"), "question",
                        "What happens during the TCP three-way handshake?"), "tags", List.of("tcp", "handshake")),
                with(question("dns-lookup", "networking"), "question", "How does a DNS lookup find an address?"),
                with(with(question("http-caching", "web"), "question", "How do HTTP caching headers work?"),
                        "difficulty", "easy"));
    }

    private static void assertNoStackTrace(Run run) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
    }

    @Test
    void runWithoutATokenSaysSoBeforeLoadingTheBank() {
        Run run = run("--bank", "/no/such/bank", "run");
        assertEquals(1, run.code());
        assertEquals("prepbot: " + DiscordBot.NO_TOKEN + System.lineSeparator(), run.err());
    }

    @Test
    void searchJsonHasExactlyTheContractShape() throws Exception {
        Run run = run("--bank", bank.toString(), "search", "tcp", "handshke", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("query", "results"), names(root));
        assertEquals("tcp handshke", root.get("query").asText());
        JsonNode first = root.get("results").get(0);
        assertEquals(List.of("id", "topic", "difficulty", "question", "score"), names(first));
        assertEquals("tcp-handshake", first.get("id").asText());
        assertEquals("networking", first.get("topic").asText());
        assertEquals("medium", first.get("difficulty").asText());
        assertTrue(first.get("score").isNumber());
        double previous = Double.MAX_VALUE;
        for (JsonNode result : root.get("results")) {
            assertTrue(result.get("score").asDouble() <= previous, "results are best first");
            previous = result.get("score").asDouble();
        }
    }

    @Test
    void searchFiltersByTopicAndLimits() throws Exception {
        Run run = run("--bank", bank.toString(), "search", "tcp dns http", "--topic", "web", "--limit", "5", "--json");
        JsonNode results = new ObjectMapper().readTree(run.out()).get("results");
        assertEquals(1, results.size());
        assertEquals("http-caching", results.get(0).get("id").asText());
    }

    @Test
    void searchInAnUnknownTopicFindsNothingAndStillPrintsParseableJson() throws Exception {
        Run run = run("--bank", bank.toString(), "search", "tcp", "--topic", "no-such-topic", "--json");
        assertEquals(1, run.code());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(0, root.get("results").size());
        List<String> suggested = new ArrayList<>();
        root.get("suggestions").forEach(topic -> suggested.add(topic.asText()));
        assertTrue(suggested.contains("networking"), suggested.toString());
        assertTrue(run.err().contains("there is no topic 'no-such-topic'"), run.err());
    }

    @Test
    void searchPrintsMatchedWordsInBold() {
        Run run = run("--bank", bank.toString(), "search", "dns");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("How does a **DNS** lookup find an address?"), run.out());
    }

    @Test
    void checkSaysWhichKeyPointsAnAnswerCoversAsJson() throws Exception {
        Question q = new BankLoader().loadBuiltIn().byId("git-reset-vs-revert").orElseThrow();
        String answer = q.keypoints().get(0) + ". " + q.keypoints().get(1) + ".";
        Run run = run(answer, Map.of(), "check", "git-reset-vs-revert", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("git-reset-vs-revert", root.get("id").asText());
        List<String> covered = new ArrayList<>();
        root.get("covered").forEach(p -> covered.add(p.asText()));
        List<String> missed = new ArrayList<>();
        root.get("missed").forEach(p -> missed.add(p.asText()));
        assertTrue(covered.containsAll(q.keypoints().subList(0, 2)), covered.toString());
        assertEquals(q.keypoints().size(), covered.size() + missed.size());
    }

    @Test
    void checkOfAnUnknownQuestionOrOneWithoutKeyPointsExitsOne() {
        Map<String, String> wordsOnly = Map.of("PREPBOT_SEARCH_MODEL", "off");
        Run unknown = run("an answer", wordsOnly, "check", "no-such-question");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no question has the id 'no-such-question'"), unknown.err());
        Run without = run("an answer", wordsOnly, "--bank", bank.toString(), "check", "tcp-handshake", "--json");
        assertEquals(1, without.code());
        assertEquals("", without.out());
        assertTrue(without.err().contains("has no key points"), without.err());
        assertEquals(2, run("an answer", wordsOnly, "check").code());
    }

    @Test
    void searchWithNothingFoundExitsOne() {
        Run run = run("--bank", bank.toString(), "search", "zebra");
        assertEquals(1, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().contains("no question in the bank answers 'zebra'"), run.err());
    }

    @Test
    void searchOfOnlySymbolsIsNotAnError() throws Exception {
        Run run = run("--bank", bank.toString(), "search", "( \" * AND ~ : ? / \\ -", "--json");
        assertEquals(1, run.code());
        assertEquals(0, new ObjectMapper().readTree(run.out()).get("results").size());
        assertNoStackTrace(run);
    }

    @Test
    void showJsonRoundTripsThroughTheLoader() throws Exception {
        Run run = run("--bank", bank.toString(), "show", "tcp-handshake", "--json");
        assertEquals(0, run.code(), run.err());
        Path again = writeRaw(dir.resolve("again.json"), "{\"questions\": [" + run.out() + "]}");
        Question original = new BankLoader().loadPaths(List.of(bank)).byId("tcp-handshake").orElseThrow();
        Question reloaded = new BankLoader().loadPaths(List.of(again)).byId("tcp-handshake").orElseThrow();
        assertEquals(original, reloaded);
    }

    @Test
    void showPrintsTheFullModelAnswer() {
        Run run = run("--bank", bank.toString(), "show", "dns-lookup");
        assertEquals(0, run.code());
        for (String part : List.of("Short answer", "Explanation", "Example", "Common mistakes", "Production story")) {
            assertTrue(run.out().contains(part), part);
        }
    }

    @Test
    void showOfAnUnknownIdExitsOne() {
        Run run = run("--bank", bank.toString(), "show", "no-such-id");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("prepbot: no question has the id 'no-such-id'"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void topicsJsonCountsByDifficulty() throws Exception {
        Run run = run("--bank", bank.toString(), "topics", "--json");
        JsonNode topics = new ObjectMapper().readTree(run.out()).get("topics");
        assertEquals("networking", topics.get(0).get("topic").asText());
        assertEquals(2, topics.get(0).get("medium").asInt());
        assertEquals(1, topics.get(1).get("easy").asInt());
    }

    @Test
    void validateExitsZeroForAGoodBankAndOneForABrokenOne() {
        Run good = run("validate", bank.toString());
        assertEquals(0, good.code());
        assertEquals("OK: 3 questions in 2 topics\n", good.out());
        Path broken = write(dir.resolve("broken.json"), "python", with(question("Bad Id", "python"), "difficulty", "x"));
        Run bad = run("validate", broken.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains(broken + ":"), bad.err());
        assertTrue(bad.err().contains("id: must match"), bad.err());
        assertTrue(bad.err().contains("difficulty: must be easy, medium or hard"), bad.err());
        assertTrue(bad.err().contains("prepbot: the bank was refused: 2 problems."), bad.err());
        assertTrue(bad.err().strip().endsWith("docs/bank-format.md in Prepbot's repository"), "points to the format's rules");
        assertNoStackTrace(bad);
    }

    @Test
    void importThenExportGivesTheSameBankAndABrokenFileAddsNothing() throws Exception {
        String db = dir.resolve("prepbot.db").toString();
        Path acme = write(dir.resolve("acme.json"), "acme-onsite", question("acme-one", "acme-onsite"),
                question("acme-two", "acme-onsite"));
        Run imported = run("--bank", bank.toString(), "--db", db, "import", "--guild", "123", acme.toString());
        assertEquals(0, imported.code(), imported.err());
        assertEquals("Imported 2 questions into server 123.\n", imported.out());
        Run exported = run("--bank", bank.toString(), "--db", db, "export", "--guild", "123");
        assertEquals(0, exported.code(), exported.err());
        Path again = java.nio.file.Files.writeString(dir.resolve("again.json"), exported.out());
        Run importedAgain = run("--bank", bank.toString(), "--db", db, "import", "--guild", "456", again.toString());
        assertEquals(0, importedAgain.code(), importedAgain.err());
        assertEquals(exported.out(), run("--bank", bank.toString(), "--db", db, "export", "--guild", "456").out());

        Path broken = write(dir.resolve("broken.json"), "acme-onsite", question("acme-three", "acme-onsite"),
                with(question("acme-four", "acme-onsite"), "difficulty", "brutal"), question("tcp-handshake", "acme-onsite"));
        Run refused = run("--bank", bank.toString(), "--db", db, "import", "--guild", "123", broken.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("broken.json:"), refused.err());
        assertTrue(refused.err().contains("difficulty: must be easy, medium or hard"), refused.err());
        assertTrue(refused.err().contains("already used by a built-in question"), refused.err());
        assertTrue(refused.err().contains("nothing was imported: 2 problems."), refused.err());
        assertNoStackTrace(refused);
        assertEquals(exported.out(), run("--bank", bank.toString(), "--db", db, "export", "--guild", "123").out(),
                "a refused file changes nothing");
        assertEquals(1, run("--bank", bank.toString(), "--db", db, "export", "--guild", "789").code());
        assertEquals(2, run("--bank", bank.toString(), "--db", db, "import", acme.toString()).code());
    }

    @Test
    void importWarnsOfAQuestionThatRepeatsABuiltInOneInOtherWordsEveryTime() throws Exception {
        // Few words in common with "What happens during the TCP three-way handshake?", so only the
        // sentence model can tell it is the same question: the import waits for it, however slow it is.
        Path file = write(dir.resolve("acme.json"), "acme-onsite",
                with(with(question("acme-handshake", "acme-onsite"), "question",
                        "Walk me through what occurs in the three way handshake of TCP"),
                        "answer", "It is about tcp-handshake."));
        for (String guild : List.of("123", "456")) {
            Path cache = dir.resolve("cache-" + guild);
            Run imported = run("", Map.of("XDG_CACHE_HOME", cache.toString()), "--bank", bank.toString(),
                    "--db", dir.resolve("same.db").toString(), "import", "--guild", guild, file.toString());
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.err().contains("prepbot: acme-handshake looks like the existing question tcp-handshake"),
                    imported.err());
        }
    }

    @Test
    void reportsJsonListsOpenReportsBuiltInOnesIncluded() throws Exception {
        String db = dir.resolve("reports.db").toString();
        try (dev.prepbot.store.Database database = dev.prepbot.store.Database.open(db, java.time.Clock.systemUTC())) {
            new dev.prepbot.store.SqlServerBankStore(database).report(new dev.prepbot.serverbank.Report("r1", "123",
                    "tcp-handshake", true, "u1", dev.prepbot.serverbank.ReportReason.WRONG, java.util.Optional.of("SYN?"),
                    java.time.Instant.parse("2026-11-01T00:00:00Z"), java.util.Optional.empty()));
        }
        Run run = run("--bank", bank.toString(), "--db", db, "reports", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out()).path("reports").get(0);
        assertEquals("tcp-handshake", report.path("question").asText());
        assertTrue(report.path("builtIn").asBoolean());
        assertEquals("wrong", report.path("reason").asText());
        assertEquals("SYN?", report.path("note").asText());
    }

    @Test
    void wrongUsageExitsTwo() {
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("search").code());
        assertEquals(2, run("--bank", bank.toString(), "search", "tcp", "--limit", "lots").code());
        assertEquals(2, run("show").code());
        assertEquals(2, run("topics", "--colour").code());
        assertEquals(2, run("--bank").code());
        Run unknown = run("frobnicate");
        assertTrue(unknown.err().startsWith("prepbot: unknown command 'frobnicate'"), unknown.err());
    }

    @Test
    void optionsMayComeAfterTheCommandAndMistakesAreOneLine() {
        Run late = run("search", "tcp", "handshake", "--json", "--bank", bank.toString());
        assertEquals(0, late.code(), late.err());
        assertTrue(late.out().startsWith("{\"query\":\"tcp handshake\""), late.out());
        Run unknown = run("--bank", bank.toString(), "topics", "--colour");
        assertEquals("prepbot: unknown option '--colour' (see 'prepbot --help')\n", unknown.err());
        assertEquals("", unknown.out());
        Run extra = run("--bank", bank.toString(), "show", "tcp-handshake", "dns-lookup");
        assertEquals(2, extra.code());
        assertTrue(extra.err().startsWith("prepbot: unexpected argument 'dns-lookup'"), extra.err());
        Run typed = run("--bank", bank.toString(), "show", "no\nsuch\u001b[2J");
        assertEquals(1, typed.code());
        assertEquals(1, typed.err().lines().count(), typed.err());
        assertTrue(typed.err().contains("'no\\nsuch\\u001b[2J'"), typed.err());
        Run limit = run("--bank", bank.toString(), "search", "tcp", "--limit", "0");
        assertTrue(limit.err().startsWith("prepbot: --limit must be a whole number from 1 to 100"), limit.err());
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        Run run = run("--help");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("Usage: prepbot"));
        Run searched = run("--bank", bank.toString(), "search", "--json", "--", "--help");
        assertTrue(searched.out().startsWith("{\"query\":\"--help\""), "after -- it is a query: " + searched.out());
    }

    @Test
    void noCommandWithoutATokenRunsTheConsole() {
        Run run = run("/topics\n", Map.of(), "--bank", bank.toString(), "--db", dir.resolve("main.db").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("3 questions in 2 topics"), run.out());
    }

    @Test
    void aPipedConsolePrintsPlainTextWithoutEscapeCodes() {
        Run run = run("/search tcp handshke\n1\n/question networking\n", Map.of("TERM", "xterm-256color"),
                "--bank", bank.toString(), "--db", dir.resolve("main.db").toString(), "console");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("== Search: tcp handshke ==\n"), run.out());
        assertTrue(run.out().contains("**TCP**"), "strong words are marked in plain text: " + run.out());
        assertFalse(run.out().contains("\u001b"), run.out());
        assertFalse(run.out().contains("prepbot>"), "no prompt is printed into a pipe: " + run.out());
    }

    @Test
    void bankEnvironmentVariableAddsBesideTheBuiltInBank() {
        Run run = run("", Map.of("PREPBOT_BANK", bank.toString()), "show", "tcp-handshake", "--json");
        assertEquals(0, run.code(), run.err());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
