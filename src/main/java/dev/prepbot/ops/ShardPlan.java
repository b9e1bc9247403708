package dev.prepbot.ops;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of Discord's shards this process holds: {@code total} shards in all ({@code PREPBOT_SHARDS}), of
 * which {@code ids} here ({@code PREPBOT_SHARD_IDS}, every one when unset). Discord sends a guild's events
 * on shard {@code (guild_id >> 22) % total}; the same formula tells this process which guilds' daily posts
 * and interrupted rounds are its own, without asking Discord.
 */
public record ShardPlan(int total, List<Integer> ids) {

    /** The share of all shards this process holds: of the bot's budget of requests, what is its own. */
    public double share() {
        return (double) ids.size() / total;
    }

    /** Discord's own ceiling is far lower; this only keeps a typo from asking for millions of sockets. */
    static final int MAX_TOTAL = 4_096;

    public ShardPlan {
        ids = List.copyOf(new TreeSet<>(ids));
        if (total < 1 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("PREPBOT_SHARDS must be a whole number from 1 to " + MAX_TOTAL + ".");
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("PREPBOT_SHARD_IDS names no shard.");
        }
        for (int id : ids) {
            if (id < 0 || id >= total) {
                throw new IllegalArgumentException("PREPBOT_SHARD_IDS names shard " + id + ", but shard ids run from 0 to "
                        + (total - 1) + " with PREPBOT_SHARDS=" + total + ".");
            }
        }
    }

    /**
     * The plan the two settings describe, or none when neither is set (one connection, no sharding).
     * Bad values are an {@link IllegalArgumentException} whose message is one line for the user.
     */
    public static Optional<ShardPlan> parse(Optional<String> shards, Optional<String> shardIds) {
        if (shards.isEmpty()) {
            if (shardIds.isPresent()) {
                throw new IllegalArgumentException("PREPBOT_SHARD_IDS is set but PREPBOT_SHARDS is not: set PREPBOT_SHARDS"
                        + " to the total number of shards across all processes.");
            }
            return Optional.empty();
        }
        int total = number(shards.get(), "PREPBOT_SHARDS", "a whole number from 1 to " + MAX_TOTAL);
        if (total < 1 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("PREPBOT_SHARDS must be a whole number from 1 to " + MAX_TOTAL
                    + ", not '" + shards.get() + "'.");
        }
        if (shardIds.isEmpty()) {
            return Optional.of(all(total));
        }
        SortedSet<Integer> ids = new TreeSet<>();
        String expected = "shard ids as a range 'a-b' or a list 'a,b,c'";
        for (String part : shardIds.get().split(",")) {
            String item = part.strip();
            int dash = item.indexOf('-');
            if (dash > 0) {
                int from = number(item.substring(0, dash), "PREPBOT_SHARD_IDS", expected);
                int to = number(item.substring(dash + 1), "PREPBOT_SHARD_IDS", expected);
                if (to < from) {
                    throw new IllegalArgumentException("PREPBOT_SHARD_IDS has the range '" + item + "', which is backwards.");
                }
                // Checked before the loop, so a huge typo ("0-99999999") cannot fill memory.
                if (to >= total) {
                    throw new IllegalArgumentException("PREPBOT_SHARD_IDS names shard " + to + ", but shard ids run from 0 to "
                            + (total - 1) + " with PREPBOT_SHARDS=" + total + ".");
                }
                for (int id = from; id <= to; id++) {
                    ids.add(id);
                }
            } else {
                ids.add(number(item, "PREPBOT_SHARD_IDS", expected));
            }
        }
        return Optional.of(new ShardPlan(total, List.copyOf(ids)));
    }

    /** Every shard in one process. */
    public static ShardPlan all(int total) {
        return new ShardPlan(total, java.util.stream.IntStream.range(0, total).boxed().toList());
    }

    /** The shard Discord sends this guild's events on. */
    public int shardOf(String guildId) {
        return shardOf(guildId, total);
    }

    public static int shardOf(String guildId, int total) {
        long id = Long.parseUnsignedLong(guildId);
        return (int) Long.remainderUnsigned(id >>> 22, total);
    }

    /** Whether this process holds the guild's shard. An id that is not a snowflake belongs to nobody. */
    public boolean owns(String guildId) {
        try {
            return ids.contains(shardOf(guildId));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int number(String text, String setting, String expected) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be " + expected + ", not '" + text.strip() + "'.");
        }
    }
}
