package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.testing.BankFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lookup commands end to end: the real JDA client against the local fake Discord. */
class DiscordLookupTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    static final String HOSTILE_ID = "hostile-mentions";
    static final String LONG_ID = "hostile-long-explanation";

    private static RunningBot running;
    private static FakeDiscord discord;
    private static String longExplanation;

    @BeforeAll
    static void startBot() throws Exception {
        Path bankDir = Files.createTempDirectory("prepbot-discord-test");
        StringBuilder explanation = new StringBuilder();
        for (int i = 0; explanation.length() < 3_950; i++) {
            explanation.append("Sentence ").append(i).append(" of a long explanation says one more true thing. ");
        }
        longExplanation = explanation.toString().strip();
        BankFiles.write(bankDir.resolve("hostile.json"), "hostile",
                BankFiles.with(BankFiles.with(BankFiles.question(HOSTILE_ID, "hostile"), "question",
                        "@everyone what does <@400000000000000002> think of ||spoilers|| and `code?"),
                        "answer", "Ping @here and <@&300000000000000001> **now**."),
                BankFiles.with(BankFiles.question(LONG_ID, "hostile"), "explanation", longExplanation));
        running = RunningBot.start(Map.of("PREPBOT_BANK", bankDir.toString()));
        discord = running.discord;
    }

    @AfterAll
    static void stopBot() {
        try {
            for (Duration latency : discord.latencies()) {
                assertTrue(latency.compareTo(Duration.ofSeconds(3)) < 0, "acknowledged within 3 s: " + latency);
            }
        } finally {
            running.close();
        }
    }

    @AfterEach
    void nothingDiscordWouldRefuse() {
        assertEquals(List.of(), discord.violations());
        assertEquals(List.of(), discord.pings());
    }

    private static World.User player(String name) {
        // A fresh member per test keeps the per-user rate limit out of the way.
        return discord.world().addUser(name, false);
    }

    private static FakeDiscord.Message reveal(World.User user, FakeDiscord.Message message, String label) {
        JsonNode button = message.buttons().stream().filter(b -> b.path("label").asText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " in " + message.buttons()));
        FakeDiscord.Message reply = discord.awaitReply(discord.click(user, message, button.path("custom_id").asText()), WAIT);
        assertTrue(reply.ephemeral(), "a reveal is shown only to whoever clicked");
        return reply;
    }

    @Test
    void commandsAreRegisteredWithTheirOptions() {
        JsonNode commands = discord.registeredCommands();
        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.path("name").asText()));
        assertTrue(names.containsAll(List.of("question", "answer", "search", "topics", "help")), names.toString());
        for (JsonNode command : commands) {
            if (command.path("name").asText().equals("answer")) {
                assertTrue(command.path("options").get(0).path("autocomplete").asBoolean());
            }
        }
    }

    @Test
    void questionPostsAQuestionWhoseButtonsRevealTheAnswersPrivately() {
        World.User ada = player("ada-question");
        var question = discord.slash(ada, World.GENERAL, "question", Map.of("topic", "python", "difficulty", "easy"));
        FakeDiscord.Message posted = discord.awaitReply(question, WAIT);
        assertFalse(posted.ephemeral());
        assertTrue(posted.text().contains("python · easy"), posted.text());
        World.User bob = player("bob-question");
        assertTrue(reveal(bob, posted, "Short answer").text().contains("Short answer"));
        String full = reveal(bob, posted, "Full answer").text();
        for (String part : List.of("Short answer", "Explanation", "Example", "Common mistakes", "Production story")) {
            assertTrue(full.contains(part), part + " in " + full);
        }
    }

    @Test
    void answerShowsTheModelAnswerAndEveryPartBehindItsButton() {
        World.User ada = player("ada-answer");
        var answer = discord.slash(ada, World.GENERAL, "answer", Map.of("question", "python-gil"));
        FakeDiscord.Message reply = discord.awaitReply(answer, WAIT);
        assertFalse(reply.ephemeral());
        assertTrue(reply.text().contains("global interpreter lock"), reply.text());
        assertTrue(reveal(ada, reply, "Example").text().contains("scraper"));
        assertTrue(reveal(ada, reply, "Common mistakes").text().contains("Common mistakes"));
        assertTrue(reveal(ada, reply, "Production story").text().contains("report generator"));
    }

    @Test
    void aPrivateAnswerIsEphemeral() {
        var answer = discord.slash(player("ada-private"), World.GENERAL, "answer",
                Map.of("question", "web-csrf", "private", true));
        assertTrue(discord.awaitReply(answer, WAIT).ephemeral());
    }

    @Test
    void autocompleteOffersNoneOneOrManyQuestions() {
        World.User ada = player("ada-autocomplete");
        JsonNode none = discord.awaitCallback(discord.autocomplete(ada, World.GENERAL, "answer", "question", "zzzqqqxx"), WAIT).data();
        assertEquals(0, none.path("choices").size());
        JsonNode one = discord.awaitCallback(discord.autocomplete(ada, World.GENERAL, "answer", "question", "compare-and-swap"), WAIT).data();
        assertEquals("concurrency-compare-and-swap", one.path("choices").get(0).path("value").asText());
        JsonNode many = discord.awaitCallback(discord.autocomplete(ada, World.GENERAL, "answer", "question", ""), WAIT).data();
        assertTrue(many.path("choices").size() > 1 && many.path("choices").size() <= 25);
    }

    @Test
    void aFourThousandCharacterExplanationArrivesWholeWithinTheLimits() {
        var answer = discord.slash(player("ada-long"), World.GENERAL, "answer", Map.of("question", LONG_ID));
        FakeDiscord.Message reply = discord.awaitReply(answer, WAIT);
        discord.awaitTrue(() -> !answer.followups().isEmpty() || reply.text().contains(longExplanation.substring(3_800)),
                WAIT, "the rest of the explanation arrives");
        StringBuilder all = new StringBuilder(reply.text());
        answer.followups().forEach(m -> all.append(' ').append(discord.message(m.id()).text()));
        String shown = all.toString().replaceAll("\\s+", " ");
        assertTrue(shown.contains(longExplanation.substring(longExplanation.length() - 300)), "nothing is lost");
    }

    @Test
    void mentionsInBankTextAndInAQueryPingNoOne() {
        var answer = discord.slash(player("ada-ping"), World.GENERAL, "answer", Map.of("question", HOSTILE_ID));
        FakeDiscord.Message reply = discord.awaitReply(answer, WAIT);
        assertTrue(reply.text().contains("@everyone"), reply.text());
        var search = discord.slash(player("bob-ping"), World.GENERAL, "search",
                Map.of("query", "@everyone <@400000000000000002> @here gil"));
        FakeDiscord.Message result = discord.awaitReply(search, WAIT);
        assertEquals(0, discord.awaitCallback(search, WAIT).data().path("allowed_mentions").path("parse").size());
        assertTrue(result.text().contains("@everyone"), result.text());
    }

    @Test
    void aFiveThousandCharacterOptionGetsAnAnswerNotAnError() {
        var search = discord.slash(player("ada-huge"), World.GENERAL, "search", Map.of("query", "tcp ".repeat(1_250)));
        discord.awaitReply(search, WAIT);
        var answer = discord.slash(player("bob-huge"), World.GENERAL, "answer", Map.of("question", "x".repeat(5_000)));
        assertTrue(discord.awaitReply(answer, WAIT).ephemeral());
    }

    @Test
    void aDoubleClickIsAnsweredTwiceWithoutError() {
        World.User ada = player("ada-double");
        FakeDiscord.Message reply = discord.awaitReply(discord.slash(ada, World.GENERAL, "answer", Map.of("question", "python-gil")), WAIT);
        String example = reply.customIds().get(0);
        var first = discord.click(ada, reply, example);
        var second = discord.click(ada, reply, example);
        assertTrue(discord.awaitReply(first, WAIT).ephemeral());
        assertTrue(discord.awaitReply(second, WAIT).ephemeral());
    }

    @Test
    void aForgedOrStaleButtonGetsAPoliteRefusal() {
        World.User ada = player("ada-forged");
        FakeDiscord.Message reply = discord.awaitReply(discord.slash(ada, World.GENERAL, "answer", Map.of("question", "python-gil")), WAIT);
        FakeDiscord.Message garbage = discord.awaitReply(discord.click(ada, reply, "§§ not an id"), WAIT);
        assertTrue(garbage.ephemeral() && garbage.content().contains("not one I know"), garbage.content());
        FakeDiscord.Message gone = discord.awaitReply(discord.click(ada, reply, "reveal:answer:no-such-question"), WAIT);
        assertTrue(gone.content().contains("no longer in the bank"), gone.content());
    }

    @Test
    void unknownQuestionsAndTopicsGetAShortPrivateSentence() {
        FakeDiscord.Message reply = discord.awaitReply(discord.slash(player("ada-unknown"), World.GENERAL, "question",
                Map.of("topic", "astrology")), WAIT);
        assertTrue(reply.ephemeral() && reply.content().startsWith("There is no topic"), reply.content());
    }

    @Test
    void aSearchTheBankCannotAnswerSaysSoPrivatelyAndSuggestsWhereToLook() {
        FakeDiscord.Message reply = discord.awaitReply(discord.slash(player("ada-nomatch"), World.GENERAL, "search",
                Map.of("query", "best recipe for sourdough bread")), WAIT);
        assertTrue(reply.ephemeral(), "a no-match is for the asker only");
        assertTrue(reply.content().startsWith("No question in the bank answers"), reply.content());
        assertTrue(reply.content().contains("/topics"), reply.content());
    }

    @Test
    void topicsAndHelpAnswer() {
        FakeDiscord.Message topics = discord.awaitReply(discord.slash(player("ada-topics"), World.GENERAL, "topics", Map.of()), WAIT);
        assertTrue(topics.text().contains("databases"), topics.text());
        FakeDiscord.Message help = discord.awaitReply(discord.slash(player("ada-help"), World.GENERAL, "help", Map.of()), WAIT);
        assertTrue(help.ephemeral() && help.text().contains("/search query \\[topic\\]"), help.text());
    }
}
