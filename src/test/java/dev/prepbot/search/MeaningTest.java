package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeaningTest {

    /** Embeds single texts at once, but holds every batch (the bank's questions) until let go. */
    private static final class HeldBatches implements Embedder {
        final WordHashEmbedder words = new WordHashEmbedder();
        final CountDownLatch letGo = new CountDownLatch(1);
        final CountDownLatch batchBegun = new CountDownLatch(1);
        final AtomicInteger batches = new AtomicInteger();

        @Override
        public String name() {
            return "held-" + words.name();
        }

        @Override
        public int dimension() {
            return words.dimension();
        }

        @Override
        public float[] embed(String text) {
            return words.embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            batchBegun.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<float[]> vectors = words.embedAll(texts);
            batches.incrementAndGet();
            return vectors;
        }
    }

    @Test
    void theModelServesTheSelfCheckBeforeTheBankIsEmbedded() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        HeldBatches model = new HeldBatches();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Meaning meaning = Meaning.start(bank, () -> model, Optional.empty(), Progress.none(), executor)) {
            assertTrue(meaning.awaitModel(Duration.ofSeconds(10)), "the model is there while the bank waits");
            assertTrue(meaning.model().isPresent());
            assertFalse(meaning.isReady(), "search by meaning waits for the bank's vectors");
            model.letGo.countDown();
            assertTrue(meaning.await(Duration.ofSeconds(30)), "then search by meaning comes on");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aBotWaitsForVectorsReadFromTheCacheButNotForABankBeingEmbedded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache)
            throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        HeldBatches model = new HeldBatches();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            try (Meaning meaning = Meaning.start(bank, () -> model, Optional.of(cache), Progress.none(), executor)) {
                assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertFalse(meaning.awaitUnlessEmbedding(Duration.ofMinutes(5))),
                        "the bank must be embedded: no waiting for it");
                model.letGo.countDown();
                assertTrue(meaning.await(Duration.ofSeconds(30)));
            }
            try (Meaning next = Meaning.start(bank, () -> model, Optional.of(cache), Progress.none(), executor)) {
                assertTrue(next.awaitUnlessEmbedding(Duration.ofSeconds(30)), "vectors in the cache are waited for");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theBankIsEmbeddedOnlyOnceWordsAreServingWhileTheModelLoadsAtOnce() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        HeldBatches model = new HeldBatches();
        model.letGo.countDown();
        CompletableFuture<Void> wordsServing = new CompletableFuture<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Meaning meaning = Meaning.start(bank, () -> model, Optional.empty(), Progress.none(), executor, wordsServing)) {
            assertTrue(meaning.awaitModel(Duration.ofSeconds(10)), "the model loads while the words are indexed");
            assertFalse(model.batchBegun.await(300, TimeUnit.MILLISECONDS), "no batch while the words are indexed");
            wordsServing.complete(null);
            assertTrue(meaning.await(Duration.ofSeconds(30)), "then the bank is embedded");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void closingWhileEmbeddingWaitsForTheWordsStopsAtOnce() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        HeldBatches model = new HeldBatches();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Meaning meaning = Meaning.start(bank, () -> model, Optional.empty(), Progress.none(), executor,
                    new CompletableFuture<>());
            assertTrue(meaning.awaitModel(Duration.ofSeconds(10)));
            assertTimeoutPreemptively(Duration.ofSeconds(5), meaning::close);
            assertEquals(1, model.batchBegun.getCount(), "no batch began");
            assertFalse(meaning.isReady());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void closingWaitsForTheBatchUnderWayAndStopsBeforeTheNext() throws Exception {
        // ONNX Runtime frees its native memory in a shutdown hook: a process must not exit mid-batch.
        Bank bank = new BankLoader().loadBuiltIn();
        HeldBatches model = new HeldBatches();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Meaning meaning = Meaning.start(bank, () -> model, Optional.empty(), Progress.none(), executor);
            assertTrue(model.batchBegun.await(10, TimeUnit.SECONDS), "the first batch is under way");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(meaning::close);
            // Let the batch go only once close has begun (a closed Meaning offers no model), so that the
            // next batch cannot start before close asks the work to stop.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (meaning.model().isPresent() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            model.letGo.countDown();
            closing.get(30, TimeUnit.SECONDS);
            assertEquals(1, model.batches.get(), "the batch under way finished before close returned, and no other began");
            assertFalse(meaning.isReady());
            assertTrue(meaning.model().isEmpty(), "a closed model serves nothing");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void closingBeforeTheWorkBeginsNeitherWaitsNorLetsItLoadTheModel() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        List<Runnable> queued = new ArrayList<>();
        AtomicInteger loads = new AtomicInteger();
        Meaning meaning = Meaning.start(bank, () -> {
            loads.incrementAndGet();
            return new WordHashEmbedder();
        }, Optional.empty(), Progress.none(), queued::add);
        // The work is still queued: there is nothing of ONNX Runtime's to wait for.
        assertTimeoutPreemptively(Duration.ofSeconds(5), meaning::close);
        queued.forEach(Runnable::run);
        assertEquals(0, loads.get(), "work that begins after close stops before loading the model");
        assertFalse(meaning.isReady());
        assertFalse(meaning.awaitModel(Duration.ofSeconds(1)));
    }

    @Test
    void aModelThatCannotLoadLeavesTheSelfCheckToWords() {
        Bank bank = new Bank(List.of());
        try (Meaning meaning = Meaning.start(bank, () -> {
            throw new IllegalStateException("no native library for this platform");
        }, Optional.empty(), Progress.none(), Runnable::run)) {
            assertFalse(meaning.awaitModel(Duration.ofSeconds(1)));
            assertTrue(meaning.model().isEmpty());
        }
    }
}
