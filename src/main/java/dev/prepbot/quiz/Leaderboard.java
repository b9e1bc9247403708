package dev.prepbot.quiz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.prepbot.store.QuizStore;
import dev.prepbot.store.Standing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Standings per guild and period, read through a bounded Caffeine cache. A score written for a guild
 * drops that guild's entries, so the next read shows it; the period's start is part of the key, so a
 * new week or month is a new entry rather than a stale one.
 *
 * <p>With several processes on one database, a score another process stored never passes through this
 * one's {@link #invalidate}: given the guilds' score versions (bumped in the transaction that stores
 * answers), a read checks its guild's version at most once every {@link #RECHECK} and drops the guild's
 * entries when it moved, so another process's new score shows within a second.
 */
public final class Leaderboard {

    /** How stale another process's scores may be seen: one version read per guild and second, at most. */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    private record Key(String guildId, Period period, Instant since) {
    }

    /** The version a guild's cached entries were read at, and when it was last compared with the store's. */
    private record Seen(long version, Instant checkedAt) {
    }

    private final QuizStore store;
    private final Clock clock;
    private final Cache<Key, List<Standing>> cache;
    private final Optional<ToLongFunction<String>> versions;
    /** Bounded like every cache here; a guild dropped from it is simply rechecked on its next read. */
    private final Cache<String, Seen> seen = Caffeine.newBuilder().maximumSize(100_000).build();

    /** For one process alone on its database: only its own scores ever change the standings. */
    public Leaderboard(QuizStore store, Clock clock) {
        this(store, clock, Optional.empty());
    }

    /** For processes sharing a database: {@code versions} reads a guild's score version from it. */
    public Leaderboard(QuizStore store, Clock clock, ToLongFunction<String> versions) {
        this(store, clock, Optional.of(versions));
    }

    private Leaderboard(QuizStore store, Clock clock, Optional<ToLongFunction<String>> versions) {
        this.store = store;
        this.clock = clock;
        this.versions = versions;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    public List<Standing> standings(String guildId, Period period) {
        versions.ifPresent(read -> recheck(guildId, read));
        Instant since = period.start(clock.instant());
        return cache.get(new Key(guildId, period, since), k -> List.copyOf(store.standings(k.guildId(), k.since())));
    }

    /**
     * Drops the guild's entries when its version moved since the last check. The version is read before
     * the standings are, so what is cached is never older than the version remembered with it.
     */
    private void recheck(String guildId, ToLongFunction<String> read) {
        Instant now = clock.instant();
        Seen last = seen.getIfPresent(guildId);
        if (last != null && now.isBefore(last.checkedAt().plus(RECHECK))) {
            return;
        }
        long version = read.applyAsLong(guildId);
        if (last == null || last.version() != version) {
            invalidate(guildId);
        }
        seen.put(guildId, new Seen(version, now));
    }

    /** Forgets the guild's cached standings; called after a score for the guild is written. */
    public void invalidate(String guildId) {
        cache.asMap().keySet().removeIf(k -> k.guildId().equals(guildId));
    }
}
