package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EveryCoreTest {

    @Test
    void everyItemIsDoneExactlyOnce() {
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        Map<Integer, AtomicInteger> done = new ConcurrentHashMap<>();
        EveryCore.forEach(items, i -> done.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet());
        assertEquals(items.size(), done.size());
        assertTrue(done.values().stream().allMatch(count -> count.get() == 1));
    }

    @Test
    void nothingToDoReturnsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        EveryCore.forEach(List.of(), item -> calls.incrementAndGet());
        assertEquals(0, calls.get());
    }

    @Test
    void aLongItemDoesNotHoldBackTheItemsAfterIt() throws InterruptedException {
        // The first item waits until every other one is done: the other items must go to another core
        // as each is taken, not in a part split off up front together with the long one.
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        CountDownLatch othersDone = new CountDownLatch(items.size() - 1);
        AtomicInteger longItemSawThemDone = new AtomicInteger();
        EveryCore.forEach(items, i -> {
            if (i == 0) {
                try {
                    if (othersDone.await(30, TimeUnit.SECONDS)) {
                        longItemSawThemDone.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                othersDone.countDown();
            }
        });
        assertEquals(1, longItemSawThemDone.get(), "the other items were done while the first one ran");
    }

    @Test
    void theFirstFailureIsThrownOnceEveryCoreHasStopped() {
        IllegalStateException broken = new IllegalStateException("item 7 is broken");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger runningWhenThrown = new AtomicInteger(-1);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                EveryCore.forEach(IntStream.range(0, 1_000).boxed().toList(), i -> {
                    running.incrementAndGet();
                    try {
                        if (i == 7) {
                            throw broken;
                        }
                    } finally {
                        running.decrementAndGet();
                    }
                }));
        runningWhenThrown.set(running.get());
        assertSame(broken, thrown);
        assertEquals(0, runningWhenThrown.get(), "no item is still running when forEach throws");
    }
}
