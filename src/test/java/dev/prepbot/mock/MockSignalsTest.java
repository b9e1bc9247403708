package dev.prepbot.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.commands.Reply;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlMockStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mock scores as their own line in /stats and /readiness. */
class MockSignalsTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void completeScoresShowInStatsAndInTheTeamsReadinessForThePeriod() {
        try (Database db = Database.open(dir.resolve("s.db").toString(), Clock.fixed(NOW, ZoneOffset.UTC))) {
            SqlMockStore store = new SqlMockStore(db);
            MockSignals signals = new MockSignals(store);
            assertTrue(signals.stats("g", "u2").isEmpty(), "nothing before a score");
            assertTrue(signals.readiness("g", NOW.minusSeconds(60)).isEmpty());
            store.saveSession(new MockSession("s", "g", "c", "u1", Optional.empty(), Optional.empty(), 2,
                    MockSession.Status.RUNNING, Optional.of("m"), NOW));
            store.savePair(new MockPair("sp0", "s", "g", "u1", "u2", Optional.empty(), Optional.of("t"), Optional.empty(),
                    MockPair.Status.DONE, 2, Optional.of("q2"), Optional.empty(), Optional.empty(), Set.of()));
            store.saveScore(new MockScore("sp0", 1, "g", "u1", "u2", "q1", "git",
                    List.of(Optional.of(Tick.COVERED), Optional.of(Tick.MISSED)), OptionalInt.of(3), Optional.empty(), NOW));
            store.saveScore(new MockScore("sp0", 2, "g", "u2", "u1", "q2", "git",
                    List.of(Optional.of(Tick.PARTLY)), OptionalInt.of(4), Optional.empty(), NOW));
            Reply.Section stats = signals.stats("g", "u2").orElseThrow();
            assertEquals("Mock interviews", stats.heading().plain());
            assertEquals("1 round as the candidate, 3.0 of 5 on average; key points 1 covered, 0 partly, 1 missed",
                    stats.body().plain());
            assertEquals(Optional.of("Mock interviews: 2 rounds scored, 3.5 of 5 on average; key points 1 covered,"
                    + " 1 partly, 1 missed."), signals.readiness("g", NOW.minusSeconds(60)));
            assertTrue(signals.readiness("g", NOW.plusSeconds(1)).isEmpty(), "only the period's scores");
        }
    }
}
