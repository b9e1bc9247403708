package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad shard setting stops `prepbot run` with one line naming the setting, before anything starts. */
class ShardSettingsRunTest {

    @Test
    void aShardIdBeyondTheTotalIsOneLineAndExitCodeOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(Map.of("DISCORD_TOKEN", "not-a-real-token", "PREPBOT_SHARDS", "4", "PREPBOT_SHARD_IDS", "2-4"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run(new String[] {"run"});
        assertEquals(1, code);
        assertEquals("prepbot: PREPBOT_SHARD_IDS names shard 4, but shard ids run from 0 to 3 with PREPBOT_SHARDS=4.\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
