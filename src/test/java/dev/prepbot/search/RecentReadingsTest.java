package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import dev.prepbot.testing.Questions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The sentence model remembers recent readings, so one query costs one reading however often it is read. */
class RecentReadingsTest {

    private final WordHashEmbedder model = new WordHashEmbedder();
    private final RecentReadings readings = new RecentReadings(model, 16);

    @Test
    void aTextReadAgainIsNotReadByTheModelAgain() {
        float[] first = readings.embed("what is a race condition");
        float[] again = readings.embed("what is a race condition");
        assertArrayEquals(first, again);
        assertEquals(1, model.embedded.get());
        readings.embed("what is a deadlock");
        assertEquals(2, model.embedded.get());
    }

    @Test
    void changingAVectorReadDoesNotChangeWhatIsRemembered() {
        float[] first = readings.embed("tcp handshake");
        float[] kept = first.clone();
        java.util.Arrays.fill(first, 0f);
        assertArrayEquals(kept, readings.embed("tcp handshake"));
    }

    @Test
    void theBanksBatchesAreNotRemembered() {
        readings.embedAll(List.of("a question of the bank"));
        readings.embed("a question of the bank");
        assertEquals(2, model.embedded.get());
    }

    @Test
    void forgettingMakesTheNextReadingTheModels() {
        readings.embed("tcp handshake");
        readings.forget();
        readings.embed("tcp handshake");
        assertEquals(2, model.embedded.get());
    }

    @Test
    void aFailedReadingIsNotRemembered() {
        AtomicBoolean stopping = new AtomicBoolean(true);
        RecentReadings failing = new RecentReadings(reading(text -> {
            if (stopping.get()) {
                throw new CancellationException("Prepbot is stopping");
            }
            return model.embed(text);
        }), 16);
        assertThrows(CancellationException.class,
                () -> failing.embed("tcp handshake"));
        stopping.set(false);
        assertArrayEquals(model.embed("tcp handshake"), failing.embed("tcp handshake"));
    }

    @Test
    void oneTextAskedForAtOnceByManyIsReadOnce() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecentReadings slow = new RecentReadings(reading(text -> {
            reading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return model.embed(text);
        }), 16);
        ExecutorService crowd = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> asked = new java.util.ArrayList<>();
            asked.add(crowd.submit(() -> slow.embed("rebase vs merge")));
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                asked.add(crowd.submit(() -> slow.embed("rebase vs merge")));
            }
            release.countDown();
            for (Future<float[]> answer : asked) {
                assertArrayEquals(asked.get(0).get(10, TimeUnit.SECONDS), answer.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, model.embedded.get());
        } finally {
            crowd.shutdownNow();
        }
    }

    @Test
    void aServersSearchWithNoMatchReadsTheQueryOnce() {
        Bank bank = Questions.sample();
        List<Question> own = List.of(Questions.of("acme-deploys", "acme", "How does Acme deploy on Fridays?",
                "Behind a feature flag, with the on-call engineer told first.", "Fridays are quiet."));
        String guild = "300000000000000004";
        try (SearchIndex index = SearchIndex.build(bank, Meaning.start(bank, () -> readings, Optional.empty(),
                Progress.none(), Runnable::run));
             ServerIndex servers = ServerIndex.open(Optional.empty(), index::sentenceModel)) {
            servers.putAll(guild, own);
            GuildSearch search = new GuildSearch(index, servers, OwnQuestions.catalog(bank, own));
            String query = "which sourdough starter rises best in a cold kitchen";
            int before = model.embedded.get();

            assertEquals(List.of(), search.search(Optional.of(guild), query, Optional.empty(), 3));
            search.nearestTopics(Optional.of(guild), query, 3);

            // Ranked against both banks, then read for the closest topics of both: one reading.
            assertEquals(before + 1, model.embedded.get());
        }
    }

    /** A model that reads as {@code reading} does, under the word-hash model's name. */
    private Embedder reading(Function<String, float[]> reading) {
        return new Embedder.Through() {
            @Override
            public Embedder model() {
                return model;
            }

            @Override
            public float[] embed(String text) {
                return reading.apply(text);
            }
        };
    }
}
