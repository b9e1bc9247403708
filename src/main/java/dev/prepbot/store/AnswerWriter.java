package dev.prepbot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for quiz answers. Each answer used to be a transaction of its own, and a commit that
 * survives power loss costs a disk flush: a thousand clicks on one question queued behind a thousand
 * flushes, about 500 a second. Here a single writer takes every answer waiting when it is free and
 * stores them all in one transaction, so a burst costs a few flushes, not one per player; each click's
 * future completes only after the commit that holds it, so an acknowledged answer is durable, and the
 * store's primary key still counts each player once.
 */
public final class AnswerWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnswerWriter.class);
    /** Enough to take a whole burst at once; a bound so one transaction never grows without limit. */
    static final int MAX_BATCH = 2_000;

    private record Pending(AnswerRecord answer, CompletableFuture<Boolean> stored) {
    }

    private final QuizStore store;
    private final Consumer<List<AnswerRecord>> afterCommit;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * Starts the writer thread. {@code afterCommit} runs on it with the answers just stored, for work
     * that should happen once per batch rather than once per click (emptying leaderboard caches).
     */
    public AnswerWriter(QuizStore store, Consumer<List<AnswerRecord>> afterCommit) {
        this.store = store;
        this.afterCommit = afterCommit;
        this.writer = Thread.ofPlatform().name("prepbot-answer-writer").daemon(true).start(this::run);
    }

    /**
     * Queues an answer; the future completes with whether it was stored once its batch is committed,
     * or exceptionally when the store failed (nothing of that batch was stored).
     */
    public CompletableFuture<Boolean> write(AnswerRecord answer) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (closed) {
            stored.completeExceptionally(new StoreException("The bot is stopping; the answer was not stored."));
            return stored;
        }
        queue.add(new Pending(answer, stored));
        return stored;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                // close() asks the writer to finish what is queued, not to drop it.
                Thread.interrupted();
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<AnswerRecord> answers = batch.stream().map(Pending::answer).toList();
        List<Boolean> stored;
        try {
            stored = store.recordAnswers(answers);
        } catch (RuntimeException e) {
            log.error("Storing {} answers failed: {}", batch.size(), e.getMessage());
            batch.forEach(p -> p.stored().completeExceptionally(e));
            return;
        }
        List<AnswerRecord> committed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (stored.get(i)) {
                committed.add(answers.get(i));
            }
        }
        try {
            afterCommit.accept(committed);
        } catch (RuntimeException e) {
            log.warn("After storing answers: {}", e.toString());
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored().complete(stored.get(i));
        }
    }

    /** Stores whatever is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
