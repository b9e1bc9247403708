package dev.prepbot.bench;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Question;
import dev.prepbot.ops.ShardPlan;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.ServerIndex;
import dev.prepbot.serverbank.ServerBanks;
import dev.prepbot.serverbank.ServerQuestion;
import dev.prepbot.serverbank.Status;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlServerBankStore;
import dev.prepbot.testing.Scratch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Servers' own questions at scale: {@code questions} of them spread over {@code servers} servers in one
 * SQLite database, then a first start (the index built from the database), an unchanged start (the
 * kept index opened and checked), the heap after it, and per-server search by words, p50 and p99, over
 * random servers. Search by meaning is left out: embedding this many questions takes this machine far
 * longer than the rest of the run. Run with
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.prepbot.bench.ServerBankBenchmark 100000 1000}
 * (with {@code -Xmx12g} for 1000000 10000: the generated bank is held while the database is filled),
 * and a third argument, {@code 4} say, for the first start of a process holding one of that many shards.
 */
public final class ServerBankBenchmark {

    private ServerBankBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int servers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        // With a third argument, also the first start of one process holding one shard of that many.
        int shards = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dir = Scratch.directory("prepbot-server-bench");
        Bank builtIn = new BankLoader().loadBuiltIn();
        Bank synthetic = new SyntheticBank(builtIn).generate(questions, 42);
        List<SyntheticBank.LabelledQuery> queries = SyntheticBank.lexical(SyntheticBank.queries(synthetic, 4_000, 7));
        Clock clock = Clock.systemUTC();
        String location = dir.resolve("servers.db").toString();
        long fill = System.nanoTime();
        try (Database db = Database.open(location, clock)) {
            SqlServerBankStore store = new SqlServerBankStore(db);
            int perServer = Math.max(1, questions / servers);
            Instant now = clock.instant();
            for (int s = 0; s < servers; s++) {
                List<ServerQuestion> rows = new ArrayList<>();
                for (int i = s * perServer; i < Math.min(questions, (s + 1) * perServer); i++) {
                    Question q = synthetic.questions().get(i);
                    rows.add(new ServerQuestion(guild(s), q, Status.LIVE, "bench", Optional.empty(), Optional.empty(), now, now));
                }
                store.saveAll(guild(s), rows, ServerBanks.MAX_QUESTIONS);
            }
        }
        // The generated bank is only the database's content: the heap measured below is what a process holds.
        synthetic = null;
        System.out.printf("machine: %s, %d cores, Java %s%n", Benchmarks.cpuModel(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf("filled %d questions over %d servers in %.1f s%n", questions, servers, (System.nanoTime() - fill) / 1e9);
        Path cache = dir.resolve("servers-index");
        try (SearchIndex index = SearchIndex.build(builtIn)) {
            for (String start : List.of("first start", "unchanged start")) {
                long begin = System.nanoTime();
                try (Database db = Database.open(location, clock);
                     ServerIndex serverIndex = ServerIndex.open(Optional.of(cache), Optional::empty,
                             work -> new Thread(work, "merging").start())) {
                    ServerBanks banks = new ServerBanks(builtIn, new SqlServerBankStore(db), index, serverIndex, clock,
                            work -> new Thread(work, "all text").start());
                    double seconds = (System.nanoTime() - begin) / 1e9;
                    // A rebuilt index serves at once (from 20,000 questions on, their short text first) and is
                    // given all of their text and merged into one segment after, as the bot does.
                    if (!serverIndex.awaitMerged(Duration.ofMinutes(10))) {
                        throw new IllegalStateException("the rebuilt index was not merged within ten minutes");
                    }
                    double merged = (System.nanoTime() - begin) / 1e9;
                    System.out.printf("%s: %.2f s (all text indexed, merged into one segment, at %.2f s), heap %d MB%n",
                            start, seconds, merged, Benchmarks.usedHeap() / (1 << 20));
                    if (start.equals("unchanged start")) {
                        search(banks, queries, questions, servers);
                        System.out.printf("heap after searching: %d MB%n", Benchmarks.usedHeap() / (1 << 20));
                    }
                }
            }
            if (shards > 1) {
                firstStartOfOneShard(builtIn, index, location, dir.resolve("servers-index-shard-0"), shards, clock);
            }
        }
    }

    /** A process holding shard 0 of {@code shards} indexes only the questions of the servers on it. */
    private static void firstStartOfOneShard(Bank builtIn, SearchIndex index, String location, Path cache, int shards,
                                             Clock clock) {
        ShardPlan plan = new ShardPlan(shards, List.of(0));
        long begin = System.nanoTime();
        try (Database db = Database.open(location, clock);
             ServerIndex serverIndex = ServerIndex.open(Optional.of(cache),
                     new ServerIndex.Scope("shards [0] of " + shards, plan::owns), Optional::empty,
                     work -> new Thread(work, "merging").start())) {
            new ServerBanks(builtIn, new SqlServerBankStore(db), index, serverIndex, clock,
                    work -> new Thread(work, "all text").start());
            double seconds = (System.nanoTime() - begin) / 1e9;
            if (!serverIndex.awaitMerged(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the rebuilt index was not merged within ten minutes");
            }
            System.out.printf("first start of a process holding shard 0 of %d (%d questions): %.2f s"
                            + " (all text indexed, merged into one segment, at %.2f s)%n", shards, serverIndex.size(),
                    seconds, (System.nanoTime() - begin) / 1e9);
        }
    }

    private static void search(ServerBanks banks, List<SyntheticBank.LabelledQuery> queries, int questions, int servers) {
        int perServer = Math.max(1, questions / servers);
        Random random = new Random(1);
        // The first round only warms up; the next three show how far the tail settles as the JIT and the
        // page cache warm (a bot runs for days, so the later rounds are closer to its steady state).
        for (int round = 0; round < 4; round++) {
            long[] nanos = new long[queries.size()];
            int found = 0;
            for (int i = 0; i < queries.size(); i++) {
                SyntheticBank.LabelledQuery q = queries.get(i);
                int number = Integer.parseInt(q.expectedId().substring("synthetic-".length()));
                // Half the queries in the server that holds the question, half in a random one.
                String guild = guild(i % 2 == 0 ? Math.min(servers - 1, number / perServer) : random.nextInt(servers));
                long start = System.nanoTime();
                var hits = banks.search().search(Optional.of(guild), q.text(), Optional.empty(), 5);
                nanos[i] = System.nanoTime() - start;
                if (hits.stream().limit(3).anyMatch(h -> h.question().id().equals(q.expectedId()))) {
                    found++;
                }
            }
            if (round > 0) {
                System.out.printf("per-server search by words, round %d: p50 %.2f ms, p99 %.2f ms over %d queries;"
                                + " found in its own server %.1f%%%n", round + 1, Benchmarks.percentile(nanos, 50) / 1e6,
                        Benchmarks.percentile(nanos, 99) / 1e6, nanos.length, 200.0 * found / nanos.length);
            }
        }
    }

    private static String guild(int server) {
        return Long.toString(100_000_000_000_000_000L + ((long) server << 22));
    }
}
