package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankSource;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.testing.BankFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server's own questions through the real JDA client: the add form (a refused field keeps what was
 * typed), review, search finding an approved question at once, imports of attached files whole or not at
 * all, export, reports, and curators' rights.
 */
class DiscordBankTest extends BotTest {

    private static final String HOSTILE = "@everyone <@400000000000000001> **bold** ( \" * AND ~ `code`";

    /** A second server, which must never see the first one's questions. */
    private static World.Guild other;

    @BeforeAll
    static void startBot() throws Exception {
        running = RunningBot.start(Map.of(), InteractionListener.ANSWER_WITHIN,
                world -> other = world.addGuild("Another team"));
        discord = running.discord;
    }

    private static FakeDiscord.Message bank(World.User user, String sub, Map<String, Object> options) {
        return discord.awaitReply(discord.slash(user, World.GENERAL, "bank", Optional.of(sub), options), WAIT);
    }

    /** The text inputs of a modal callback, by custom id: what the member sees in each field. */
    private static Map<String, String> modalValues(FakeDiscord.Callback modal) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode label : modal.data().path("components")) {
            JsonNode input = label.path("component");
            values.put(input.path("custom_id").asText(), input.path("value").asText(""));
        }
        return values;
    }

    private static Map<String, String> fields(String question) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("question", question);
        fields.put("answer", "By hashing the merchant id into 64 logical shards mapped onto four databases.");
        fields.put("explanation", "Merchants vary in size, so hashing spreads the load; the logical shards move as"
                + " a unit when a database fills up.");
        fields.put("choice", "Hash the merchant id into logical shards");
        fields.put("distractors", "Range-partition by order date\nOne database per country\nShard by customer name");
        return fields;
    }

    @Test
    void aMemberAddsByFormACuratorApprovesAndSearchFindsItAtOnce() {
        World.User curator = discord.world().addUser("curator-aMemberAddsByFormACu", true);
        World.User bob = discord.world().addUser("bob-author", false);
        FakeDiscord.Callback form = discord.awaitCallback(discord.slash(bob, World.GENERAL, "bank", Optional.of("add"),
                Map.of("topic", "acme-onsite", "difficulty", "medium")), WAIT);
        assertEquals(9, form.type(), "a modal opens");
        String modalId = form.data().path("custom_id").asText();
        assertEquals("bank-add:acme-onsite:medium", modalId);
        assertEquals(5, form.data().path("components").size());

        Map<String, String> typed = fields("How did we shard the orders table by merchant at Acme?");
        typed.put("choice", "x".repeat(300));
        FakeDiscord.Message refused = discord.awaitReply(discord.submitModal(bob, World.GENERAL, modalId, typed), WAIT);
        assertTrue(refused.ephemeral());
        assertTrue(refused.text().contains("Right choice: is 300 characters; at most 200 are allowed"), refused.data().toString());
        FakeDiscord.Callback again = discord.awaitCallback(discord.click(bob, refused,
                refused.buttons().get(0).path("custom_id").asText()), WAIT);
        assertEquals(9, again.type());
        assertEquals(typed, modalValues(again), "everything typed is there again");

        typed.put("choice", "Hash the merchant id into logical shards");
        FakeDiscord.Message added = discord.awaitReply(discord.submitModal(bob, World.GENERAL,
                again.data().path("custom_id").asText(), typed), WAIT);
        assertTrue(added.ephemeral());
        assertTrue(added.text().contains("waits for a curator's review"), added.text());
        FakeDiscord.Message notYet = discord.awaitReply(discord.slash(bob, World.GENERAL, "search",
                Map.of("query", "shard the orders table by merchant")), WAIT);
        assertFalse(notYet.text().contains("at Acme"), "a pending question is not searchable");

        FakeDiscord.Message review = bank(curator, "review", Map.of());
        assertTrue(review.ephemeral());
        assertTrue(review.text().contains("How did we shard the orders table by merchant at Acme?"), review.text());
        FakeDiscord.Message approved = press(curator, review, "Approve");
        assertTrue(approved.text().contains("Approved"), approved.text());
        FakeDiscord.Message found = discord.awaitReply(discord.slash(bob, World.GENERAL, "search",
                Map.of("query", "shard the orders table by merchant")), WAIT);
        assertTrue(found.text().startsWith("Search") || found.text().contains("1."), found.text());
        assertTrue(found.text().contains("at Acme"), "found as soon as it is approved: " + found.text());
    }

    @Test
    void anotherServerNeverSeesTheFirstOnesQuestions() {
        World.User curator = discord.world().addUser("curator-two-servers", true);
        FakeDiscord.Message imported = bank(curator, "import", Map.of("file", FakeDiscord.FileRef.of("900000000000000009",
                "private.json", file(List.of(BankFiles.with(BankFiles.question("acme-secret-sauce", "acme-private"),
                        "question", "What is the secret sauce in our ranking service?"))))));
        assertTrue(imported.text().contains("Imported 1 question"), imported.text());
        FakeDiscord.Message here = discord.awaitReply(discord.slash(curator, World.GENERAL, "search",
                Map.of("query", "secret sauce ranking service")), WAIT);
        assertTrue(here.text().contains("secret sauce"), here.text());

        World.User stranger = discord.world().addUser("stranger-two-servers", true);
        String channel = other.channelId();
        FakeDiscord.Message search = discord.awaitReply(discord.slash(stranger, channel, "search",
                Map.of("query", "secret sauce ranking service")), WAIT);
        assertFalse(search.text().contains("secret sauce in our ranking"), search.text());
        FakeDiscord.Message answer = discord.awaitReply(discord.slash(stranger, channel, "answer",
                Map.of("question", "acme-secret-sauce")), WAIT);
        assertFalse(answer.text().contains("secret sauce in our ranking"), answer.text());
        FakeDiscord.Message topic = discord.awaitReply(discord.slash(stranger, channel, "question",
                Map.of("topic", "acme-private")), WAIT);
        assertTrue(topic.text().contains("There is no topic"), topic.text());
        FakeDiscord.Callback complete = discord.awaitCallback(discord.autocomplete(stranger, channel, "answer",
                "question", "secret sauce"), WAIT);
        assertFalse(complete.data().toString().contains("acme-secret-sauce"), complete.data().toString());
        FakeDiscord.Message export = discord.awaitReply(discord.slash(stranger, channel, "bank", Optional.of("export"),
                Map.of()), WAIT);
        assertTrue(export.text().contains("no questions of its own"), export.text());
    }

    @Test
    void aQuestionTypedWithHostileTextIsShownEscapedAndPingsNoOne() {
        // A curator's question is live at once (and leaves the review queue to the other test).
        World.User cy = discord.world().addUser("cy-hostile", true);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("question", "Why " + HOSTILE + "?");
        typed.put("answer", HOSTILE);
        typed.put("explanation", HOSTILE.repeat(10));
        typed.put("choice", HOSTILE);
        typed.put("distractors", HOSTILE + " 1\n" + HOSTILE + " 2\n" + HOSTILE + " 3");
        FakeDiscord.Message added = discord.awaitReply(discord.submitModal(cy, World.GENERAL,
                "bank-add:hostile-topic:easy", typed), WAIT);
        assertTrue(added.text().contains("Question added"), added.text());
        FakeDiscord.Message mine = bank(cy, "mine", Map.of());
        assertTrue(mine.text().contains("Live"), mine.text());
        FakeDiscord.Message found = discord.awaitReply(discord.slash(cy, World.GENERAL, "search",
                Map.of("query", "why everyone bold code", "topic", "hostile-topic")), WAIT);
        assertTrue(found.text().contains("1."), found.text());
    }

    @Test
    void anAttachedFileImportsWholeAndAQuizDrawsFromIt() {
        World.User curator = discord.world().addUser("curator-anAttachedFileImport", true);
        List<Map<String, Object>> questions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            questions.add(BankFiles.question("acme-imported-" + i, "acme-import"));
        }
        byte[] good = file(questions);
        FakeDiscord.Message imported = bank(curator, "import",
                Map.of("file", FakeDiscord.FileRef.of("900000000000000001", "acme.json", good)));
        assertTrue(imported.ephemeral());
        assertTrue(imported.text().contains("Imported 50 questions"), imported.text());
        FakeDiscord.Message started = discord.awaitReply(discord.slash(curator, World.QUIZ, "quiz", Optional.of("start"),
                Map.of("topic", "acme-import", "questions", 1L, "seconds", 10L)), WAIT);
        assertFalse(started.text().contains("no quiz questions"), started.text());
        FakeDiscord.Message question = discord.awaitMessage(m -> m.channelId().equals(World.QUIZ)
                && m.text().contains("What is the question acme-imported-"), WAIT);
        assertTrue(question.buttons().size() >= 4);
        discord.awaitReply(discord.slash(curator, World.QUIZ, "quiz", Optional.of("stop"), Map.of()), WAIT);
    }

    @Test
    void aBrokenFileIsRefusedWholeWithItsFirstTenProblemsAndTheCountOfTheRest() {
        World.User curator = discord.world().addUser("curator-aBrokenFileIsRefused", true);
        List<Map<String, Object>> questions = new ArrayList<>();
        questions.add(BankFiles.question("acme-fine", "acme-broken"));
        for (int i = 0; i < 12; i++) {
            questions.add(BankFiles.with(BankFiles.question("acme-broken-" + i, "acme-broken"), "difficulty", "brutal"));
        }
        FakeDiscord.Message refused = bank(curator, "import",
                Map.of("file", FakeDiscord.FileRef.of("900000000000000002", "broken.json", file(questions))));
        assertTrue(refused.ephemeral());
        assertTrue(refused.text().contains("Nothing was imported: the file has 12 problems."), refused.text());
        assertTrue(refused.text().contains("broken.json:"), refused.text());
        assertTrue(refused.text().contains("… and 2 more."), refused.text());
        FakeDiscord.Message topic = discord.awaitReply(discord.slash(curator, World.GENERAL, "question",
                Map.of("topic", "acme-broken")), WAIT);
        assertTrue(topic.text().contains("There is no topic"), "nothing of the file was added: " + topic.text());
    }

    @Test
    void aFileOverOneMegabyteIsRefusedWithoutBeingFetched() {
        World.User curator = discord.world().addUser("curator-aFileOverOneMegabyte", true);
        FakeDiscord.FileRef huge = new FakeDiscord.FileRef("900000000000000003", "huge.json", new byte[10], 9_000_000);
        FakeDiscord.Message refused = bank(curator, "import", Map.of("file", huge));
        assertTrue(refused.text().contains("at most 1000000 bytes (1 MB)"), refused.text());
        assertEquals(0, discord.downloads(huge.id()));
    }

    @Test
    void anExportIsAFileThatLoadsAsABankAgain() throws Exception {
        World.User curator = discord.world().addUser("curator-anExportIsAFileThatL", true);
        bank(curator, "import", Map.of("file", FakeDiscord.FileRef.of("900000000000000004", "export-me.json",
                file(List.of(BankFiles.question("acme-export-1", "acme-export"),
                        BankFiles.question("acme-export-2", "acme-export"))))));
        FakeDiscord.Message export = bank(curator, "export", Map.of());
        assertTrue(export.ephemeral());
        JsonNode attachment = export.data().path("attachments").get(0);
        assertTrue(attachment != null, export.data().toString());
        assertTrue(attachment.path("filename").asText().endsWith(".json"));
        byte[] content = Base64.getDecoder().decode(attachment.path("bytes_base64").asText());
        Bank exported = new BankLoader().load(List.of(new BankSource("export.json", content)));
        assertTrue(exported.byId("acme-export-1").isPresent() && exported.byId("acme-export-2").isPresent());
    }

    @Test
    void aReportReachesTheCuratorsAndIsResolved() {
        World.User curator = discord.world().addUser("curator-aReportReachesTheCur", true);
        World.User dee = discord.world().addUser("dee-reporter", false);
        FakeDiscord.Message thanks = discord.awaitReply(discord.slash(dee, World.GENERAL, "report",
                Map.of("question", "git-bisect", "reason", "unclear", "note", HOSTILE)), WAIT);
        assertTrue(thanks.ephemeral());
        assertTrue(thanks.text().contains("built-in question"), thanks.text());
        FakeDiscord.Message twice = discord.awaitReply(discord.slash(dee, World.GENERAL, "report",
                Map.of("question", "git-bisect", "reason", "wrong")), WAIT);
        assertTrue(twice.text().contains("already reported"), twice.text());
        FakeDiscord.Message longNote = discord.awaitReply(discord.slash(dee, World.GENERAL, "report",
                Map.of("question", "git-bisect", "reason", "wrong", "note", "n".repeat(5_000))), WAIT);
        assertTrue(longNote.text().contains("at most 500"), longNote.text());

        FakeDiscord.Message reports = bank(curator, "reports", Map.of());
        assertTrue(reports.text().contains("git-bisect") && reports.text().contains("unclear ×1"), reports.text());
        String menu = reports.data().path("components").get(0).path("components").get(0).path("custom_id").asText();
        FakeDiscord.Message resolved = discord.awaitReply(discord.select(curator, reports, menu, List.of("git-bisect")), WAIT);
        assertTrue(resolved.text().contains("Resolved 1 report"), resolved.text());
    }

    @Test
    void membersWithoutTheCuratorRightCannotReviewImportOrExport() {
        World.User curator = discord.world().addUser("curator-membersWithoutTheCur", true);
        World.User eve = discord.world().addUser("eve-member", false);
        for (String sub : List.of("review", "export", "reports")) {
            FakeDiscord.Message refused = bank(eve, sub, Map.of());
            assertTrue(refused.ephemeral());
            assertTrue(refused.text().contains("Only curators"), sub + ": " + refused.text());
        }
        FakeDiscord.Message click = discord.awaitReply(discord.click(eve, bank(curator, "stats", Map.of()),
                "bank-approve:anything"), WAIT);
        assertTrue(click.text().contains("Only curators"), "a forged approve button is refused: " + click.text());
    }

    private static byte[] file(List<Map<String, Object>> questions) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("questions", questions);
        return BankFiles.toJson(root).getBytes(StandardCharsets.UTF_8);
    }
}
