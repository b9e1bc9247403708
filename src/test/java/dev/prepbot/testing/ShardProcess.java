package dev.prepbot.testing;

import dev.prepbot.discord.fake.FakeDiscord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code prepbot run} as a process of its own on this classpath, holding one shard of the fake
 * Discord's and sharing one database with its sibling processes: what the shard test and the shard
 * benchmark both run, each with its own JVM options.
 */
public final class ShardProcess {

    private ShardProcess() {
    }

    /**
     * One process holding {@code shard} of {@code shards}, its standard error in {@code errors}, its
     * caches in {@code cache}; search by meaning is off, as these runs are about shards, not search.
     */
    public static Process launch(List<String> jvmOptions, FakeDiscord discord, String token, String database,
                                 int shards, int shard, Path cache, Path errors) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.prepbot.Main", "run"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile());
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().putAll(Map.of("DISCORD_TOKEN", token,
                "PREPBOT_DISCORD_API", discord.restBaseUrl(),
                "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                "PREPBOT_DB", database,
                "PREPBOT_SHARDS", Integer.toString(shards),
                "PREPBOT_SHARD_IDS", Integer.toString(shard),
                "PREPBOT_SEARCH_MODEL", "off",
                "XDG_CACHE_HOME", cache.toString()));
        return builder.start();
    }
}
