package dev.prepbot.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces requests to at most a given number a second, evenly: each caller is given the next free moment
 * and waits for it. Discord allows a bot 50 requests a second in all, across every process it runs; a
 * process holding some of the shards paces its daily posts to its share of that, so thousands of servers
 * whose question is due at the same minute neither trip Discord's global limit nor take the processor
 * from members' interactions, and no process needs to ask the others.
 */
public final class RequestBudget {

    /** How the caller waits; a test's manual clock advances instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Of Discord's 50 requests a second per bot, what daily posts may use; the rest is left for rounds. */
    public static final double DAILY_REQUESTS_PER_SECOND = 40;

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant nextFree;

    private RequestBudget(Duration interval, Clock clock, Sleeper sleeper) {
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
        this.nextFree = clock.instant();
    }

    /** At most {@code perSecond} requests a second, waiting on the clock with the sleeper. */
    public static RequestBudget perSecond(double perSecond, Clock clock, Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a request budget needs a positive rate, not " + perSecond);
        }
        return new RequestBudget(Duration.ofNanos(Math.round(1e9 / perSecond)), clock, sleeper);
    }

    /** What daily posts may use in a process holding this share of the shards (1 when it holds them all). */
    public static RequestBudget dailyPosts(double shareOfShards, Clock clock, Sleeper sleeper) {
        return dailyPosts(DAILY_REQUESTS_PER_SECOND, shareOfShards, clock, sleeper);
    }

    /** This process's share of {@code botPerSecond}, the daily posts' rate across all of the bot's processes. */
    public static RequestBudget dailyPosts(double botPerSecond, double shareOfShards, Clock clock, Sleeper sleeper) {
        return perSecond(botPerSecond * shareOfShards, clock, sleeper);
    }

    /** No pacing: for transports with no limit of their own, and tests. */
    public static RequestBudget unlimited() {
        return new RequestBudget(Duration.ZERO, Clock.systemUTC(), duration -> { });
    }

    /** Waits until one more request fits the budget; returns at once when it already does. */
    public void acquire() throws InterruptedException {
        if (interval.isZero()) {
            return;
        }
        Instant mine;
        synchronized (this) {
            Instant now = clock.instant();
            mine = nextFree.isAfter(now) ? nextFree : now;
            nextFree = mine.plus(interval);
        }
        Duration wait = Duration.between(clock.instant(), mine);
        if (wait.isPositive()) {
            sleeper.sleep(wait);
        }
    }
}
