package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.daily.DailySchedule;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlDailyRecords;
import dev.prepbot.testing.ShardProcess;
import dev.prepbot.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real bot processes, one shard each, on one PostgreSQL database and a fake Discord with many
 * servers: every server's daily question is posted exactly once although one process is SIGKILLed
 * while it posts and then restarted, and one server's day was left claimed by a process that died
 * before posting; quiz rounds in a hundred channels at once count every click once; and a
 * server's leaderboard reads the same from the process that took its shard over in a rolling restart.
 * A thousand servers by default ({@code -Dprepbot.servers=N} for another number).
 */
class ShardProcessesTest {

    static final int SERVERS = Integer.getInteger("prepbot.servers", 1_000);
    static final int SHARDS = 4;
    /** Channels with a quiz round running at once, spread over the three processes left after the kill. */
    static final int ROUNDS = Math.min(100, SERVERS / 2);
    static final int PLAYERS_PER_ROUND = 5;
    private static final String TOKEN = "ODg4ODg4ODg4ODg4ODg4ODg4.shard-test-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private String database;
    private final Map<Integer, Integer> launches = new HashMap<>();

    private Process launch(FakeDiscord discord, int shard) throws IOException {
        int start = launches.merge(shard, 1, Integer::sum);
        // A claim left by the process this test kills expires in three seconds, not two minutes; and the
        // fake Discord, which has no global limit, takes the daily posts ten times faster than Discord would.
        List<String> options = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dprepbot.dailyLease=PT3S",
                "-Dprepbot.dailyRequestsPerSecond=400");
        return ShardProcess.launch(options, discord, TOKEN, database, SHARDS, shard, dir.resolve("cache-" + shard),
                dir.resolve("err-" + shard + "-" + start + ".txt"));
    }

    /** Waits for the health line a process prints once it listens: interactions before that go unseen. */
    private void awaitServing(int shard) {
        Path err = dir.resolve("err-" + shard + "-" + launches.get(shard) + ".txt");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!read(err).contains("prepbot health (start)")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("shard " + shard + "'s process does not serve: " + read(err));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "a process stops on SIGTERM");
    }

    private long count(String sql) throws java.sql.SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isDaily(FakeDiscord.Message m) {
        return m.text().contains("Question of the day");
    }

    @Test
    void fourProcessesShareTheServersPostEachDailyOnceAndCountEveryClickOnce() throws Exception {
        database = TestDatabase.Engine.POSTGRES.fresh(dir).location();
        try (FakeDiscord discord = FakeDiscord.start(Duration.ofSeconds(10))) {
            discord.recommendShards(SHARDS);
            List<World.Guild> servers = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                servers.add(discord.world().addGuild("server " + i));
            }
            Map<Integer, List<World.Guild>> byShard = servers.stream()
                    .collect(Collectors.groupingBy(g -> World.shardOf(g.id(), SHARDS)));
            // Every server's question is due at 00:00 UTC, scheduled yesterday: due whenever the test runs.
            try (Database db = Database.open(database, Clock.systemUTC())) {
                SqlDailyRecords records = new SqlDailyRecords(db);
                for (World.Guild g : servers) {
                    records.saveSchedule(new DailySchedule(g.id(), g.channelId(), LocalTime.MIDNIGHT, ZoneOffset.UTC,
                            Optional.empty(), Clock.systemUTC().instant().minus(Duration.ofDays(1))));
                }
                // One server's day was claimed by a process that died before posting: its eight-second lease runs
                // out while the test runs, and the day must still be posted, once.
                World.Guild stranded = byShard.get(1).get(byShard.get(1).size() - 1);
                assertTrue(new SqlDailyRecords(db, Duration.ofSeconds(8)).claimPost(stranded.id(),
                        java.time.LocalDate.now(ZoneOffset.UTC), "python-gil", 1, Clock.systemUTC().instant()));
            }
            Map<Integer, Process> processes = new HashMap<>();
            try {
                for (int shard = 0; shard < SHARDS; shard++) {
                    processes.put(shard, launch(discord, shard));
                }
                // Shard 1's process is killed as soon as its first daily post appears: in the middle of posting.
                Set<String> shardOneChannels = byShard.get(1).stream().map(World.Guild::channelId).collect(Collectors.toSet());
                discord.awaitTrue(() -> discord.messages().stream().anyMatch(m -> isDaily(m) && shardOneChannels.contains(m.channelId())),
                        WAIT, "shard 1 posts its first daily question");
                kill(processes.get(1));
                long postedBeforeKill = discord.messages().stream().filter(m -> isDaily(m) && shardOneChannels.contains(m.channelId())).count();
                long started = System.nanoTime();
                for (int shard : List.of(0, 2, 3)) {
                    awaitServing(shard);
                }

                // Rounds in a hundred channels at once, on the three live processes, with every player clicking,
                // a few twice.
                List<World.Guild> quizServers = new ArrayList<>();
                List<Integer> live = List.of(0, 2, 3);
                for (int k = 0; k < live.size(); k++) {
                    List<World.Guild> own = byShard.get(live.get(k));
                    int share = ROUNDS / live.size() + (k < ROUNDS % live.size() ? 1 : 0);
                    quizServers.addAll(own.subList(0, Math.min(share, own.size())));
                }
                // Starters and players of their own in each server: one member acting in a hundred servers within a
                // second would be told to slow down, which is not under test here.
                List<FakeDiscord.Interaction> starts = new ArrayList<>();
                for (World.Guild g : quizServers) {
                    World.User starter = discord.world().addUser("starter-" + quizServers.indexOf(g), false);
                    starts.add(discord.slash(starter, g.channelId(), "quiz", Optional.of("start"),
                            Map.of("questions", 1L, "seconds", 120L)));
                }
                starts.forEach(s -> discord.awaitReply(s, WAIT));
                record Click(String guild, String userId, FakeDiscord.Interaction interaction) {
                }
                List<Click> clicks = new ArrayList<>();
                for (World.Guild g : quizServers) {
                    List<World.User> players = new ArrayList<>();
                    for (int i = 0; i < PLAYERS_PER_ROUND; i++) {
                        players.add(discord.world().addUser("player-" + quizServers.indexOf(g) + "-" + i, false));
                    }
                    FakeDiscord.Message question = discord.awaitMessage(m -> m.channelId().equals(g.channelId())
                            && m.text().contains("Question 1 of 1"), WAIT);
                    for (int i = 0; i < players.size(); i++) {
                        String choice = question.customIds().get(i % 4);
                        clicks.add(new Click(g.id(), players.get(i).id(), discord.click(players.get(i), question, choice)));
                        if (i % 3 == 0) {
                            clicks.add(new Click(g.id(), players.get(i).id(), discord.click(players.get(i), question, choice)));
                        }
                    }
                }
                Map<String, Long> lockedIn = new HashMap<>();
                for (Click c : clicks) {
                    FakeDiscord.Message reply = discord.awaitReply(c.interaction(), WAIT);
                    if (reply.content().startsWith("Locked in")) {
                        lockedIn.merge(c.guild() + "/" + c.userId(), 1L, Long::sum);
                    }
                }
                assertEquals(ROUNDS, quizServers.size());
                assertEquals(ROUNDS * PLAYERS_PER_ROUND, lockedIn.size(), "every player's first click counted");
                assertTrue(lockedIn.values().stream().allMatch(n -> n == 1), "no second click counted: " + lockedIn);

                // The killed process comes back and makes the posts it owed, none twice.
                processes.put(1, launch(discord, 1));
                awaitServing(1);
                discord.awaitShards(List.of(0, 1, 2, 3), WAIT);
                discord.awaitTrue(() -> discord.messages().stream().filter(ShardProcessesTest::isDaily)
                        .map(FakeDiscord.Message::channelId).distinct().count() == SERVERS, WAIT, "every server's daily post");
                assertEquals(0, count("SELECT COUNT(*) FROM rounds WHERE status = 'interrupted'"),
                        "the restarted process closed no round of the other shards' servers");
                System.out.printf("%d servers: shard 1 killed after %d of its %d daily posts; every post made %.1f s after the kill%n",
                        SERVERS, postedBeforeKill, byShard.get(1).size(), (System.nanoTime() - started) / 1e9);

                // A rolling restart of shard 0: the new process takes the shard over, then the old one stops.
                // A server's leaderboard reads the same from both.
                World.Guild board = byShard.get(0).get(0);
                String boardPlayer = "player-" + quizServers.indexOf(board) + "-0";
                World.User reader = discord.world().addUser("reader", false);
                String before = discord.awaitReply(discord.slash(reader, board.channelId(), "leaderboard", Map.of()), WAIT).text();
                Process old = processes.get(0);
                long identifiesBefore = discord.identified().stream().filter(s -> s.equals("0/" + SHARDS)).count();
                processes.put(0, launch(discord, 0));
                discord.awaitTrue(() -> discord.identified().stream().filter(s -> s.equals("0/" + SHARDS)).count() > identifiesBefore,
                        WAIT, "the new process holds shard 0");
                awaitServing(0);
                stop(old);
                String after = discord.awaitReply(discord.slash(reader, board.channelId(), "leaderboard", Map.of()), WAIT).text();
                assertEquals(before, after, "the same leaderboard from the process that took the shard over");
                assertTrue(before.contains(boardPlayer), before);

                long shardZeroRounds = quizServers.stream().filter(g -> World.shardOf(g.id(), SHARDS) == 0).count();
                assertEquals(shardZeroRounds, count("SELECT COUNT(*) FROM rounds WHERE status = 'interrupted'"),
                        "the process that took shard 0 over closed that shard's rounds, and only those");
                assertEquals(quizServers.size() - shardZeroRounds, count("SELECT COUNT(*) FROM rounds WHERE status = 'running'"));
                Thread.sleep(1_000);
                Map<String, Long> dailyPerChannel = discord.messages().stream().filter(ShardProcessesTest::isDaily)
                        .collect(Collectors.groupingBy(FakeDiscord.Message::channelId, Collectors.counting()));
                assertEquals(SERVERS, dailyPerChannel.size());
                assertTrue(dailyPerChannel.values().stream().allMatch(n -> n == 1), "one daily post per server: " + dailyPerChannel);
                try (Connection c = java.sql.DriverManager.getConnection(database); Statement s = c.createStatement()) {
                    try (ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT guild_id || '/' || user_id) FROM answers")) {
                        r.next();
                        assertEquals(lockedIn.size(), r.getInt(1), "every acknowledged click stored, once");
                        assertEquals(r.getInt(1), r.getInt(2));
                    }
                    try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM daily_posts WHERE message_id IS NOT NULL")) {
                        r.next();
                        assertEquals(SERVERS, r.getInt(1), "every server's day settled with its message");
                    }
                }
                for (int shard = 0; shard < SHARDS; shard++) {
                    String err = Files.readString(dir.resolve("err-" + shard + "-" + launches.get(shard) + ".txt"));
                    int guilds = byShard.get(shard).size() + (World.shardOf(World.GUILD_ID, SHARDS) == shard ? 1 : 0);
                    assertTrue(err.contains("prepbot health (start): shards 1/1 connected, " + guilds + " guilds"), err);
                    assertTrue(!err.contains(TOKEN), "no token in the log");
                }
                assertEquals(List.of(), discord.violations());
            } finally {
                for (Process p : processes.values()) {
                    if (p.isAlive()) {
                        stop(p);
                    }
                }
            }
        }
    }
}
