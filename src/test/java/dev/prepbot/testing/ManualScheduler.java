package dev.prepbot.testing;

import dev.prepbot.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A scheduler driven by a {@link ManualClock}: tasks run when the test advances time past them, in
 * order of their due time, with the clock set to each task's due time while it runs.
 */
public final class ManualScheduler implements Scheduler {

    private final ManualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparing(Entry::due).thenComparingLong(Entry::order));
    private long order;

    private final class Entry implements Task {
        private final Instant due;
        private final long seq;
        private final Runnable task;
        private boolean cancelled;

        Entry(Instant due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        Instant due() {
            return due;
        }

        long order() {
            return seq;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
            }
        }
    }

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Task schedule(Duration delay, Runnable task) {
        Duration wait = delay.isNegative() ? Duration.ZERO : delay;
        Entry entry = new Entry(clock.instant().plus(wait), order++, task);
        queue.add(entry);
        return entry;
    }

    /** Runs every task due up to {@code until}, then leaves the clock at {@code until}. */
    public void runUntil(Instant until) {
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due().isAfter(until)) {
                    break;
                }
                queue.poll();
                if (next.cancelled) {
                    continue;
                }
            }
            if (next.due().isAfter(clock.instant())) {
                clock.set(next.due());
            }
            next.task.run();
        }
        if (until.isAfter(clock.instant())) {
            clock.set(until);
        }
    }

    public void advance(Duration duration) {
        runUntil(clock.instant().plus(duration));
    }

    /** Forgets every pending task, as a process that dies forgets its timers. */
    public synchronized void clear() {
        queue.clear();
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(e -> !e.cancelled).count();
    }
}
