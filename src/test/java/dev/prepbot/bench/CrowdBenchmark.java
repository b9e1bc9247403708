package dev.prepbot.bench;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.discord.DiscordBot;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.testing.Scratch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crowd on one quiz question: N members of one server each click an answer within about 1.5
 * seconds, through the real JDA client and the fake Discord, as when a big server's round opens; a
 * twentieth of them click twice. Reports how fast the clicks are acknowledged, how many only after
 * Discord's three seconds, and whether every answer was stored exactly once. Then a thousand /search
 * commands from different members within a second, three times.
 */
final class CrowdBenchmark {

    /** What the benchmark reports: a named figure for a crowd of a size, on one database. */
    interface Sink {
        void add(String name, int size, String engine, double value, String unit);
    }

    private static final Duration SPREAD = Duration.ofMillis(1_500);
    private static final Duration DISCORD_DEADLINE = Duration.ofSeconds(3);

    private final int[] crowds;

    CrowdBenchmark(int[] crowds) {
        this.crowds = crowds.clone();
    }

    /** On SQLite, then on PostgreSQL when its server binaries are here (engine prepbot-pg). */
    void run(Sink sink) throws Exception {
        Path dir = Scratch.directory("prepbot-bench-crowd");
        String sqlite = dir.resolve("crowd.db").toString();
        run(sqlite, "jdbc:sqlite:" + sqlite, "prepbot", sink);
        if (dev.prepbot.testing.TestPostgres.available()) {
            String postgres = dev.prepbot.testing.TestPostgres.server().newDatabase();
            run(postgres, postgres, "prepbot-pg", sink);
        } else {
            System.err.println("  no PostgreSQL server binaries here: the crowd on prepbot-pg not measured");
        }
    }

    private void run(String database, String jdbcUrl, String engine, Sink sink) throws Exception {
        // Acknowledgements later than Discord's three seconds are counted here rather than refused.
        try (FakeDiscord discord = FakeDiscord.start(Duration.ofMinutes(2))) {
            Settings settings = Settings.fromEnvironment(Map.of("DISCORD_TOKEN", "bench-token",
                    "PREPBOT_DISCORD_API", discord.restBaseUrl(), "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                    "PREPBOT_DB", database, "PREPBOT_SEARCH_MODEL", "off"));
            try (App app = App.startShared(settings); DiscordBot bot = DiscordBot.start(settings, app::commands)) {
                discord.awaitConnected(Duration.ofSeconds(10));
                for (int crowd : crowds) {
                    clicks(discord, crowd, jdbcUrl, (name, size, value, unit) -> sink.add(name, size, engine, value, unit));
                }
                if (engine.equals("prepbot")) {
                    Figures figures = (name, size, value, unit) -> sink.add(name, size, engine, value, unit);
                    searches(discord, 1_000, "crowd.search", figures);
                    searches(discord, 1_000, "crowd.search.second", figures);
                    searches(discord, 1_000, "crowd.search.third", figures);
                }
            }
        }
    }

    /** A figure of one run. */
    private interface Figures {
        void add(String name, int size, double value, String unit);
    }

    private static void clicks(FakeDiscord discord, int crowd, String jdbcUrl, Figures sink) throws Exception {
        World.User starter = discord.world().addUser("starter-" + crowd, true);
        discord.awaitReply(discord.slash(starter, World.GENERAL, "quiz", java.util.Optional.of("start"),
                Map.of("questions", 1L, "seconds", 120L)), Duration.ofSeconds(10));
        FakeDiscord.Message question = discord.awaitMessage(m -> m.text().contains("Question 1 of 1")
                && m.buttons().size() == 4 && m.buttons().get(0).path("disabled").asBoolean(false) == false
                && !m.text().contains("Right answer"), Duration.ofSeconds(10));
        List<FakeDiscord.Interaction> clicks = new ArrayList<>();
        int connectionsBefore = discord.connectionsOpened();
        long start = System.nanoTime();
        for (int i = 0; i < crowd; i++) {
            World.User player = discord.world().addUser("player-" + crowd + "-" + i, false);
            String button = question.buttons().get(i % 4).path("custom_id").asText();
            clicks.add(discord.click(player, question, button));
            if (i % 20 == 0) {
                clicks.add(discord.click(player, question, button));
            }
            long due = start + SPREAD.toNanos() * (i + 1) / crowd;
            LockSupport.parkNanos(due - System.nanoTime());
        }
        long[] nanos = new long[clicks.size()];
        int late = 0;
        for (int i = 0; i < clicks.size(); i++) {
            Duration latency = discord.awaitCallback(clicks.get(i), Duration.ofMinutes(2)).latency();
            nanos[i] = latency.toNanos();
            late += latency.compareTo(DISCORD_DEADLINE) > 0 ? 1 : 0;
        }
        long[] counts = stored(jdbcUrl);
        sink.add("crowd.ack.p50", crowd, Benchmarks.percentile(nanos, 50) / 1e6, "ms");
        sink.add("crowd.ack.p99", crowd, Benchmarks.percentile(nanos, 99) / 1e6, "ms");
        sink.add("crowd.ack.max", crowd, Arrays.stream(nanos).max().orElse(0) / 1e6, "ms");
        sink.add("crowd.acked_after_3s", crowd, late, "clicks");
        sink.add("crowd.rest_connections_opened", crowd, discord.connectionsOpened() - connectionsBefore, "connections");
        sink.add("crowd.answers_stored", crowd, counts[0], "answers");
        sink.add("crowd.duplicates_stored", crowd, counts[0] - counts[1], "answers");
        discord.awaitReply(discord.slash(starter, World.GENERAL, "quiz", java.util.Optional.of("stop"), Map.of()),
                Duration.ofSeconds(30));
    }

    /** Answers stored in the latest round, and distinct players among them. */
    private static long[] stored(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM answers WHERE round_id ="
                     + " (SELECT id FROM rounds ORDER BY started_at DESC LIMIT 1)")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }

    /**
     * A thousand /search commands from different members within a second, reported as {@code measure};
     * members are new for each measure, so none meets the per-member limit.
     * The first thousand after a start meet code that is still compiling (JDA's and the fake Discord's as
     * well as the bot's), so the benchmark runs three, one after the other: a bot that has served a while
     * answers as the later ones do.
     */
    private static void searches(FakeDiscord discord, int count, String measure, Figures sink) throws Exception {
        String[] queries = {"tcp handshake", "isolaton levels", "gil threads", "deadl", "k-fold", "rebase vs merge"};
        List<FakeDiscord.Interaction> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            World.User member = discord.world().addUser(measure + "-" + i, false);
            sent.add(discord.slash(member, World.GENERAL, "search", Map.of("query", queries[i % queries.length])));
            LockSupport.parkNanos(start + Duration.ofSeconds(1).toNanos() * (i + 1) / count - System.nanoTime());
        }
        long[] nanos = new long[sent.size()];
        for (int i = 0; i < sent.size(); i++) {
            nanos[i] = discord.awaitCallback(sent.get(i), Duration.ofMinutes(2)).latency().toNanos();
        }
        sink.add(measure + ".ack.p50", count, Benchmarks.percentile(nanos, 50) / 1e6, "ms");
        sink.add(measure + ".ack.p99", count, Benchmarks.percentile(nanos, 99) / 1e6, "ms");
    }

    /** One figure a line, as {@link #main} prints them and {@link #readFigures} reads them back. */
    private static final String FIGURE = "%-28s %6d %-10s %12.2f %s%n";
    private static final Pattern FIGURE_LINE = Pattern.compile("([a-z0-9_.]+) +(\\d+) +(\\S+) +(-?[0-9.]+) +(\\S+)");

    /**
     * Runs the crowd benchmark alone: {@code java ... dev.prepbot.bench.CrowdBenchmark 200 1000 2000 5000}.
     * Prints one figure a line: name, size, engine, value, unit.
     */
    public static void main(String[] args) throws Exception {
        int[] crowds = args.length == 0 ? new int[] {200, 1_000, 2_000, 5_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        new CrowdBenchmark(crowds).run((name, size, engine, value, unit) -> System.out.printf(java.util.Locale.ROOT,
                FIGURE, name, size, engine, value, unit));
    }

    /** Hands the figures {@link #main} printed to {@code sink}; how many there were. */
    static int readFigures(String printed, Sink sink) {
        int found = 0;
        for (String line : printed.lines().toList()) {
            Matcher m = FIGURE_LINE.matcher(line.strip());
            if (m.matches()) {
                sink.add(m.group(1), Integer.parseInt(m.group(2)), m.group(3), Double.parseDouble(m.group(4)), m.group(5));
                found++;
            }
        }
        return found;
    }
}
