package dev.prepbot.ops;

import dev.prepbot.time.Scheduler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the {@link Health} line at start, every {@link #EVERY} after, and once more when asked (at
 * SIGTERM). A failure to gather it is logged and the next line still comes: the report must never be
 * what stops a bot.
 */
public final class HealthReport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthReport.class);
    public static final Duration EVERY = Duration.ofMinutes(1);

    private final Supplier<Health> health;
    private final PrintStream out;
    private final Scheduler scheduler;
    private final Duration every;
    private final Object lock = new Object();
    private Scheduler.Task next;
    private boolean closed;

    public HealthReport(Supplier<Health> health, PrintStream out, Scheduler scheduler, Duration every) {
        this.health = health;
        this.out = out;
        this.scheduler = scheduler;
        this.every = every;
    }

    /** Prints the start line and plans the next. */
    public void start() {
        print("start");
        plan();
    }

    /** Prints a line now, such as at SIGTERM. */
    public void print(String moment) {
        try {
            String line = health.get().line(moment);
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        } catch (RuntimeException e) {
            log.warn("Could not gather the health line: {}", e.toString());
        }
    }

    private void plan() {
        synchronized (lock) {
            if (!closed) {
                next = scheduler.schedule(every, () -> {
                    print("every " + (every.toSeconds() == 60 ? "minute" : every.toSeconds() + " s"));
                    plan();
                });
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (next != null) {
                next.cancel();
            }
        }
    }
}
