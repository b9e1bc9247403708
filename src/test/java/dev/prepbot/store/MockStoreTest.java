package dev.prepbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Difficulty;
import dev.prepbot.mock.MockMember;
import dev.prepbot.mock.MockPair;
import dev.prepbot.mock.MockScore;
import dev.prepbot.mock.MockSession;
import dev.prepbot.mock.MockSummary;
import dev.prepbot.mock.QueueEntry;
import dev.prepbot.mock.Tick;
import dev.prepbot.testing.TestDatabase;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The mock interview tables on each engine: sessions, members, pairs, scores and the queue. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class MockStoreTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private Database db;
    private SqlMockStore store;

    @BeforeEach
    void open() {
        TestDatabase fresh = engine.fresh(dir);
        db = Database.open(fresh.location(), Clock.fixed(NOW, ZoneOffset.UTC));
        store = new SqlMockStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private MockSession session(String id, String channel) {
        return new MockSession(id, "g", channel, "u1", Optional.of("git"), Optional.of(Difficulty.HARD), 2,
                MockSession.Status.LOBBY, Optional.empty(), NOW);
    }

    @Test
    void aSessionKeepsItsSettingsAndHoldsItsChannelUntilItEnds() {
        store.saveSession(session("s1", "c1"));
        assertEquals(session("s1", "c1"), store.openSessionIn("c1").orElseThrow(), "held while its lobby is posted");
        store.saveSession(session("s1", "c1").withLobbyMessage("m1"));
        MockSession found = store.openSessionIn("c1").orElseThrow();
        assertEquals(session("s1", "c1").withLobbyMessage("m1"), found);
        store.saveSession(found.withStatus(MockSession.Status.RUNNING));
        assertEquals(MockSession.Status.RUNNING, store.openSessionIn("c1").orElseThrow().status());
        store.saveSession(found.withStatus(MockSession.Status.ENDED));
        assertTrue(store.openSessionIn("c1").isEmpty());
        assertTrue(store.openSessionIn("c2").isEmpty());
    }

    @Test
    void aMatchFromTheQueueDoesNotHoldItsChannel() {
        store.saveSession(new MockSession("q1", "g", "c1", "u1", Optional.empty(), Optional.empty(), 15,
                MockSession.Status.RUNNING, Optional.empty(), NOW));
        assertTrue(store.openSessionIn("c1").isEmpty());
        assertEquals(15, store.session("q1").orElseThrow().minutes());
    }

    @Test
    void membersKeepTheOrderTheyJoinedInAndJoinOnce() {
        store.saveSession(session("s1", "c1"));
        assertTrue(store.addMember("s1", new MockMember("u2", "bob")));
        assertTrue(store.addMember("s1", new MockMember("u1", "ada")));
        assertFalse(store.addMember("s1", new MockMember("u2", "bob")), "once");
        assertTrue(store.addMember("s1", new MockMember("u3", "cy")));
        assertEquals(List.of("u2", "u1", "u3"), store.members("s1").stream().map(MockMember::userId).toList());
        assertTrue(store.removeMember("s1", "u1"));
        assertFalse(store.removeMember("s1", "u1"));
        assertEquals(List.of("bob", "cy"), store.members("s1").stream().map(MockMember::name).toList());
    }

    @Test
    void aPairIsStoredWholeAndFoundWhileItIsOpen() {
        store.saveSession(session("s1", "c1"));
        MockPair pair = new MockPair("s1p0", "s1", "g", "u1", "u2", Optional.of("u3"), Optional.of("t1"),
                Optional.of("v1"), MockPair.Status.INTERVIEW, 2, Optional.of("q1"), Optional.of("m9"),
                Optional.of(NOW.plusSeconds(120)), Set.of("u1", "u2"));
        store.savePair(pair);
        assertEquals(pair, store.pair("s1p0").orElseThrow());
        assertEquals(List.of(pair), store.openPairs());
        assertEquals(Optional.of(pair), store.openPairOf("g", "u3"), "the observer is in it too");
        assertTrue(store.openPairOf("other-guild", "u3").isEmpty());
        MockPair waiting = new MockPair("s1p1", "s1", "g", "u4", "u5", Optional.empty(), Optional.empty(),
                Optional.empty(), MockPair.Status.WAITING, 1, Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        store.savePair(waiting);
        assertEquals(waiting, store.pair("s1p1").orElseThrow(), "empty columns come back empty");
        store.savePair(pair.withStatus(MockPair.Status.DONE));
        assertEquals(List.of(waiting), store.openPairs());
        assertTrue(store.openPairOf("g", "u1").isEmpty());
        assertEquals(2, store.pairs("s1").size());
    }

    @Test
    void scoresAreKeptTickByTickAndSummedForTheCandidateOnceComplete() {
        store.saveSession(session("s1", "c1"));
        store.savePair(new MockPair("s1p0", "s1", "g", "u1", "u2", Optional.empty(), Optional.of("t"), Optional.empty(),
                MockPair.Status.SCORING, 1, Optional.of("q1"), Optional.empty(), Optional.empty(), Set.of()));
        MockScore open = new MockScore("s1p0", 1, "g", "u1", "u2", "q1", "git",
                List.of(Optional.empty(), Optional.empty(), Optional.empty()), OptionalInt.empty(), Optional.empty(), NOW);
        store.saveScore(open);
        MockScore ticked = open.withTick(0, Tick.COVERED, NOW).withTick(2, Tick.MISSED, NOW);
        store.saveScore(ticked);
        assertEquals(ticked, store.score("s1p0", 1).orElseThrow());
        assertEquals(new MockSummary(0, 0, 0, 0, 0), store.summary("g", "u2"), "an incomplete score does not count yet");
        MockScore complete = ticked.withTick(1, Tick.PARTLY, NOW).withOverall(4, Optional.of("good"), NOW.plusSeconds(5));
        store.saveScore(complete);
        assertEquals(complete, store.score("s1p0", 1).orElseThrow());
        assertEquals(new MockSummary(1, 4, 1, 1, 1), store.summary("g", "u2"));
        assertEquals(new MockSummary(0, 0, 0, 0, 0), store.summary("g", "u1"), "the interviewer was not scored");
    }

    @Test
    void theQueueMatchesTheLongestWaitingAtTheSameDifficulty() {
        store.enqueue(new QueueEntry("g", "u1", "ada", "medium", "c1", NOW));
        store.enqueue(new QueueEntry("g", "u2", "bob", "medium", "c1", NOW.plusSeconds(1)));
        store.enqueue(new QueueEntry("g", "u3", "cy", "hard", "c1", NOW.minusSeconds(5)));
        assertEquals("u1", store.longestWaiting("g", "medium", "u9").orElseThrow().userId());
        assertEquals("u2", store.longestWaiting("g", "medium", "u1").orElseThrow().userId(), "never oneself");
        assertTrue(store.longestWaiting("other", "medium", "u9").isEmpty());
        store.enqueue(new QueueEntry("g", "u1", "ada", "hard", "c2", NOW.plusSeconds(9)));
        assertEquals("hard", store.queued("g", "u1").orElseThrow().difficulty(), "queueing again moves the member");
        assertTrue(store.dequeue("g", "u1"));
        assertFalse(store.dequeue("g", "u1"));
        assertTrue(store.queued("g", "u1").isEmpty());
    }
}
