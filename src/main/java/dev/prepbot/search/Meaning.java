package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search by meaning for one bank: the sentence model and the questions' vectors, made ready in the
 * background so that Prepbot starts as fast as its word index alone and searches by words until the
 * model is loaded and every question embedded. Vectors are kept in a cache of their own, so an
 * unchanged bank only loads the model.
 */
public final class Meaning implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Meaning.class);

    /**
     * The model, the bank's vectors, and the other questions as the model reads them (the computing ones
     * far from the bank alone), all ready to use.
     */
    record Ready(Embedder model, VectorIndex vectors, OtherQuestions everyday, OtherQuestions computing) {

        /**
         * Whether a query, by its vector and the bank's questions nearest to it (closest first), is about
         * everyday life.
         */
        boolean aboutEverydayLife(List<VectorIndex.Neighbour> nearestQuestions, float[] query) {
            return !nearestQuestions.isEmpty() && Relevance.closerElsewhere(Relevance.neighbourhood(nearestQuestions),
                    everyday.closest(query, Relevance.OTHER_NEIGHBOURS), Relevance.EVERYDAY_MARGIN);
        }

        /** Whether it is about computing that the bank does not cover. */
        boolean aboutOtherComputing(List<VectorIndex.Neighbour> nearestQuestions, float[] query) {
            return !nearestQuestions.isEmpty() && Relevance.closerElsewhere(nearestQuestions.get(0).closeness(),
                    computing.closest(query, Relevance.OTHER_NEIGHBOURS), Relevance.COMPUTING_MARGIN);
        }
    }

    /** Completes with the model and vectors, or with null when they cannot be had; never exceptionally. */
    private final CompletableFuture<Ready> ready;
    /**
     * Completes with the model as soon as it is loaded, before the bank is embedded (minutes, for a
     * large bank never embedded before): the self-check and the servers' questions need only the model.
     */
    private final CompletableFuture<Embedder> model;
    /** Set by {@link #close()}: nothing is served any more, and the background work stops at its next batch. */
    private final AtomicBoolean closed;
    /**
     * Set when the background work begins. Work that begins after {@link #close()} stops before it
     * touches ONNX Runtime, so closing need only wait for work that had begun: each side sets its flag,
     * then reads the other's, and at least one of them sees the other's.
     */
    private final AtomicBoolean begun;
    /**
     * Opens when the bank may be embedded: once search by words is serving, since embedding a changed
     * bank would otherwise take a core from indexing it (a 100,000-question first start took twice as
     * long). Closing opens it too, so that work held here stops instead of waiting on.
     */
    private final CompletableFuture<Void> embeddingAllowed;
    /** Completes when the bank turns out to need embedding: its vectors are neither cached nor shipped. */
    private final CompletableFuture<Void> embeddingNeeded;

    /**
     * How long closing waits for a model being loaded, or a batch being embedded, to finish. ONNX Runtime
     * releases its native environment in a JVM shutdown hook: a process that exits while a model is being
     * loaded or run on another thread dies with SIGSEGV (seen in the start benchmark, which exits the
     * moment words answer). Loading a model takes about a second, a batch less.
     */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private Meaning(CompletableFuture<Ready> ready, CompletableFuture<Embedder> model, AtomicBoolean closed,
                    AtomicBoolean begun, CompletableFuture<Void> embeddingAllowed,
                    CompletableFuture<Void> embeddingNeeded) {
        this.ready = ready;
        this.model = model;
        this.closed = closed;
        this.begun = begun;
        this.embeddingAllowed = embeddingAllowed;
        this.embeddingNeeded = embeddingNeeded;
    }

    /** No search by meaning: words only. */
    public static Meaning none() {
        return new Meaning(CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null),
                new AtomicBoolean(), new AtomicBoolean(), CompletableFuture.completedFuture(null),
                new CompletableFuture<>());
    }

    /**
     * Loads the model and the bank's vectors on the executor: from the cache when this bank was
     * embedded by this model before, otherwise by embedding every question (into the cache when there
     * is one). Any failure, such as a platform ONNX Runtime has no library for, leaves search to words.
     */
    public static Meaning start(Bank bank, Supplier<Embedder> model, Optional<Path> cacheRoot, Progress progress,
                                Executor executor) {
        return start(bank, model, cacheRoot, progress, executor, CompletableFuture.completedFuture(null));
    }

    /**
     * The same, but the bank is embedded (when its vectors are not in the cache) only once
     * {@code wordsServing} completes; the model loads meanwhile, as a bank's vectors read from the
     * cache do.
     */
    public static Meaning start(Bank bank, Supplier<Embedder> model, Optional<Path> cacheRoot, Progress progress,
                                Executor executor, CompletionStage<?> wordsServing) {
        CompletableFuture<Embedder> loaded = new CompletableFuture<>();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean begun = new AtomicBoolean();
        CompletableFuture<Void> embeddingAllowed = new CompletableFuture<>();
        wordsServing.whenComplete((result, failure) -> embeddingAllowed.complete(null));
        CompletableFuture<Void> embeddingNeeded = new CompletableFuture<>();
        // Beside the model's loading, not after it on the executor's one thread: a few tens of milliseconds.
        CompletableFuture<OtherQuestions.Shipped> everydayShipped =
                CompletableFuture.supplyAsync(() -> OtherQuestions.Shipped.read(OtherQuestions.Kind.EVERYDAY));
        CompletableFuture<OtherQuestions.Shipped> computingShipped =
                CompletableFuture.supplyAsync(() -> OtherQuestions.Shipped.read(OtherQuestions.Kind.COMPUTING));
        CompletableFuture<Ready> ready = CompletableFuture.supplyAsync(() -> {
            begun.set(true);
            stopIfClosed(closed);
            long started = System.nanoTime();
            Embedder embedder = model.get();
            loaded.complete(embedder);
            Embedder stoppable = new InBackground(embedder, closed, embeddingAllowed);
            VectorIndex vectors = vectors(bank, stoppable, cacheRoot.map(IndexCache::new), progress,
                    () -> embeddingNeeded.complete(null));
            Optional<Path> keptBeside = cacheRoot.map(IndexCache::new)
                    .flatMap(cache -> bank.checksum().flatMap(sum -> cache.find(vectorsKey(sum, embedder))));
            OtherQuestions everyday = OtherQuestions.readBy(stoppable, everydayShipped.join(),
                    keptBeside.map(folder -> folder.resolve(OtherQuestions.Kind.EVERYDAY.kept())));
            OtherQuestions computing = OtherQuestions.readBy(stoppable, computingShipped.join(),
                    keptBeside.map(folder -> folder.resolve(OtherQuestions.Kind.COMPUTING.kept())))
                    .farFrom(v -> nearestCloseness(vectors, v), Relevance.COVERED,
                            keptBeside.map(folder -> folder.resolve(OtherQuestions.Kind.COMPUTING.keptFar())));
            // The runtime's first inference is several times slower than the rest; pay it here, not in a search.
            stoppable.embed("warm up the sentence model");
            LOG.debug("Search by meaning is ready ({} questions, {} computing questions far from them, {} ms).",
                    bank.size(), computing.size(), (System.nanoTime() - started) / 1_000_000);
            return new Ready(embedder, vectors, everyday, computing);
        }, executor).exceptionally(e -> {
            if (!closed.get()) {
                LOG.warn("Search by meaning is off, searching by words only: {}", rootMessage(e));
            }
            return null;
        });
        // A model that failed to load leaves the self-check to words as well.
        ready.thenRun(() -> loaded.complete(null));
        return new Meaning(ready, loaded, closed, begun, embeddingAllowed, embeddingNeeded);
    }

    private static VectorIndex vectors(Bank bank, Embedder model, Optional<IndexCache> cache, Progress progress,
                                       Runnable embedding) {
        try {
            if (cache.isPresent() && bank.checksum().isPresent()) {
                try {
                    return cached(bank, model, cache.get(), bank.checksum().get(), progress, embedding);
                } catch (java.util.concurrent.CancellationException e) {
                    throw e; // Prepbot is stopping: nothing is wrong with the cache
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot use the vector cache in {} ({}); embedding in memory instead.", cache.get().root(),
                            e.getMessage());
                }
            }
            Directory memory = InMemory.directory();
            fill(memory, bank, model, progress, embedding);
            return VectorIndex.open(memory, bank.size());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot build the vectors", e);
        }
    }

    private static VectorIndex cached(Bank bank, Embedder model, IndexCache cache, String checksum, Progress progress,
                                      Runnable embedding) throws IOException {
        String key = vectorsKey(checksum, model);
        Optional<Path> found = cache.find(key);
        if (found.isPresent()) {
            try {
                return VectorIndex.open(FSDirectory.open(found.get()), bank.size());
            } catch (IOException | RuntimeException e) {
                LOG.info("The stored vectors in {} cannot be read ({}); embedding again.", found.get(), e.getMessage());
                cache.discard(key);
            }
        }
        Path folder = cache.store(key, into -> {
            try (Directory directory = FSDirectory.open(into)) {
                fill(directory, bank, model, progress, embedding);
            }
        });
        return VectorIndex.open(FSDirectory.open(folder), bank.size());
    }

    /** How close the bank's question nearest to a vector is (whole or by a part), -1 for an empty bank. */
    private static double nearestCloseness(VectorIndex vectors, float[] vector) {
        List<VectorIndex.Neighbour> nearest = vectors.closest(vector, 1, Optional.empty(), List.of());
        return nearest.isEmpty() ? -1 : nearest.get(0).closeness();
    }

    /**
     * Writes the bank's vectors into the empty directory: those shipped in the jar for it, else embedded
     * now, saying so first with {@code embedding}.
     */
    private static void fill(Directory directory, Bank bank, Embedder model, Progress progress, Runnable embedding)
            throws IOException {
        boolean shipped = bank.checksum().isPresent()
                && ShippedVectors.copy(vectorsKey(bank.checksum().get(), model), directory);
        if (!shipped) {
            embedding.run();
            VectorIndex.write(bank, model, directory, progress);
        }
    }

    /** What names a bank's vectors: the bank, the model that read it, and what of each question it read. */
    static String vectorsKey(String bankChecksum, Embedder model) {
        return IndexCache.vectorsKey(bankChecksum + "/" + model.name() + "/" + VectorIndex.LAYOUT);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The model and vectors if they are ready now and not closed; never waits. */
    Optional<Ready> ready() {
        return closed.get() ? Optional.empty() : Optional.ofNullable(ready.getNow(null));
    }

    /** The sentence model if it is loaded now and not closed, whether or not the bank is embedded yet; never waits. */
    Optional<Embedder> model() {
        return closed.get() ? Optional.empty() : Optional.ofNullable(model.getNow(null));
    }

    /** Waits up to the timeout for the sentence model alone; true when it is loaded. */
    public boolean awaitModel(Duration timeout) {
        return arrives(model, timeout) && !closed.get();
    }

    /** Waits up to the timeout for the model and vectors; true when search by meaning is on. */
    public boolean await(Duration timeout) {
        return arrives(ready, timeout) && !closed.get();
    }

    /**
     * The same, but no longer than until the bank turns out to need embedding, which takes minutes for a
     * large bank: a bot waits for a model and vectors read from the cache, not for that.
     */
    public boolean awaitUnlessEmbedding(Duration timeout) {
        // Whichever comes first; only the model and vectors, once there, make it true.
        arrives(CompletableFuture.anyOf(ready, embeddingNeeded), timeout);
        return ready().isPresent();
    }

    /** Whether the future completes with something (not null) within the timeout. */
    private static boolean arrives(CompletableFuture<?> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether search by meaning is on now. */
    public boolean isReady() {
        return ready().isPresent();
    }

    /**
     * Stops search by meaning. Work under way in the background (Prepbot may be stopped seconds after it
     * starts, while a model loads or the bank is embedded) stops at its next batch, and closing waits
     * for that, so that the process never exits in the middle of ONNX Runtime's work; work that has not
     * begun yet never loads a model, and is not waited for. Vectors are closed once nothing uses them.
     */
    @Override
    public void close() {
        closed.set(true);
        embeddingAllowed.complete(null);
        if (begun.get()) {
            try {
                ready.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.debug("Search by meaning did not stop within {}", STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ready.thenAccept(r -> {
            if (r != null) {
                r.vectors().close();
            }
        });
    }

    /**
     * The model as the bank is embedded with it: batches wait until embedding is allowed, and each
     * first checks that Prepbot is not stopping.
     */
    private record InBackground(Embedder model, AtomicBoolean closed, CompletableFuture<Void> embeddingAllowed)
            implements Embedder.Through {

        @Override
        public float[] embed(String text) {
            stopIfClosed(closed);
            return model.embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            embeddingAllowed.join();
            stopIfClosed(closed);
            return model.embedAll(texts);
        }
    }

    /** Ends the background work where it stands once Prepbot is stopping. */
    private static void stopIfClosed(AtomicBoolean closed) {
        if (closed.get()) {
            throw new java.util.concurrent.CancellationException("Prepbot is stopping");
        }
    }
}
