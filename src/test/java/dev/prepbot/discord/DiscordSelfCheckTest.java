package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Question;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Check my answer": a modal for the member's own answer, and a private verdict against the key points. */
class DiscordSelfCheckTest extends BotTest {

    /** Clicks "Check my answer" on a /answer-free question card and returns the modal's custom id. */
    private static String openCheck(World.User user, String questionId) {
        FakeDiscord.Message card = discord.awaitReply(discord.slash(user, World.GENERAL, "question",
                Map.of("topic", "git")), WAIT);
        JsonNode check = card.buttons().stream().filter(b -> b.path("label").asText().equals("Check my answer"))
                .findFirst().orElseThrow(() -> new AssertionError("no check button in " + card.buttons()));
        assertTrue(check.path("custom_id").asText().startsWith("check:git-"));
        FakeDiscord.Callback modal = discord.awaitCallback(discord.click(user, card,
                "check:" + questionId), WAIT);
        assertEquals(9, modal.type(), "a modal opens");
        assertEquals("check-answer:" + questionId, modal.data().path("custom_id").asText());
        return modal.data().path("custom_id").asText();
    }

    @Test
    void aWrittenAnswerIsCheckedAgainstTheKeyPointsPrivately() throws Exception {
        Question q = new BankLoader().loadBuiltIn().byId("git-reset-vs-revert").orElseThrow();
        World.User ada = discord.world().addUser("ada-check", false);
        String modal = openCheck(ada, q.id());
        FakeDiscord.Message verdict = discord.awaitReply(discord.submitModal(ada, World.GENERAL, modal,
                Map.of("answer", q.keypoints().get(0))), WAIT);
        assertTrue(verdict.ephemeral(), "a member's own answer is checked privately");
        assertTrue(verdict.text().contains("Covered: 1 of " + q.keypoints().size())
                || verdict.text().contains("Covered: 2 of " + q.keypoints().size()), verdict.text());
        assertTrue(verdict.text().contains("Missed") && verdict.text().contains("Short answer"), verdict.text());
    }

    @Test
    void anEmptyOrHostileAnswerGetsASentenceAndPingsNoOne() {
        World.User bob = discord.world().addUser("bob-check", false);
        String modal = openCheck(bob, "git-bisect");
        FakeDiscord.Message empty = discord.awaitReply(discord.submitModal(bob, World.GENERAL, modal,
                Map.of("answer", "   ")), WAIT);
        assertTrue(empty.ephemeral() && empty.content().startsWith("Your answer was empty"), empty.content());
        FakeDiscord.Message hostile = discord.awaitReply(discord.submitModal(bob, World.GENERAL, modal,
                Map.of("answer", "@everyone <@400000000000000002> **bisect** ".repeat(40))), WAIT);
        assertTrue(hostile.ephemeral());
    }
}
