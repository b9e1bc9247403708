package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.testing.PrepbotProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bot process, killed with SIGKILL at random moments while players answer, again and again:
 * every answer a player was told was locked in is stored exactly once, no round stays open after a
 * restart, the day's question is posted once however often the bot restarts, and the database stays
 * intact.
 */
class CrashSafetyTest {

    /** At least twenty in the default suite; {@code -Dprepbot.kills=500} for a long run. */
    static final int KILLS = Integer.getInteger("prepbot.kills", 20);
    private static final String TOKEN = "Mzk4NzY1NDMyMTAxMjM0NTY3.crash-test-secret";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** An answer the bot acknowledged as scored. */
    record Scored(String roundId, int question, String userId) {
    }

    private Process launch(FakeDiscord discord) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(PrepbotProcess.command("run"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.txt").toFile()));
        builder.environment().putAll(Map.of("DISCORD_TOKEN", TOKEN,
                "PREPBOT_DISCORD_API", discord.restBaseUrl(),
                "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                "PREPBOT_DB", dir.resolve("crash.db").toString(),
                // Crashes, not search, are under test: embedding the bank would only take a core from the bursts.
                "PREPBOT_SEARCH_MODEL", "off",
                // Kills land while the search index is being stored too: every start must still come up.
                "XDG_CACHE_HOME", dir.resolve("cache").toString()));
        return builder.start();
    }

    /**
     * A schedule at 00:00 UTC, set yesterday: today's post is due whenever the test runs, so each start
     * finds it owed unless an earlier start already claimed the day.
     */
    private void scheduleADailyQuestionAlreadyDueToday() throws Exception {
        java.time.Clock clock = java.time.Clock.systemUTC();
        try (dev.prepbot.store.Database db = dev.prepbot.store.Database.open(dir.resolve("crash.db").toString(), clock)) {
            new dev.prepbot.store.SqlDailyRecords(db).saveSchedule(new dev.prepbot.daily.DailySchedule(World.GUILD_ID,
                    World.GENERAL, java.time.LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC, Optional.empty(),
                    clock.instant().minus(Duration.ofDays(1))));
        }
    }

    private static long registrations(FakeDiscord discord) {
        return discord.calls().stream().filter(c -> c.method().equals("PUT") && c.path().endsWith("/commands")).count();
    }

    /** Each answer a player was told was locked in is in the database exactly once. */
    private static void assertStoredOnce(Connection db, List<Scored> acknowledged) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT COUNT(*) FROM answers WHERE round_id = ? AND question_index = ? AND user_id = ?")) {
            for (Scored s : acknowledged) {
                p.setString(1, s.roundId());
                p.setInt(2, s.question());
                p.setString(3, s.userId());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    assertEquals(1, r.getInt(1), "an acknowledged answer is stored exactly once: " + s);
                }
            }
        }
    }

    @Test
    void aKillInTheMiddleOfABurstOfClicksLosesNoAcknowledgedAnswerAndCountsNoneTwice() throws Exception {
        int players = Integer.getInteger("prepbot.burst", 400);
        List<Scored> acknowledged = new ArrayList<>();
        try (FakeDiscord discord = FakeDiscord.start(Duration.ofSeconds(30))) {
            Process bot = launch(discord);
            List<FakeDiscord.Interaction> clicks = new ArrayList<>();
            List<String[]> clicked = new ArrayList<>();
            try {
                discord.awaitTrue(() -> registrations(discord) > 0, WAIT, "the bot is up");
                World.User starter = discord.world().addUser("burst-starter", false);
                discord.awaitReply(discord.slash(starter, World.QUIZ, "quiz", Optional.of("start"),
                        Map.of("questions", 1L, "seconds", 120L)), WAIT);
                FakeDiscord.Message question = discord.awaitMessage(m -> m.channelId().equals(World.QUIZ)
                        && m.text().contains("Question 1 of 1"), WAIT);
                for (int i = 0; i < players; i++) {
                    World.User player = discord.world().addUser("burst-" + i, false);
                    String customId = question.customIds().get(i % 4);
                    clicks.add(discord.click(player, question, customId));
                    clicked.add(new String[] {customId, player.id()});
                    if (i % 20 == 0) {
                        clicks.add(discord.click(player, question, customId));
                        clicked.add(new String[] {customId, player.id()});
                    }
                }
                // Killed while the burst is being stored and acknowledged: some clicks answered, some not.
                discord.awaitTrue(() -> clicks.stream().filter(c -> c.callbackNow().isPresent()).count() >= players / 4,
                        WAIT, "a quarter of the clicks are acknowledged");
            } finally {
                bot.destroyForcibly();
                assertTrue(bot.waitFor(30, TimeUnit.SECONDS));
            }
            for (int i = 0; i < clicks.size(); i++) {
                Optional<FakeDiscord.Callback> ack = clicks.get(i).callbackNow();
                if (ack.isPresent() && ack.get().data().path("content").asText().startsWith("Locked in")) {
                    String[] parts = clicked.get(i)[0].split(":");
                    acknowledged.add(new Scored(parts[1], Integer.parseInt(parts[2]), clicked.get(i)[1]));
                }
            }
            Process again = launch(discord);
            try {
                discord.awaitTrue(() -> registrations(discord) > 1, WAIT, "the bot is up again");
            } finally {
                again.destroy();
                assertTrue(again.waitFor(30, TimeUnit.SECONDS));
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("crash.db"))) {
            assertStoredOnce(db, acknowledged);
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM answers")) {
                r.next();
                assertEquals(r.getInt(2), r.getInt(1), "no player's answer is counted twice");
                assertTrue(r.getInt(1) >= acknowledged.size());
            }
        }
        assertTrue(acknowledged.size() >= players / 5, "the kill came mid-burst: " + acknowledged.size() + " acknowledged");
    }

    @Test
    void killingTheBotAtRandomMomentsLosesNoScoreAndLeavesNoRoundOpen() throws Exception {
        Random random = new Random(20261124);
        List<Scored> scored = new ArrayList<>();
        scheduleADailyQuestionAlreadyDueToday();
        try (FakeDiscord discord = FakeDiscord.start()) {
            for (int kill = 0; kill <= KILLS; kill++) {
                long before = registrations(discord);
                Process bot = launch(discord);
                try {
                    discord.awaitTrue(() -> registrations(discord) > before, WAIT, "the bot is up (start " + kill + ")");
                    if (kill == KILLS) {
                        break;
                    }
                    World.User starter = discord.world().addUser("starter-" + kill, false);
                    var start = discord.slash(starter, World.QUIZ, "quiz", Optional.of("start"),
                            Map.of("questions", 3L, "seconds", 60L));
                    discord.awaitReply(start, WAIT);
                    int seen = discord.messages().size();
                    FakeDiscord.Message question = discord.awaitMessage(m -> m.channelId().equals(World.QUIZ)
                            && m.text().contains("Question 1 of 3") && discord.messages().indexOf(m) >= seen - 2, WAIT);
                    int clicks = random.nextInt(12);
                    for (int c = 0; c < clicks; c++) {
                        World.User player = discord.world().addUser("player-" + kill + "-" + c, false);
                        String customId = question.customIds().get(random.nextInt(4));
                        var click = discord.click(player, question, customId);
                        if (random.nextInt(4) == 0) {
                            break;
                        }
                        FakeDiscord.Message reply = discord.awaitReply(click, WAIT);
                        if (reply.content().startsWith("Locked in")) {
                            String[] parts = customId.split(":");
                            scored.add(new Scored(parts[1], Integer.parseInt(parts[2]), player.id()));
                        }
                    }
                } finally {
                    bot.destroyForcibly();
                    assertTrue(bot.waitFor(30, TimeUnit.SECONDS));
                }
            }
            long dailyPosts = discord.messages().stream()
                    .filter(m -> m.text().contains("Question of the day")).count();
            assertEquals(1, dailyPosts, "one daily post for the day, across every restart");
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("crash.db"))) {
            assertStoredOnce(db, scored);
            try (Statement s = db.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM rounds WHERE status = 'running'")) {
                    r.next();
                    assertEquals(0, r.getInt(1), "the last start closed every round the kills left open");
                }
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM rounds WHERE status = 'interrupted'")) {
                    r.next();
                    assertEquals(KILLS, r.getInt(1), "each killed round is marked interrupted");
                }
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM daily_posts")) {
                    r.next();
                    assertEquals(1, r.getInt(1), "one daily post recorded");
                }
                try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                    r.next();
                    assertEquals("ok", r.getString(1));
                }
            }
        }
        assertTrue(scored.size() > KILLS, "the test exercised scoring: " + scored.size());
        String logs = java.nio.file.Files.readString(dir.resolve("err.txt"));
        assertTrue(logs.contains("Prepbot is connected"), "the bot logged its starts");
        assertTrue(!logs.contains(TOKEN), "the token appears in no log line, across starts and kills");
    }
}
