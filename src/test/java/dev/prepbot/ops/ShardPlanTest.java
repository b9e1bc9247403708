package dev.prepbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShardPlanTest {

    private static Optional<ShardPlan> plan(String shards, String ids) {
        return ShardPlan.parse(Optional.ofNullable(shards), Optional.ofNullable(ids));
    }

    private static String refused(String shards, String ids) {
        return assertThrows(IllegalArgumentException.class, () -> plan(shards, ids)).getMessage();
    }

    @Test
    void rangesListsAndNothingAreRead() {
        assertEquals(Optional.empty(), plan(null, null), "no sharding: one session for every guild");
        assertEquals(List.of(0, 1, 2, 3), plan("4", null).orElseThrow().ids(), "every shard when the ids are not given");
        assertEquals(List.of(2, 3, 4, 5), plan("8", "2-5").orElseThrow().ids());
        assertEquals(List.of(0, 3, 7), plan("8", " 7, 0 ,3").orElseThrow().ids());
        assertEquals(List.of(0, 1, 2, 6), plan("8", "0-2,6").orElseThrow().ids());
        assertEquals(Optional.of(new ShardPlan(2, List.of(1))),
                Settings.fromEnvironment(Map.of("PREPBOT_SHARDS", "2", "PREPBOT_SHARD_IDS", "1")).shards());
    }

    @Test
    void badValuesAreOneClearLine() {
        assertEquals("PREPBOT_SHARD_IDS names shard 4, but shard ids run from 0 to 3 with PREPBOT_SHARDS=4.", refused("4", "4"));
        assertEquals("PREPBOT_SHARD_IDS names shard 9, but shard ids run from 0 to 3 with PREPBOT_SHARDS=4.", refused("4", "0-9"));
        assertEquals("PREPBOT_SHARDS must be a whole number from 1 to 4096, not 'two'.", refused("two", null));
        assertEquals("PREPBOT_SHARDS must be a whole number from 1 to 4096, not '0'.", refused("0", null));
        assertEquals("PREPBOT_SHARD_IDS must be shard ids as a range 'a-b' or a list 'a,b,c', not 'x'.", refused("4", "x"));
        assertEquals("PREPBOT_SHARD_IDS has the range '3-1', which is backwards.", refused("4", "3-1"));
        assertTrue(refused(null, "1").startsWith("PREPBOT_SHARD_IDS is set but PREPBOT_SHARDS is not"));
        for (String message : List.of(refused("4", "4"), refused("two", null), refused("4", "x"))) {
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void aGuildBelongsToTheShardDiscordRoutesItTo() {
        ShardPlan plan = plan("4", "1,3").orElseThrow();
        // Discord: shard_id = (guild_id >> 22) % num_shards.
        String guild = Long.toString((41L << 22) | 12345);
        assertEquals(1, plan.shardOf(guild));
        assertTrue(plan.owns(guild));
        assertFalse(plan.owns(Long.toString(40L << 22)));
        assertFalse(plan.owns("not-a-snowflake"));
        assertEquals(Long.remainderUnsigned(Long.parseUnsignedLong("18446744073709551615") >>> 22, 4),
                ShardPlan.shardOf("18446744073709551615", 4), "ids are unsigned 64-bit");
    }
}
