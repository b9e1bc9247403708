package dev.prepbot.bench;

import dev.prepbot.App;
import dev.prepbot.bank.Bank;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Search and autocomplete latency of one engine on one synthetic bank, sampled by JMH. The bank's
 * files and Prepbot's index cache are made by {@link Benchmarks} and named by system properties, so
 * every engine answers the same queries on the same bank; Prepbot is started as the bot starts, but
 * searching by words only: search through the sentence model is timed apart, by {@link MeaningBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SearchBenchmark {

    static final String BANK_DIR = "bench.bankDir";
    static final String CACHE_DIR = "bench.cacheDir";

    @Param({"prepbot", "fts5", "scan"})
    public String engine;

    private App app;
    private Engine searcher;
    private List<SyntheticBank.LabelledQuery> queries;
    private List<SyntheticBank.LabelledQuery> lexical;
    private List<SyntheticBank.LabelledQuery> partials;
    private int next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        app = App.start(StartProbe.wordsOnly(Path.of(System.getProperty(BANK_DIR)), Path.of(System.getProperty(CACHE_DIR))));
        Bank bank = app.bank();
        queries = SyntheticBank.queries(bank, Benchmarks.QUERIES, Benchmarks.QUERY_SEED);
        lexical = SyntheticBank.lexical(queries);
        partials = SyntheticBank.partials(bank, queries);
        searcher = Engines.open(engine, app);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        searcher.close();
        app.close();
    }

    /** Each call answers the next query of the fixed mix: keyword, typo, prefix and natural language. */
    @Benchmark
    public List<String> search() {
        return searcher.search(queries.get(next++ % queries.size()).text(), 10);
    }

    /** The same without the natural-language quarter: keywords, a typo, a half-typed last word. */
    @Benchmark
    public List<String> lexical() {
        return searcher.search(lexical.get(next++ % lexical.size()).text(), 10);
    }

    /** Each call completes the next partly typed question. */
    @Benchmark
    public List<String> autocomplete() {
        return searcher.suggest(partials.get(next++ % partials.size()).text(), 25);
    }
}
