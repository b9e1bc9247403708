package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A practice session end to end: every card private, the grade scheduling the question, the next one coming. */
class DiscordPracticeTest extends BotTest {

    @Test
    void aPracticeSessionShowsTheAnswerTakesAGradeAndBringsTheNextQuestionPrivately() {
        World.User ada = discord.world().addUser("ada-practice", false);
        FakeDiscord.Message first = discord.awaitReply(discord.slash(ada, World.GENERAL, "practice",
                Map.of("topic", "git")), WAIT);
        assertTrue(first.ephemeral(), "practice is private");
        assertTrue(first.text().contains("git"), first.text());
        FakeDiscord.Message answer = press(ada, first, "Show answer");
        assertTrue(answer.ephemeral());
        assertTrue(answer.text().contains("Short answer") && answer.text().contains("Key points"), answer.text());
        FakeDiscord.Message next = press(ada, answer, "Good");
        assertTrue(next.ephemeral());
        assertTrue(next.text().contains("Good:") && next.text().contains("comes back <t:"), next.text());
        assertTrue(next.buttons().stream().anyMatch(b -> b.path("label").asText().equals("Show answer")));
    }

    @Test
    void readinessIsAPictureForEveryoneWithItsSummaryAsAltText() {
        World.User cy = discord.world().addUser("cy-readiness", false);
        FakeDiscord.Message reply = discord.awaitReply(discord.slash(cy, World.GENERAL, "readiness",
                Map.of("period", "all")), WAIT);
        assertTrue(!reply.ephemeral(), "the team's picture is for the team");
        JsonNode file = reply.data().path("attachments").get(0);
        assertEquals("readiness-all.png", file.path("filename").asText());
        byte[] png = java.util.Base64.getDecoder().decode(file.path("bytes_base64").asText());
        assertEquals(0x89, png[0] & 0xff);
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(reply.content(), file.path("description").asText(), "the alt text says what the message says");
    }

    @Test
    void reviewWithNothingMissedSaysSoPrivately() {
        World.User bob = discord.world().addUser("bob-review", false);
        FakeDiscord.Message reply = discord.awaitReply(discord.slash(bob, World.GENERAL, "review", Map.of()), WAIT);
        assertTrue(reply.ephemeral());
        assertTrue(reply.content().startsWith("You have missed no quiz question"), reply.content());
    }
}
