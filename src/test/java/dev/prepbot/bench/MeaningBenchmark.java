package dev.prepbot.bench;

import dev.prepbot.App;
import dev.prepbot.search.ModelUse;
import dev.prepbot.search.RecentReadings;
import dev.prepbot.search.RelevanceSet;
import dev.prepbot.search.SearchHit;
import dev.prepbot.search.SearchIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Prepbot's search latency with the sentence model ready, on a synthetic bank whose vectors
 * {@link Benchmarks} had the model embed into the cache beforehand (so this only loads them). The
 * synthetic text has no meaning to find, so nothing here is judged for relevance: only timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MeaningBenchmark {

    /** Loading the model and the cached vectors takes seconds; minutes would mean they were not cached. */
    private static final Duration MEANING_WAIT = Duration.ofMinutes(2);

    private App app;
    private SearchIndex index;
    private List<String> plain;
    private List<String> lexical;
    private int next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        app = App.start(StartProbe.settings(Path.of(System.getProperty(SearchBenchmark.BANK_DIR)),
                Path.of(System.getProperty(SearchBenchmark.CACHE_DIR))));
        index = app.index();
        if (!index.awaitMeaning(MEANING_WAIT)) {
            throw new IllegalStateException("search by meaning did not come on within " + MEANING_WAIT);
        }
        plain = plainQueriesThroughTheModel(index);
        lexical = SyntheticBank.lexical(SyntheticBank.queries(app.bank(), Benchmarks.QUERIES, Benchmarks.QUERY_SEED))
                .stream().map(SyntheticBank.LabelledQuery::text).toList();
    }

    /**
     * The relevance set's plain-language queries, without the few this bank's words alone answer
     * (a short query of known words never reaches the model), so every call timed embeds its query.
     */
    static List<String> plainQueriesThroughTheModel(SearchIndex index) {
        List<String> queries = RelevanceSet.load().stream().filter(q -> q.kind().equals("plain"))
                .map(RelevanceSet.Query::text).filter(text -> ModelUse.asksTheModel(index, text)).toList();
        if (queries.isEmpty()) {
            throw new IllegalStateException("no plain-language query goes through the model");
        }
        return queries;
    }

    /**
     * Each call times a first reading of its query: the bot remembers recent readings, and this cycles
     * through a few hundred queries, so without forgetting every call after the first round would time
     * a remembered one.
     */
    @Setup(Level.Invocation)
    public void forgetReadings() {
        index.sentenceModel().filter(RecentReadings.class::isInstance).map(RecentReadings.class::cast)
                .ifPresent(RecentReadings::forget);
    }

    @TearDown(Level.Trial)
    public void close() {
        app.close();
    }

    /** Each call answers the next plain-language query of the relevance set, through the model. */
    @Benchmark
    public List<SearchHit> plain() {
        return index.search(plain.get(next++ % plain.size()), Optional.empty(), 10);
    }

    /**
     * Each call answers the next keyword, typo or half-typed query of {@link SearchBenchmark}'s mix, as
     * the bot does once the model is ready: known keywords by words alone, the rest through the model too.
     */
    @Benchmark
    public List<SearchHit> lexical() {
        return index.search(lexical.get(next++ % lexical.size()), Optional.empty(), 10);
    }
}
