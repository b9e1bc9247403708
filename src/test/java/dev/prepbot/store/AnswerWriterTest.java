package dev.prepbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.testing.TestDatabase;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Group commit: a crowd's answers stored in few transactions, each once, each durable when acknowledged. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class AnswerWriterTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);
    private TestDatabase database;
    private Database db;
    private SqlQuizStore store;

    @BeforeEach
    void open() {
        database = engine.fresh(dir);
        db = Database.open(database.location(), clock);
        store = new SqlQuizStore(db);
        store.openRound(new RoundRecord("r1", "g1", "c1", "u0", Optional.empty(), 1, 60, RoundStatus.RUNNING,
                Optional.empty(), clock.instant()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AnswerRecord answer(int player) {
        return new AnswerRecord("r1", 0, "q1", "python", "g1", "u" + player, "Player " + player, player % 4,
                player % 4 == 0, player % 4 == 0 ? 900 : 0, 1_000, clock.instant());
    }

    /** The store, counting transactions; its first one waits until the test lets it go. */
    private final class GatedStore implements QuizStore {
        final AtomicInteger transactions = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public List<Boolean> recordAnswers(List<AnswerRecord> answers) {
            if (transactions.getAndIncrement() == 0) {
                entered.countDown();
                try {
                    open.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return store.recordAnswers(answers);
        }

        @Override
        public void openRound(RoundRecord round) {
        }

        @Override
        public void setRoundMessage(String roundId, String messageId) {
        }

        @Override
        public void closeRound(String roundId, RoundStatus status, Instant at) {
        }

        @Override
        public List<RoundRecord> runningRounds() {
            return List.of();
        }

        @Override
        public List<Standing> standings(String guildId, Instant since) {
            return store.standings(guildId, since);
        }

        @Override
        public Optional<PlayerStats> stats(String guildId, String userId) {
            return store.stats(guildId, userId);
        }
    }

    private int storedRows() throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM answers")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void aBurstOfTwoThousandClicksTakesTwoCommitsAndCountsEachPlayerOnce() throws Exception {
        GatedStore gated = new GatedStore();
        List<List<AnswerRecord>> afterCommit = new ArrayList<>();
        try (AnswerWriter writer = new AnswerWriter(gated, afterCommit::add)) {
            List<CompletableFuture<Boolean>> first = List.of(writer.write(answer(0)));
            // The burst arrives while the first answer's transaction is being committed.
            assertTrue(gated.entered.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Boolean>> burst = new ArrayList<>();
            for (int player = 1; player < 1_900; player++) {
                burst.add(writer.write(answer(player)));
            }
            List<CompletableFuture<Boolean>> doubleClicks = new ArrayList<>();
            for (int player = 1; player <= 100; player++) {
                doubleClicks.add(writer.write(answer(player)));
            }
            gated.open.countDown();
            assertTrue(first.get(0).get(10, TimeUnit.SECONDS));
            for (CompletableFuture<Boolean> f : burst) {
                assertTrue(f.get(10, TimeUnit.SECONDS));
            }
            for (CompletableFuture<Boolean> f : doubleClicks) {
                assertEquals(false, f.get(10, TimeUnit.SECONDS), "a second click is not counted");
            }
            assertEquals(2, gated.transactions.get(), "the first answer alone, then the whole burst at once");
            assertEquals(1_900, afterCommit.stream().mapToInt(List::size).sum(), "each stored answer seen once after its commit");
        }
        assertEquals(1_900, storedRows());
        PlayerStats fourth = store.stats("g1", "u4").orElseThrow();
        assertEquals(1, fourth.answered(), "the per-player sums are kept with the answers, once");
        assertEquals(900, fourth.points());
    }

    @Test
    void anAnswerIsOnDiskWhenItsFutureCompletes() throws Exception {
        try (AnswerWriter writer = new AnswerWriter(store, stored -> { })) {
            assertTrue(writer.write(answer(5)).get(10, TimeUnit.SECONDS));
            assertEquals(1, storedRows(), "another connection sees it: committed, not just queued");
        }
    }

    @Test
    void aFailingStoreFailsItsBatchLoudlyAndStoresNothingOfIt() throws Exception {
        db.close();
        try (AnswerWriter writer = new AnswerWriter(store, stored -> { })) {
            CompletableFuture<Boolean> lost = writer.write(answer(1));
            assertThrows(CompletionException.class, lost::join);
        }
        db = Database.open(database.location(), clock);
        assertEquals(0, storedRows());
    }

    @Test
    void closingStoresWhatIsQueuedThenRefusesMore() throws Exception {
        AnswerWriter writer = new AnswerWriter(store, stored -> { });
        List<CompletableFuture<Boolean>> queued = new ArrayList<>();
        for (int player = 0; player < 50; player++) {
            queued.add(writer.write(answer(player)));
        }
        writer.close();
        for (CompletableFuture<Boolean> f : queued) {
            assertTrue(f.isDone() && f.join());
        }
        assertEquals(50, storedRows());
        assertThrows(CompletionException.class, () -> writer.write(answer(99)).join());
    }
}
