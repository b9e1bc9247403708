package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replies that are not ready at once are deferred, and Discord fixes a deferred reply's visibility at
 * the deferral. Here every reply is deferred, to show that what is private stays private and what is
 * public is shown to all, whichever the deferral guessed.
 */
class DiscordDeferredReplyTest extends BotTest {

    @BeforeAll
    static void startBot() throws Exception {
        running = RunningBot.start(Map.of("PREPBOT_SEARCH_MODEL", "off"), Duration.ZERO);
        discord = running.discord;
    }

    @Test
    void aDeferredRevealIsShownOnlyToWhoeverClicked() {
        World.User ada = discord.world().addUser("ada-deferred", false);
        FakeDiscord.Message card = discord.awaitDeferredAnswer(
                discord.slash(ada, World.GENERAL, "answer", Map.of("question", "python-gil")), WAIT);
        assertFalse(card.ephemeral(), "/answer without private:true is for everyone");
        JsonNode example = card.buttons().stream().filter(b -> b.path("label").asText().equals("Example")).findFirst()
                .orElseThrow();
        FakeDiscord.Message revealed = discord.awaitDeferredAnswer(
                discord.click(ada, card, example.path("custom_id").asText()), WAIT);
        assertTrue(revealed.ephemeral(), "a deferred reveal must stay private");
        assertTrue(revealed.text().contains("Example"), revealed.text());
    }

    @Test
    void aDeferredPrivateAnswerIsPrivate() {
        World.User bob = discord.world().addUser("bob-deferred", false);
        FakeDiscord.Message answer = discord.awaitDeferredAnswer(discord.slash(bob, World.GENERAL, "answer",
                Map.of("question", "python-gil", "private", "true")), WAIT);
        assertTrue(answer.ephemeral(), "private:true must stay private when deferred");
    }

    @Test
    void aReplyThatTurnsOutPrivateAfterAPublicDeferralNeverShowsToAll() {
        World.User cy = discord.world().addUser("cy-deferred", false);
        FakeDiscord.Interaction asked = discord.slash(cy, World.GENERAL, "question", Map.of("topic", "astrology"));
        FakeDiscord.Message refusal = discord.awaitDeferredAnswer(asked, WAIT);
        assertTrue(refusal.ephemeral(), "the private refusal went out publicly: " + refusal.content());
        assertTrue(refusal.content().startsWith("There is no topic"), refusal.content());
        assertTrue(discord.messages().stream().filter(m -> !m.ephemeral())
                .noneMatch(m -> m.content().startsWith("There is no topic")), "nothing private is left in public");
    }
}
