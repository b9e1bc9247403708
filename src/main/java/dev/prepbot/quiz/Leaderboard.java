package dev.prepbot.quiz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.prepbot.store.QuizStore;
import dev.prepbot.store.Standing;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Standings per guild and period, read through a bounded Caffeine cache. A score written for a guild
 * drops that guild's entries, so the next read shows it; the period's start is part of the key, so a
 * new week or month is a new entry rather than a stale one.
 */
public final class Leaderboard {

    private record Key(String guildId, Period period, Instant since) {
    }

    private final QuizStore store;
    private final Clock clock;
    private final Cache<Key, List<Standing>> cache;

    public Leaderboard(QuizStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    public List<Standing> standings(String guildId, Period period) {
        Instant since = period.start(clock.instant());
        return cache.get(new Key(guildId, period, since), k -> List.copyOf(store.standings(k.guildId(), k.since())));
    }

    /** Forgets the guild's cached standings; called after a score for the guild is written. */
    public void invalidate(String guildId) {
        cache.asMap().keySet().removeIf(k -> k.guildId().equals(guildId));
    }
}
