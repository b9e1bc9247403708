package dev.prepbot.bench;

import dev.prepbot.daily.DailySchedule;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlDailyRecords;
import dev.prepbot.testing.Scratch;
import dev.prepbot.testing.ShardProcess;
import dev.prepbot.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Many servers over four shard processes on one PostgreSQL, on this machine: every server's daily
 * question due at the same second (the worst case: everyone chose 09:00 in one zone), and members using
 * the bot meanwhile and after. Reports how late the daily posts reach Discord, how fast interactions
 * are acknowledged during the burst and after it, and the database's transactions per second.
 *
 * <p>{@code java -cp <test classpath> dev.prepbot.bench.ShardBenchmark [servers] [processes]}: 10,000
 * servers and four processes by default. Not a test: it times things.
 */
final class ShardBenchmark {

    private static final String TOKEN = "ODg4ODg4ODg4ODg4ODg4ODg4.shard-bench-secret";

    private final int servers;
    private final int processes;
    private final Path dir;
    private final String database;

    private ShardBenchmark(int servers, int processes) throws IOException {
        this.servers = servers;
        this.processes = processes;
        this.dir = Scratch.directory("prepbot-bench-shards");
        this.database = TestPostgres.server().newDatabase();
    }

    private Process launch(FakeDiscord discord, int shard) throws IOException {
        return ShardProcess.launch(List.of("-XX:+UseSerialGC", "-Xmx384m"), discord, TOKEN, database, processes, shard,
                dir.resolve("cache-" + shard), dir.resolve("err-" + shard + ".txt"));
    }

    private long transactions() throws Exception {
        try (Connection c = DriverManager.getConnection(database); Statement s = c.createStatement()) {
            // Statistics reach the view when a backend is idle, at most a second or so late.
            try (ResultSet r = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void run() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start(Duration.ofMinutes(5))) {
            discord.recommendShards(processes);
            List<World.Guild> guilds = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                guilds.add(discord.world().addGuild("server " + i));
            }
            // Every server's question due at the same second, late enough for the processes to be up.
            Instant due = Instant.now().plus(Duration.ofSeconds(90)).truncatedTo(ChronoUnit.SECONDS);
            long setup = System.nanoTime();
            try (Database db = Database.open(database, Clock.systemUTC())) {
                SqlDailyRecords records = new SqlDailyRecords(db);
                for (World.Guild g : guilds) {
                    records.saveSchedule(new DailySchedule(g.id(), g.channelId(), LocalTime.ofInstant(due, ZoneOffset.UTC),
                            ZoneOffset.UTC, Optional.empty(), Instant.now()));
                }
            }
            System.out.printf(Locale.ROOT, "%d servers scheduled in %.1f s; posts due at %s%n", servers,
                    (System.nanoTime() - setup) / 1e9, due);
            List<Process> bots = new ArrayList<>();
            try {
                long launched = System.nanoTime();
                for (int shard = 0; shard < processes; shard++) {
                    bots.add(launch(discord, shard));
                }
                for (int shard = 0; shard < processes; shard++) {
                    Path err = dir.resolve("err-" + shard + ".txt");
                    discord.awaitTrue(() -> read(err).contains("prepbot health (start)"), Duration.ofMinutes(3),
                            "process " + shard + " serves");
                }
                System.out.printf(Locale.ROOT, "%d processes serving %.1f s after launch; %s before the posts are due%n",
                        processes, (System.nanoTime() - launched) / 1e9, Duration.between(Instant.now(), due));
                if (Instant.now().isAfter(due)) {
                    throw new IllegalStateException("the processes were not up before the posts were due: lateness would be startup");
                }
                long dueNanos = System.nanoTime() + Duration.between(Instant.now(), due).toNanos();
                LockSupport.parkNanos(dueNanos - System.nanoTime() - Duration.ofSeconds(2).toNanos());

                // The burst: while the posts go out, members use the bot (/leaderboard, 20 a second).
                long tx0 = transactions();
                long burstStart = System.nanoTime();
                // Posts are paced to Discord's 40 of 50 requests a second, two requests each: 10,000 take 8 minutes.
                Duration posting = Duration.ofSeconds(60 + 2 * servers / 40);
                List<FakeDiscord.Interaction> during = interactions(discord, guilds, 20, () -> dailyPosts(discord) >= servers,
                        posting);
                discord.awaitTrue(() -> dailyPosts(discord) >= servers, posting, "every daily post");
                long burstEnd = System.nanoTime();
                Thread.sleep(2_000);
                long tx1 = transactions();
                long[] lateness = discord.calls().stream()
                        .filter(c -> c.method().equals("POST") && c.path().matches("channels/\\d+/messages")
                                && c.body().toString().contains("Question of the day"))
                        .mapToLong(c -> c.receivedNanos() - dueNanos).toArray();
                report("daily.posts", lateness.length, "posts");
                report("daily.lateness.p50", Benchmarks.percentile(lateness, 50) / 1e6, "ms");
                report("daily.lateness.p99", Benchmarks.percentile(lateness, 99) / 1e6, "ms");
                report("daily.lateness.max", java.util.Arrays.stream(lateness).max().orElse(0) / 1e6, "ms");
                report("burst.ack.p50", ackPercentile(discord, during, 50), "ms");
                report("burst.ack.p99", ackPercentile(discord, during, 99), "ms");
                report("burst.interactions", during.size(), "interactions");
                double burstSeconds = (burstEnd - burstStart) / 1e9;
                report("burst.db.transactions_per_s", (tx1 - tx0) / burstSeconds, "tx/s");

                // After the burst: quiz rounds in a hundred servers across the shards, ten players each,
                // and /leaderboard; 100 interactions a second for ten seconds.
                long tx2 = transactions();
                long quizStart = System.nanoTime();
                List<FakeDiscord.Interaction> quiz = quiz(discord, guilds.subList(0, Math.min(100, guilds.size())));
                long quizEnd = System.nanoTime();
                Thread.sleep(2_000);
                long tx3 = transactions();
                report("quiz.ack.p50", ackPercentile(discord, quiz, 50), "ms");
                report("quiz.ack.p99", ackPercentile(discord, quiz, 99), "ms");
                report("quiz.interactions", quiz.size(), "interactions");
                report("quiz.db.transactions_per_s", (tx3 - tx2) / ((quizEnd - quizStart) / 1e9), "tx/s");
                Map<String, Long> perChannel = discord.messages().stream()
                        .filter(m -> m.text().contains("Question of the day"))
                        .collect(Collectors.groupingBy(FakeDiscord.Message::channelId, Collectors.counting()));
                report("daily.servers_posted_twice", perChannel.values().stream().filter(n -> n > 1).count(), "servers");
                report("fake.violations", discord.violations().size(), "violations");
                for (int shard = 0; shard < processes; shard++) {
                    read(dir.resolve("err-" + shard + ".txt")).lines().filter(l -> l.startsWith("prepbot health"))
                            .reduce((a, b) -> b).ifPresent(System.out::println);
                }
            } finally {
                for (Process bot : bots) {
                    bot.destroy();
                }
                for (Process bot : bots) {
                    bot.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private int scanned;
    private long posts;

    /** Daily posts received so far, counted incrementally: the calls grow to tens of thousands. */
    private synchronized long dailyPosts(FakeDiscord discord) {
        List<FakeDiscord.Call> calls = discord.calls();
        for (; scanned < calls.size(); scanned++) {
            FakeDiscord.Call c = calls.get(scanned);
            if (c.method().equals("POST") && c.path().startsWith("channels/") && c.path().endsWith("/messages")
                    && c.body().toString().contains("Question of the day")) {
                posts++;
            }
        }
        return posts;
    }

    /** /leaderboard from random servers, {@code perSecond} a second, until {@code done} or the time is up. */
    private static List<FakeDiscord.Interaction> interactions(FakeDiscord discord, List<World.Guild> guilds, int perSecond,
                                                              java.util.function.BooleanSupplier done, Duration max) {
        Random random = new Random(7);
        List<FakeDiscord.Interaction> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; !done.getAsBoolean() && System.nanoTime() - start < max.toNanos(); i++) {
            World.Guild g = guilds.get(random.nextInt(guilds.size()));
            // A member each: the per-member rate limit is not what is measured.
            World.User member = discord.world().addUser("reader-" + i, false);
            sent.add(discord.slash(member, g.channelId(), "leaderboard", Map.of()));
            LockSupport.parkNanos(start + 1_000_000_000L * (i + 1) / perSecond - System.nanoTime());
        }
        return sent;
    }

    private static List<FakeDiscord.Interaction> quiz(FakeDiscord discord, List<World.Guild> guilds) {
        List<FakeDiscord.Interaction> sent = new ArrayList<>();
        Map<String, FakeDiscord.Interaction> starts = new HashMap<>();
        long start = System.nanoTime();
        int n = 0;
        for (World.Guild g : guilds) {
            World.User starter = discord.world().addUser("starter-" + g.id(), false);
            FakeDiscord.Interaction s = discord.slash(starter, g.channelId(), "quiz", Optional.of("start"),
                    Map.of("questions", 1L, "seconds", 120L));
            starts.put(g.channelId(), s);
            sent.add(s);
            LockSupport.parkNanos(start + 10_000_000L * ++n - System.nanoTime());
        }
        for (World.Guild g : guilds) {
            List<World.User> players = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                players.add(discord.world().addUser("player-" + g.id() + "-" + i, false));
            }
            FakeDiscord.Message question = discord.awaitMessage(m -> m.channelId().equals(g.channelId())
                    && m.text().contains("Question 1 of 1"), Duration.ofMinutes(2));
            for (World.User p : players) {
                sent.add(discord.click(p, question, question.customIds().get(0)));
                LockSupport.parkNanos(start + 10_000_000L * ++n - System.nanoTime());
            }
            sent.add(discord.slash(discord.world().addUser("board-" + g.id(), false), g.channelId(), "leaderboard", Map.of()));
            LockSupport.parkNanos(start + 10_000_000L * ++n - System.nanoTime());
        }
        return sent;
    }

    private static double ackPercentile(FakeDiscord discord, List<FakeDiscord.Interaction> sent, int p) {
        long[] nanos = sent.stream().mapToLong(i -> discord.awaitCallback(i, Duration.ofMinutes(5)).latency().toNanos()).toArray();
        return nanos.length == 0 ? 0 : Benchmarks.percentile(nanos, p) / 1e6;
    }

    private static void report(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "%-32s %12.1f %s%n", name, value, unit);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int processes = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.printf(Locale.ROOT, "%d servers over %d shard processes on one PostgreSQL; %d cores%n", servers, processes,
                Runtime.getRuntime().availableProcessors());
        new ShardBenchmark(servers, processes).run();
        System.exit(0);
    }
}
