package dev.prepbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prepbot.daily.DailySchedule;
import dev.prepbot.testing.TestDatabase;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema and the stores on each engine, each test on a fresh database. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class DatabaseTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);
    private TestDatabase store;

    @BeforeEach
    void fresh() {
        store = engine.fresh(dir);
    }

    private String location() {
        return store.location();
    }

    @Test
    void anEmptyDatabaseIsCreatedAtTheLatestSchema() throws Exception {
        try (Database db = Database.open(location(), clock)) {
            assertEquals(Database.MIGRATIONS.size(), db.version());
        }
        try (Connection c = store.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_migrations")) {
            r.next();
            assertEquals(Database.MIGRATIONS.size(), r.getInt(1), "one row per migration");
        }
    }

    @Test
    void sqliteIsOpenedInWalMode() throws Exception {
        assumeTrue(engine == Engine.SQLITE);
        Database.open(location(), clock).close();
        try (Connection c = store.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertEquals("wal", r.getString(1));
        }
    }

    @Test
    void anOlderDatabaseIsUpgradedInPlaceKeepingItsRows() throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            for (String sql : Database.MIGRATIONS.get(0)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_migrations VALUES (1, 0)");
            s.execute("INSERT INTO rounds VALUES ('r1', 'g1', 'c1', 'u1', NULL, 5, 20, 'finished', NULL, 0, 1)");
            s.execute("INSERT INTO answers VALUES ('r1', 0, 'q', 'python', 'g1', 'u1', 'Ada', 1, 1, 900, 2000, 5)");
            s.execute("INSERT INTO answers VALUES ('r1', 1, 'q2', 'python', 'g1', 'u1', 'Ada', 1, 1, 700, 2000, "
                    + Instant.parse("2028-02-29T23:59:59Z").toEpochMilli() + ")");
        }
        try (Database db = Database.open(location(), clock)) {
            assertEquals(Database.MIGRATIONS.size(), db.version());
            assertEquals(1600, new SqlQuizStore(db).standings("g1", Instant.EPOCH).get(0).points(),
                    "the score sums of migration 3 start from the answers already there");
            assertEquals(700, new SqlQuizStore(db).standings("g1", Instant.parse("2028-02-01T00:00:00Z")).get(0).points(),
                    "the monthly sums start from the daily ones, a leap day in its month");
            assertTrue(new SqlQuizStore(db).standings("g1", Instant.parse("2028-03-01T00:00:00Z")).isEmpty());
            assertTrue(new SqlDailyRecords(db).schedules().isEmpty(), "the daily tables of migration 2 exist");
        }
    }

    @Test
    void aNewerDatabaseIsRefusedWithASentence() throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            s.execute("INSERT INTO schema_migrations VALUES (" + (Database.MIGRATIONS.size() + 1) + ", 0)");
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(location(), clock));
        assertEquals("This database was written by a newer Prepbot (schema " + (Database.MIGRATIONS.size() + 1)
                + "; this one knows up to " + Database.MIGRATIONS.size() + ")."
                + " Upgrade Prepbot or use another PREPBOT_DB.", e.getMessage());
    }

    @Test
    void statsAndStandingsStayInsideTheirGuild() {
        try (Database db = Database.open(location(), clock)) {
            SqlQuizStore store = new SqlQuizStore(db);
            store.openRound(new RoundRecord("r1", "g1", "c1", "u1", Optional.empty(), 3, 20, RoundStatus.RUNNING,
                    Optional.empty(), clock.instant()));
            store.openRound(new RoundRecord("r2", "g2", "c2", "u1", Optional.empty(), 3, 20, RoundStatus.RUNNING,
                    Optional.empty(), clock.instant()));
            boolean[] right = {true, true, false, true, true, true};
            for (int i = 0; i < right.length; i++) {
                assertTrue(store.recordAnswer(new AnswerRecord("r1", i, "q" + i, i < 3 ? "python" : "web", "g1", "u1",
                        "Ada", 0, right[i], right[i] ? 800 : 0, 1000, clock.instant().plusSeconds(i))));
            }
            assertFalse(store.recordAnswer(new AnswerRecord("r1", 0, "q0", "python", "g1", "u1", "Ada", 1, false, 0, 5,
                    clock.instant())), "one answer per player and question");
            store.recordAnswer(new AnswerRecord("r2", 0, "q0", "python", "g2", "u2", "Bob", 0, true, 999, 1, clock.instant()));
            PlayerStats ada = store.stats("g1", "u1").orElseThrow();
            assertEquals(1, ada.rounds());
            assertEquals(6, ada.answered());
            assertEquals(5, ada.correct());
            assertEquals(4000, ada.points());
            assertEquals(3, ada.bestStreak());
            assertEquals(2, ada.byTopic().get("python").correct());
            assertEquals(List.of("u1"), store.standings("g1", Instant.EPOCH).stream().map(Standing::userId).toList());
            assertEquals(List.of("u2"), store.standings("g2", Instant.EPOCH).stream().map(Standing::userId).toList());
            assertTrue(store.stats("g2", "u1").isEmpty());
        }
    }

    @Test
    void leaderboardSumsAgreeWithTheAnswersTheyAreKeptFrom() {
        try (Database db = Database.open(location(), clock)) {
            SqlQuizStore store = new SqlQuizStore(db);
            store.openRound(new RoundRecord("r1", "g1", "c1", "u0", Optional.empty(), 3, 20, RoundStatus.RUNNING,
                    Optional.empty(), clock.instant()));
            java.util.Random random = new java.util.Random(11);
            List<AnswerRecord> answers = new java.util.ArrayList<>();
            Instant first = Instant.parse("2026-03-01T00:00:00Z");
            for (int i = 0; i < 600; i++) {
                int user = random.nextInt(7);
                boolean right = random.nextBoolean();
                // Answers land at any time of day over two months, some exactly at midnight.
                Instant at = first.plusMillis(random.nextInt(60) * 86_400_000L + (i % 10 == 0 ? 0 : random.nextInt(86_400_000)));
                AnswerRecord a = new AnswerRecord("r1", i, "q" + i, "python", "g1", "u" + user, "Player " + user, 0, right,
                        right ? 300 + random.nextInt(700) : 0, 1000, at);
                assertTrue(store.recordAnswer(a));
                answers.add(a);
            }
            for (Instant since : List.of(Instant.EPOCH, Instant.parse("2026-04-01T00:00:00Z"),
                    Instant.parse("2026-04-27T00:00:00Z"), Instant.parse("2026-04-27T13:30:00Z"))) {
                assertEquals(expectedStandings(answers, since), store.standings("g1", since), "since " + since);
            }
        }
    }

    /** The standings summed straight from the answers, in leaderboard order. */
    private static List<Standing> expectedStandings(List<AnswerRecord> answers, Instant since) {
        java.util.Map<String, long[]> sums = new java.util.TreeMap<>();
        for (AnswerRecord a : answers) {
            if (!a.answeredAt().isBefore(since)) {
                long[] s = sums.computeIfAbsent(a.userId(), u -> new long[3]);
                s[0] += a.points();
                s[1]++;
                s[2] += a.correct() ? 1 : 0;
            }
        }
        return sums.entrySet().stream()
                .map(e -> new Standing(e.getKey(), "Player " + e.getKey().substring(1), e.getValue()[0],
                        (int) e.getValue()[1], (int) e.getValue()[2]))
                .sorted(java.util.Comparator.comparingLong(Standing::points).reversed()
                        .thenComparing(java.util.Comparator.comparingInt(Standing::correct).reversed())
                        .thenComparing(Standing::userId))
                .toList();
    }

    @Test
    void aDayCanBeClaimedOnceEvenFromTwoConnections() {
        try (Database one = Database.open(location(), clock); Database two = Database.open(location(), clock)) {
            SqlDailyRecords first = new SqlDailyRecords(one);
            SqlDailyRecords second = new SqlDailyRecords(two);
            first.saveSchedule(new DailySchedule("g1", "c1", LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"),
                    Optional.of("python"), clock.instant()));
            LocalDate day = LocalDate.of(2026, 5, 1);
            assertTrue(first.claimPost("g1", day, "q1", 1, clock.instant()));
            assertFalse(second.claimPost("g1", day, "q2", 1, clock.instant()));
            assertFalse(second.posted("g1", day), "claimed, but not settled until the message is recorded");
            first.recordMessage("g1", day, "m1");
            assertTrue(second.posted("g1", day));
            assertEquals(new dev.prepbot.daily.DailyRecords.Cycle(1, Set.of("q1")), second.currentCycle("g1"));
            second.recordProblem("g1", Optional.of("The channel was deleted."));
            assertEquals(Optional.of("The channel was deleted."), first.lastProblem("g1"));
            assertEquals("Europe/Berlin", first.schedule("g1").orElseThrow().zone().getId());
            first.deleteSchedule("g1");
            assertTrue(second.schedules().isEmpty());
        }
    }
}
