package dev.prepbot.commands;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A per-user token bucket for commands and clicks: a burst of {@code burst} actions, then one every
 * {@code every}. A user over the limit is told how long to wait rather than ignored. Buckets live in a
 * bounded Caffeine cache, so a flood of distinct users cannot grow memory without bound.
 */
public final class RateLimit {

    private final int burst;
    private final Duration every;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public RateLimit(int burst, Duration every, Clock clock) {
        if (burst < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("burst must be at least 1 and the interval positive");
        }
        this.burst = burst;
        this.every = every;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** No limit at all, for the single local user of the console. */
    public static RateLimit unlimited(Clock clock) {
        return new RateLimit(Integer.MAX_VALUE, Duration.ofNanos(1), clock);
    }

    /** Takes one action from the user's bucket; empty when allowed, else how long until the next one is. */
    public Optional<Duration> take(String userId) {
        Bucket bucket = buckets.get(userId, id -> new Bucket(burst, clock.instant()));
        synchronized (bucket) {
            Instant now = clock.instant();
            long elapsed = Duration.between(bucket.updated, now).toNanos();
            if (elapsed > 0) {
                double refill = (double) elapsed / every.toNanos();
                bucket.tokens = Math.min(burst, bucket.tokens + refill);
                bucket.updated = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            long wait = (long) Math.ceil((1 - bucket.tokens) * every.toNanos());
            return Optional.of(Duration.ofNanos(wait));
        }
    }

    /** The sentence for a user over the limit. */
    static String slowDown(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return "Slow down a little: try again in " + seconds + (seconds == 1 ? " second." : " seconds.");
    }

    private static final class Bucket {
        private double tokens;
        private Instant updated;

        Bucket(int tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
