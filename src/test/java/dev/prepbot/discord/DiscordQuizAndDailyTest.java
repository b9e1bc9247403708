package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Quiz rounds, the leaderboard and the daily question end to end through the real JDA client. */
class DiscordQuizAndDailyTest extends BotTest {

    @Test
    void aRoundIsPlayedStoppedAndCountedOnTheLeaderboard() {
        World.User ada = discord.world().addUser("ada-quiz", false);
        World.User bob = discord.world().addUser("bob-quiz", false);
        FakeDiscord.Message started = discord.awaitReply(discord.slash(ada, World.QUIZ, "quiz", Optional.of("start"),
                Map.of("questions", 3L, "seconds", 60L)), WAIT);
        assertTrue(started.text().contains("3 questions"), started.text());
        FakeDiscord.Message question = discord.awaitMessage(m -> m.channelId().equals(World.QUIZ)
                && m.text().contains("Question 1 of 3"), WAIT);
        assertEquals(4, question.buttons().size());
        assertTrue(question.text().contains("<t:"), "a live countdown: " + question.text());

        FakeDiscord.Message locked = discord.awaitReply(discord.click(bob, question, question.customIds().get(1)), WAIT);
        assertTrue(locked.ephemeral() && locked.content().equals("Locked in B."), locked.content());
        FakeDiscord.Message again = discord.awaitReply(discord.click(bob, question, question.customIds().get(2)), WAIT);
        assertEquals("You already answered this question.", again.content());

        FakeDiscord.Message second = discord.awaitReply(discord.slash(ada, World.QUIZ, "quiz", Optional.of("start"), Map.of()), WAIT);
        assertTrue(second.ephemeral() && second.content().contains("https://discord.com/channels/" + World.GUILD_ID
                + "/" + World.QUIZ + "/" + question.id()), second.content());

        FakeDiscord.Message refused = discord.awaitReply(discord.slash(bob, World.QUIZ, "quiz", Optional.of("stop"), Map.of()), WAIT);
        assertTrue(refused.ephemeral() && refused.content().startsWith("Only the person who started"), refused.content());
        FakeDiscord.Message stopped = discord.awaitReply(discord.slash(World.ADA, World.QUIZ, "quiz", Optional.of("stop"), Map.of()), WAIT);
        assertFalse(stopped.ephemeral());
        discord.awaitMessage(m -> m.channelId().equals(World.QUIZ) && m.text().contains("Round stopped"), WAIT);
        FakeDiscord.Message closed = discord.awaitMessage(m -> m.id().equals(question.id()) && m.text().contains("Right answer"), WAIT);
        assertTrue(closed.buttons().stream().allMatch(b -> b.path("disabled").asBoolean()), closed.data().toString());

        FakeDiscord.Message board = discord.awaitReply(discord.slash(bob, World.QUIZ, "leaderboard", Map.of("period", "week")), WAIT);
        assertTrue(board.text().contains("bob-quiz"), board.text());
        assertTrue(board.text().matches("(?s).*You are #\\d+ of \\d+ with \\d+ points.*"), board.text());
    }

    @Test
    void aWholeRoundRunsOutItsTimerAndEndsWithASummary() {
        World.User ada = discord.world().addUser("ada-whole", false);
        // The shortest round allowed: one question of ten seconds, played on the real clock.
        discord.awaitReply(discord.slash(ada, World.GENERAL, "quiz", Optional.of("start"),
                Map.of("questions", 1L, "seconds", 10L)), WAIT);
        FakeDiscord.Message question = discord.awaitMessage(m -> m.channelId().equals(World.GENERAL)
                && m.text().contains("Question 1 of 1"), WAIT);
        discord.awaitReply(discord.click(ada, question, question.customIds().get(0)), WAIT);
        FakeDiscord.Message summary = discord.awaitMessage(m -> m.channelId().equals(World.GENERAL)
                && m.text().contains("Round over"), Duration.ofSeconds(20));
        assertTrue(summary.text().contains("1. ada-whole: "), summary.text());
        FakeDiscord.Message closed = discord.message(question.id());
        assertTrue(closed.text().contains("Right answer"), closed.text());
    }

    @Test
    void guildOnlyCommandsAreRefusedInDirectMessages() {
        World.User eve = discord.world().addUser("eve-dm", false);
        FakeDiscord.Message reply = discord.awaitReply(discord.directSlash(eve, "quiz", Map.of()), WAIT);
        assertTrue(reply.content().contains("works only in a server channel"), reply.content());
    }

    @Test
    void theDailyQuestionIsSetByAManagerAndRefusedToOthers() {
        World.User carol = discord.world().addUser("carol-daily", false);
        FakeDiscord.Message refused = discord.awaitReply(discord.slash(carol, World.GENERAL, "daily", Optional.of("set"),
                Map.of("channel", new FakeDiscord.ChannelRef(World.GENERAL), "time", "09:00", "timezone", "Europe/Berlin")), WAIT);
        assertTrue(refused.ephemeral() && refused.content().startsWith("Only members with the Manage Server"), refused.content());
        World.User dora = discord.world().addUser("dora-daily", true);
        FakeDiscord.Message set = discord.awaitReply(discord.slash(dora, World.GENERAL, "daily", Optional.of("set"),
                Map.of("channel", new FakeDiscord.ChannelRef(World.GENERAL), "time", "9:30", "timezone", "europe/berlin")), WAIT);
        assertTrue(set.text().contains("09:30 every day, Europe/Berlin"), set.text());
        assertTrue(set.text().contains("<#" + World.GENERAL + ">"), set.text());
        var zones = discord.awaitCallback(discord.autocomplete(dora, World.GENERAL, "daily", "timezone", "berl"), WAIT);
        assertEquals("Europe/Berlin", zones.data().path("choices").get(0).path("value").asText());
        FakeDiscord.Message off = discord.awaitReply(discord.slash(dora, World.GENERAL, "daily", Optional.of("off"), Map.of()), WAIT);
        assertTrue(off.content().startsWith("The question of the day is off"), off.content());
    }
}
