package dev.prepbot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankJson;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Question;
import dev.prepbot.discord.DiscordBot;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.store.Database;
import dev.prepbot.testing.Scratch;
import dev.prepbot.testing.TestPostgres;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Prepbot's performance, measured on this machine against two peers on the same banks and queries:
 * SQLite FTS5 with BM25, and a plain in-memory scan. Run with {@code ./mvnw -Pbench verify}
 * ({@code -Dbench.quick} for the 1k and 10k banks only). Prints a table headed by the machine and
 * writes the same figures to {@code target/bench/results.json}.
 */
public final class Benchmarks {

    record Result(String name, int bank, String engine, double value, String unit) {
    }

    /** Every engine answers the same fixed mix of queries, made from the bank with this seed. */
    static final int QUERIES = 400;
    static final long QUERY_SEED = 7;

    /**
     * The one bank size the sentence model embeds for real, for the start with cached vectors and the
     * latency of search by meaning: embedding takes about 70 s per 10,000 questions here, so 100,000
     * would take twelve minutes. The other sizes start with the model loading in the background.
     */
    static final int MEANING_BANK = 10_000;
    /** Fresh starts of the bot timed for their first interaction, after one that fills the caches. */
    static final int FRESH_STARTS = 5;

    private static final double MB = 1024.0 * 1024.0;

    private final List<Result> results = new ArrayList<>();
    private final boolean quick;
    private List<BuiltInRelevance> relevance;

    private Benchmarks(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("bench.quick") || Arrays.asList(args).contains("quick");
        new Benchmarks(quick).run(quick ? new int[] {1_000, 10_000} : new int[] {1_000, 10_000, 100_000});
    }

    private void run(int[] sizes) throws Exception {
        Bank builtIn = new BankLoader().loadBuiltIn();
        relevance = BuiltInRelevance.measure(Scratch.directory("prepbot-bench-relevance"));
        relevance.forEach(r -> System.err.print(r.table()));
        measureFootprint();
        SyntheticBank generator = new SyntheticBank(builtIn);
        for (int size : sizes) {
            measureBank(generator.generate(size, 42), size);
        }
        measureLeaderboard(1_000_000);
        measureAcknowledgement(500);
        measureFirstInteraction(FRESH_STARTS, builtIn.size());
        measureSelfCheck(builtIn);
        measureReadiness(1_000, 30);
        measureCrowds(quick ? List.of(200, 1_000, 2_000) : List.of(200, 1_000, 2_000, 5_000));
        report();
    }

    /**
     * The crowds ({@link CrowdBenchmark}) in a JVM of their own with the Dockerfile's options, as the bot
     * runs: in this one they met the heap and the compiled code the benchmarks before them left, and a
     * collector the bot does not use.
     */
    private void measureCrowds(List<Integer> crowds) throws Exception {
        List<String> command = javaCommand(Deployed.dockerfileOptions(), CrowdBenchmark.class,
                crowds.stream().map(String::valueOf).toList());
        String output = output(CrowdBenchmark.class, command);
        if (CrowdBenchmark.readFigures(output, this::add) == 0) {
            throw new IllegalStateException("CrowdBenchmark printed no figures: " + output);
        }
    }

    /**
     * The self-check against the hand-labelled answers, with the sentence model: the share of
     * (answer, key point) pairs where it ticks what the label ticks.
     */
    private void measureSelfCheck(Bank bank) {
        dev.prepbot.search.Embedder model = dev.prepbot.search.JointEmbedder.load(java.util.Optional.empty());
        dev.prepbot.practice.SelfCheck check = new dev.prepbot.practice.SelfCheck(() -> java.util.Optional.of(model));
        int pairs = 0;
        int agreed = 0;
        for (dev.prepbot.practice.LabelledAnswers.Answer a : dev.prepbot.practice.LabelledAnswers.load()) {
            dev.prepbot.bank.Question q = bank.byId(a.id()).orElseThrow();
            List<String> covered = check.check(q, a.text()).covered();
            for (int i = 0; i < q.keypoints().size(); i++) {
                pairs++;
                agreed += covered.contains(q.keypoints().get(i)) == a.covered().contains(i) ? 1 : 0;
            }
        }
        add("selfcheck.agreement", pairs, "prepbot", 100.0 * agreed / pairs, "%");
    }

    /** A readiness heatmap of a large team: aggregating the answers and drawing the PNG, warm. */
    private void measureReadiness(int members, int topics) {
        List<dev.prepbot.readiness.Tally> tallies = dev.prepbot.readiness.Teams.random(members, topics, 3);
        dev.prepbot.readiness.HeatmapRenderer renderer = new dev.prepbot.readiness.HeatmapRenderer();
        long[] nanos = new long[50];
        for (int i = -20; i < nanos.length; i++) {
            long start = System.nanoTime();
            renderer.render(dev.prepbot.readiness.ReadinessData.from(tallies));
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        add("readiness.render.p50", members, "prepbot", percentile(nanos, 50) / 1e6, "ms");
        add("readiness.render.p99", members, "prepbot", percentile(nanos, 99) / 1e6, "ms");
    }

    private void measureBank(Bank generated, int size) throws Exception {
        Path dir = Scratch.directory("prepbot-bench-" + size);
        Path files = dir.resolve("bank");
        Path cache = dir.resolve("cache");
        writeBank(generated, files);
        measureStarts(files, cache, size);

        // Recall on a synthetic bank is a matter of words: its recombined sentences have no meaning to find.
        try (App app = App.start(StartProbe.wordsOnly(files, cache))) {
            List<SyntheticBank.LabelledQuery> queries = SyntheticBank.queries(app.bank(), QUERIES, QUERY_SEED);
            List<SyntheticBank.LabelledQuery> partials = SyntheticBank.partials(app.bank(), queries);
            for (String name : Engines.NAMES) {
                long buildStart = System.nanoTime();
                try (Engine engine = Engines.open(name, app)) {
                    if (!name.equals("prepbot")) {
                        add("index.build", size, name, (System.nanoTime() - buildStart) / 1e6, "ms");
                    }
                    measureRelevance(engine, size, queries, partials);
                }
            }
        }
        long buildStart = System.nanoTime();
        SearchIndex.build(generated).close();
        add("index.build", size, "prepbot", (System.nanoTime() - buildStart) / 1e6, "ms");

        String[] bankArgs = {"-D" + SearchBenchmark.BANK_DIR + "=" + files, "-D" + SearchBenchmark.CACHE_DIR + "=" + cache};
        addLatencies(jmh(SearchBenchmark.class, bankArgs), size,
                Map.of("search", "search", "lexical", "search.lexical", "autocomplete", "autocomplete"));
        if (size == MEANING_BANK) {
            // The vectors the first start embedded are in the cache: this loads them and times the model at work.
            addLatencies(jmh(MeaningBenchmark.class, bankArgs), size,
                    Map.of("plain", "search.meaning", "lexical", "search.lexical.model_ready"));
        }
    }

    /**
     * Starts are timed in fresh JVMs, as a user starts Prepbot: first with no stored index, then again
     * with the bank unchanged, when the index and bank snapshot stored by the first are read. On the
     * {@link #MEANING_BANK} both starts also wait for search by meaning: the first embeds every question
     * into the vector cache, the second must find them there and redo no work at all.
     */
    private void measureStarts(Path files, Path cache, int size) throws Exception {
        boolean meaning = size == MEANING_BANK;
        Map<String, String> first = probe(files, cache, meaning);
        Map<String, String> unchanged = probe(files, cache, meaning);
        add("start.ready", size, "prepbot", number(first, "ready_ms"), "ms");
        add("start.ready.unchanged", size, "prepbot", number(unchanged, "ready_ms"), "ms");
        add("start.stored", size, "prepbot", number(first, "stored_ms"), "ms");
        if (!meaning) {
            add("heap.after_load", size, "prepbot", number(unchanged, "heap_bytes") / MB, "MB");
            return;
        }
        if (!unchanged.get("work").isEmpty()) {
            throw new IllegalStateException("the start of the unchanged bank did work again: " + unchanged.get("work"));
        }
        add("start.ready.meaning", size, "prepbot", number(first, "meaning_ms"), "ms");
        add("start.ready.meaning.unchanged", size, "prepbot", number(unchanged, "meaning_ms"), "ms");
        add("heap.after_meaning", size, "prepbot", number(unchanged, "heap_bytes") / MB, "MB");
        // The heap at the moment words are ready, as the other sizes report it, from a start that does not wait.
        add("heap.after_load", size, "prepbot", number(probe(files, cache, false), "heap_bytes") / MB, "MB");
    }

    /** p50 and p99 of each JMH run, named by its benchmark method; runs without an engine are Prepbot's. */
    private void addLatencies(Collection<RunResult> runs, int size, Map<String, String> measureByMethod) {
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            String measure = measureByMethod.get(benchmark.substring(benchmark.lastIndexOf('.') + 1));
            String engine = Optional.ofNullable(run.getParams().getParam("engine")).orElse("prepbot");
            Statistics stats = run.getPrimaryResult().getStatistics();
            add(measure + ".p50", size, engine, stats.getPercentile(50), "us");
            add(measure + ".p99", size, engine, stats.getPercentile(99), "us");
        }
    }

    /**
     * How often each engine puts the question a query was made from among its first three results,
     * and a partly typed question among its 25 suggestions: speed is only worth having at equal answers.
     */
    private void measureRelevance(Engine engine, int size, List<SyntheticBank.LabelledQuery> queries,
                                  List<SyntheticBank.LabelledQuery> partials) {
        // The scan is linear in the bank, so it answers fewer queries on large banks to keep the run short.
        int count = engine instanceof ScanEngine ? Math.min(queries.size(), Math.max(40, 4_000_000 / size)) : queries.size();
        List<SyntheticBank.LabelledQuery> asked = queries.subList(0, count);
        long found = asked.stream().filter(q -> engine.search(q.text(), 3).contains(q.expectedId())).count();
        add("search.recall_at_3", size, engine.name(), 100.0 * found / asked.size(), "%");
        List<SyntheticBank.LabelledQuery> typed = partials.subList(0, count);
        long listed = typed.stream().filter(p -> engine.suggest(p.text(), 25).contains(p.expectedId())).count();
        add("autocomplete.recall_at_25", size, engine.name(), 100.0 * listed / typed.size(), "%");
    }

    /**
     * Runs one JMH benchmark class in a forked JVM: one-second warm-up iterations, then measured ones,
     * latency sampled per call; eight and three of them, or two and two for a quick run. Search runs
     * through enough code (analysis, spelling, scoring, highlighting) that on two cores its latency
     * still falls for about eight seconds while the JIT compiler works: the quick run measures it less
     * warmed up than the full one.
     */
    private Collection<RunResult> jmh(Class<?> benchmark, String... jvmArgs) throws Exception {
        return jmh(Pattern.quote(benchmark.getName()) + "\\.", Map.of(), jvmArgs);
    }

    /** The benchmarks matching {@code include}, with some parameters fixed to one value. */
    private Collection<RunResult> jmh(String include, Map<String, String> parameters, String... jvmArgs) throws Exception {
        OptionsBuilder builder = new OptionsBuilder();
        parameters.forEach((name, value) -> builder.param(name, value));
        Options options = builder
                .include(include)
                .forks(1)
                .warmupIterations(quick ? 2 : 8)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(forkOptions(jvmArgs))
                .verbosity(VerboseMode.SILENT)
                .build();
        return new Runner(options).run();
    }

    /** A fork runs as Prepbot is deployed (the Dockerfile's collector and heap sizing), then with {@code extra}. */
    private static String[] forkOptions(String... extra) {
        List<String> options = new ArrayList<>(Deployed.dockerfileOptions());
        options.addAll(List.of(extra));
        return options.toArray(String[]::new);
    }

    /**
     * One start of Prepbot in a fresh JVM, see {@link StartProbe}; with {@code meaning}, until it searches
     * by meaning. It is launched as deployed ({@link Deployed}): the first start beside a cache writes the
     * class-data archive as it exits, and the starts after it read that archive.
     */
    private static Map<String, String> probe(Path bank, Path cache, boolean meaning) throws Exception {
        List<String> args = new ArrayList<>(List.of(bank.toString(), cache.toString()));
        if (meaning) {
            args.add(StartProbe.MEANING);
        }
        return run(StartProbe.class, Deployed.command(cache.resolveSibling("prepbot.jsa"), cache.getParent(),
                StartProbe.class.getName(), args));
    }

    /** Runs a probe's main class in a fresh JVM on this classpath; its output's {@code name=value} pairs. */
    private static Map<String, String> child(Class<?> main, String... args) throws Exception {
        return run(main, javaCommand(List.of(), main, List.of(args)));
    }

    /** The command that runs {@code main} with {@code args} in a fresh JVM on this classpath, with {@code options}. */
    private static List<String> javaCommand(List<String> options, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(options);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(args);
        return command;
    }

    /** Runs the command; what it printed on standard output, or an error when it failed. */
    private static String output(Class<?> main, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed: " + output);
        }
        return output;
    }

    private static Map<String, String> run(Class<?> main, List<String> command) throws Exception {
        String output = output(main, command);
        Map<String, String> figures = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\S*)").matcher(output);
        while (m.find()) {
            figures.put(m.group(1), m.group(2));
        }
        if (figures.isEmpty()) {
            throw new IllegalStateException(main.getSimpleName() + " printed no figures: " + output);
        }
        return figures;
    }

    private static double number(Map<String, String> figures, String name) {
        String value = figures.get(name);
        if (value == null) {
            throw new IllegalStateException("a probe did not report " + name + ": " + figures);
        }
        return Double.parseDouble(value);
    }

    /**
     * What Prepbot costs to ship and to hold the sentence model: the jar's size (built by the package
     * phase that runs before the benchmarks), and the model's heap and resident memory in a fresh JVM.
     */
    private void measureFootprint() throws Exception {
        Path jar = Path.of("target", "prepbot.jar");
        if (Files.isRegularFile(jar)) {
            add("jar.size", 0, "prepbot", Files.size(jar) / MB, "MB");
        } else {
            System.err.println("  no " + jar + " (./mvnw package makes it): jar.size not measured");
        }
        Map<String, String> model = child(ModelProbe.class);
        add("model.load", 0, "prepbot", number(model, "load_ms"), "ms");
        add("model.heap", 0, "prepbot", number(model, "heap_bytes") / MB, "MB");
        add("model.rss", 0, "prepbot", number(model, "rss_bytes") / MB, "MB");
    }

    private void measureLeaderboard(int rows) throws Exception {
        Path dir = Scratch.directory("prepbot-bench-db");
        Path file = dir.resolve("bench.db");
        fillLeaderboard(file.toString(), "jdbc:sqlite:" + file, rows);
        for (RunResult run : jmh(LeaderboardBenchmark.class, "-D" + LeaderboardBenchmark.DATABASE + "=" + file)) {
            boolean cached = run.getParams().getBenchmark().endsWith(".cached");
            String name = "leaderboard." + (cached ? "cached." : "uncached.") + run.getParams().getParam("period");
            Statistics stats = run.getPrimaryResult().getStatistics();
            // Cached reads are shown in microseconds, reads from SQLite in milliseconds.
            double scale = cached ? 1 : 1e3;
            add(name + ".p50", rows, "prepbot", stats.getPercentile(50) / scale, cached ? "us" : "ms");
            add(name + ".p99", rows, "prepbot", stats.getPercentile(99) / scale, cached ? "us" : "ms");
        }
        if (!TestPostgres.available()) {
            System.err.println("  no PostgreSQL server binaries here: leaderboard on prepbot-pg not measured");
            return;
        }
        // The same rows on PostgreSQL, read uncached for a month: the figure that depends on the engine.
        String url = TestPostgres.server().newDatabase();
        fillLeaderboard(url, url + "&reWriteBatchedInserts=true", rows);
        for (RunResult run : jmh(Pattern.quote(LeaderboardBenchmark.class.getName()) + "\\.uncached$",
                Map.of("period", "month"), "-D" + LeaderboardBenchmark.DATABASE + "=" + url)) {
            Statistics stats = run.getPrimaryResult().getStatistics();
            add("leaderboard.uncached.month.p50", rows, "prepbot-pg", stats.getPercentile(50) / 1e3, "ms");
            add("leaderboard.uncached.month.p99", rows, "prepbot-pg", stats.getPercentile(99) / 1e3, "ms");
        }
    }

    /** Creates the schema at {@code location}, then puts in a million answers through one bulk transaction. */
    private static void fillLeaderboard(String location, String jdbcUrl, int rows) throws Exception {
        try (Database db = Database.open(location, Clock.systemUTC())) {
            // db is only used to create the schema; rows go in through one fast bulk transaction.
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO rounds VALUES ('bench', 'g1', 'c1', 'u0', NULL, 20, 20, 'finished', NULL, 0, 1)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO answers (round_id, question_index, question_id,"
                    + " topic, guild_id, user_id, user_name, choice, correct, points, millis, answered_at)"
                    + " VALUES ('bench', ?, 'q', 'python', 'g1', ?, ?, 0, ?, ?, 1000, ?)")) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < rows; i++) {
                    int user = i % 2_000;
                    p.setInt(1, i / 2_000);
                    p.setString(2, "u" + user);
                    p.setString(3, "User " + user);
                    p.setInt(4, i % 3 == 0 ? 0 : 1);
                    p.setInt(5, i % 3 == 0 ? 0 : 700);
                    p.setLong(6, now - (long) i * 1_000);
                    p.addBatch();
                    if (i % 10_000 == 9_999) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            // The sums the bot keeps with every answer, made here in one pass as migration 3 makes them.
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO total_scores SELECT guild_id, user_id, MAX(user_name), SUM(points), COUNT(*),"
                        + " SUM(correct) FROM answers GROUP BY guild_id, user_id");
                s.execute("INSERT INTO daily_scores SELECT guild_id, answered_at / 86400000, user_id, MAX(user_name),"
                        + " SUM(points), COUNT(*), SUM(correct) FROM answers GROUP BY guild_id, answered_at / 86400000, user_id");
                s.execute(Database.MONTHLY_SCORES_FROM_DAILY);
            }
            c.commit();
            if (jdbcUrl.startsWith("jdbc:postgresql:")) {
                // Planner statistics, as autovacuum would gather them soon after a load this size.
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
            }
        }
    }

    private static final int WARM_UP = 100;

    private void measureAcknowledgement(int interactions) throws Exception {
        Path dir = Scratch.directory("prepbot-bench-ack");
        try (FakeDiscord discord = FakeDiscord.start()) {
            Settings settings = Settings.fromEnvironment(Map.of("DISCORD_TOKEN", "bench-token",
                    "PREPBOT_DISCORD_API", discord.restBaseUrl(), "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                    "PREPBOT_DB", dir.resolve("ack.db").toString()));
            try (App app = App.startShared(settings); DiscordBot bot = DiscordBot.start(settings, app::commands)) {
                discord.awaitConnected(Duration.ofSeconds(10));
                String[] queries = {"tcp handshake", "isolaton levels", "gil threads", "deadl", "k-fold"};
                List<Duration> latencies = new ArrayList<>();
                // The first hundred warm the JIT and JDA's connections; the rest are measured.
                for (int i = 0; i < WARM_UP + interactions; i++) {
                    World.User user = discord.world().addUser("bench-" + i, false);
                    var search = discord.slash(user, World.GENERAL, "search", Map.of("query", queries[i % queries.length]));
                    Duration latency = discord.awaitCallback(search, Duration.ofSeconds(10)).latency();
                    if (i >= WARM_UP) {
                        latencies.add(latency);
                    }
                }
                long[] nanos = latencies.stream().mapToLong(Duration::toNanos).toArray();
                int bank = app.bank().size();
                add("interaction.ack.p50", bank, "prepbot", percentile(nanos, 50) / 1e6, "ms");
                add("interaction.ack.p99", bank, "prepbot", percentile(nanos, 99) / 1e6, "ms");
            }
        }
    }

    /**
     * The acknowledgement of the first /search after each of several fresh starts of the bot, as it
     * reports ready; and in how many of them the model was ready by then (the rest were answered by
     * words, with the model loading beside them).
     */
    private void measureFirstInteraction(int starts, int bank) throws Exception {
        System.err.println("  first interaction: " + starts + " starts of " + FirstInteraction.launcher());
        List<FirstInteraction.Start> measured =
                new FirstInteraction(Scratch.directory("prepbot-bench-first")).measure(starts);
        long[] nanos = measured.stream().mapToLong(s -> s.ack().toNanos()).toArray();
        add("interaction.first.p50", bank, "prepbot", percentile(nanos, 50) / 1e6, "ms");
        add("interaction.first.max", bank, "prepbot", Arrays.stream(nanos).max().orElseThrow() / 1e6, "ms");
        long modelReady = measured.stream().filter(FirstInteraction.Start::modelReady).count();
        add("interaction.first.model_ready", bank, "prepbot", 100.0 * modelReady / starts, "%");
    }

    static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void writeBank(Bank bank, Path dir) throws Exception {
        Files.createDirectories(dir);
        BankJson json = new BankJson();
        ObjectMapper mapper = json.mapper();
        // Files of 5,000 questions stay far below the loader's 64 MB limit.
        for (int from = 0; from < bank.size(); from += 5_000) {
            ObjectNode root = mapper.createObjectNode();
            ArrayNode questions = root.putArray("questions");
            for (Question q : bank.questions().subList(from, Math.min(bank.size(), from + 5_000))) {
                questions.add(json.toJson(q));
            }
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "bank-%06d.json", from)), json.write(root));
        }
    }

    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The processor's name as Linux reports it, or the architecture elsewhere. */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** The search peers in their listed order; engines that are not peers (prepbot-pg) after them. */
    private static int engineOrder(String engine) {
        int index = Engines.NAMES.indexOf(engine);
        return index < 0 ? Engines.NAMES.size() : index;
    }

    private void add(String name, int bank, String engine, double value, String unit) {
        results.add(new Result(name, bank, engine, Math.round(value * 100) / 100.0, unit));
        System.err.printf(Locale.ROOT, "  %-30s %7d %-8s %12.2f %s%n", name, bank, engine, value, unit);
    }

    private void report() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode machine = root.putObject("machine");
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        machine.put("memory_gb", Math.round(memory / 1e9 * 10) / 10.0);
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        // The JVMs that time Prepbot (JMH's forks, the starts, the crowds) run with the image's options.
        machine.put("jvm_options", String.join(" ", Deployed.dockerfileOptions()));
        ArrayNode list = root.putArray("results");
        for (Result r : results) {
            list.addObject().put("name", r.name()).put("bank", r.bank()).put("engine", r.engine()).put("value", r.value())
                    .put("unit", r.unit());
        }
        // The tuned set keeps its key; each further set gets its own.
        relevance.get(0).writeTo(root.putObject("relevance"));
        relevance.get(1).writeTo(root.putObject("relevance_written_apart"));
        Path out = Path.of("target", "bench", "results.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, mapper.writeValueAsString(root));

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nPrepbot benchmarks on %s (%s cores), %s GB, %s, %s%n%n",
                machine.get("cpu").asText(), machine.get("cores"), machine.get("memory_gb"), machine.get("jdk").asText(),
                machine.get("os").asText()));
        table.append(String.format(Locale.ROOT, "JMH's forks, the starts and the crowds run with: %s%n%n", machine.get("jvm_options").asText()));
        String row = "| %-30s | %7s | %-7s | %12s | %-4s | %-13s |%n";
        table.append(String.format(Locale.ROOT, row, "measure", "bank", "engine", "value", "unit", "prepbot ÷ this"));
        table.append(String.format(Locale.ROOT, row, "-".repeat(30), "-".repeat(7), "-".repeat(7), "-".repeat(12), "-".repeat(4),
                "-".repeat(13)));
        // Each measure's engines side by side, Prepbot first, then each peer with Prepbot's figure divided by its own.
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(Result::bank).thenComparing(Result::name)
                .thenComparingInt(r -> engineOrder(r.engine())));
        for (Result r : sorted) {
            String ratio = "";
            if (!r.engine().equals("prepbot")) {
                Optional<Result> ours = results.stream().filter(o -> o.engine().equals("prepbot") && o.name().equals(r.name())
                        && o.bank() == r.bank()).findFirst();
                if (ours.isPresent() && r.value() > 0) {
                    ratio = String.format(Locale.ROOT, "%.2f", ours.get().value() / r.value());
                }
            }
            // Figures of no bank (the jar, the model) leave the bank column empty.
            table.append(String.format(Locale.ROOT, row, r.name(), r.bank() == 0 ? "" : r.bank(), r.engine(),
                    String.format(Locale.ROOT, "%.2f", r.value()), r.unit(), ratio));
        }
        relevance.forEach(r -> table.append('\n').append(r.table()));
        System.out.println(table);
        System.out.println("Written to " + out.toAbsolutePath());
    }
}
