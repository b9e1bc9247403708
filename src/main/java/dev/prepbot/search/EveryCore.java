package dev.prepbot.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Work on every core, each core taking the next item as it finishes one. A parallel stream splits its
 * items into a few parts up front, and when items take unequal time (servers holding different numbers
 * of questions, or a core also serving), one core is left with a part while the other has nothing:
 * a profile of the servers' first start at a million questions found one core alone for its last 3.5 s.
 */
public final class EveryCore {

    private EveryCore() {
    }

    /**
     * Runs {@code work} on each item, on the calling thread and the common pool's threads; returns when
     * every item is done. The first failure is thrown once every core has stopped; the items not yet
     * started are then left undone.
     */
    public static <T> void forEach(Collection<T> items, Consumer<? super T> work) {
        List<T> list = List.copyOf(items);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < list.size() && !failed.get(); i = next.getAndIncrement()) {
                try {
                    work.accept(list.get(i));
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }
        };
        int helpers = Math.min(list.size() - 1, ForkJoinPool.getCommonPoolParallelism());
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 0; i < helpers; i++) {
            others.add(CompletableFuture.runAsync(worker));
        }
        RuntimeException own = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            own = e;
        }
        for (CompletableFuture<Void> other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                if (own == null) {
                    own = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (own != null) {
            throw own;
        }
    }
}
