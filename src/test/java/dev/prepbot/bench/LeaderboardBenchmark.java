package dev.prepbot.bench;

import dev.prepbot.quiz.Leaderboard;
import dev.prepbot.quiz.Period;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.store.Standing;
import java.time.Clock;
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
 * A guild's leaderboard over the database {@link Benchmarks} fills with a million scored answers:
 * read through the Caffeine cache, and read with the cache emptied first, as after a new score. The
 * database is SQLite, and again PostgreSQL (uncached month only, engine prepbot-pg) where the test
 * PostgreSQL server can be started.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LeaderboardBenchmark {

    static final String DATABASE = "bench.database";
    static final String GUILD = "g1";

    @Param({"all", "month"})
    public String period;

    private Database db;
    private Leaderboard leaderboard;
    private Period chosen;

    @Setup(Level.Trial)
    public void open() {
        db = Database.open(System.getProperty(DATABASE), Clock.systemUTC());
        leaderboard = new Leaderboard(new SqlQuizStore(db), Clock.systemUTC());
        chosen = Period.fromSlug(period).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public List<Standing> cached() {
        return leaderboard.standings(GUILD, chosen);
    }

    @Benchmark
    public List<Standing> uncached() {
        leaderboard.invalidate(GUILD);
        return leaderboard.standings(GUILD, chosen);
    }
}
