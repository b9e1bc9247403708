package dev.prepbot.discord.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.junit.jupiter.api.Test;

/**
 * The fake gateway shards as Discord does, seen through JDA's own shard manager: {@code gateway/bot}
 * reports the shard count, each session identifies as {@code [shard, total]}, and each guild's
 * GUILD_CREATE and interactions arrive on shard {@code (guild_id >> 22) % total} only.
 */
class FakeDiscordShardsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void eachGuildAndItsInteractionsArriveOnTheShardDiscordRoutesThemTo() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            discord.recommendShards(2);
            for (int i = 0; i < 6; i++) {
                discord.world().addGuild("server " + i);
            }
            Map<String, Integer> slashShard = new ConcurrentHashMap<>();
            CountDownLatch ready = new CountDownLatch(2);
            ShardManager manager = DefaultShardManagerBuilder.createLight("fake-token", EnumSet.noneOf(GatewayIntent.class))
                    .setRestConfig(new RestConfig().setBaseUrl(discord.restBaseUrl()))
                    .setSessionController(new ConcurrentSessionController() {
                        @Override
                        public ShardedGateway getShardedGateway(JDA api) {
                            // JDA asks gateway/bot for the URL, the shard count and the identify concurrency.
                            ShardedGateway asked = super.getShardedGateway(api);
                            return new ShardedGateway(discord.gatewayUrl(), asked.getShardTotal(), asked.getConcurrency());
                        }
                    })
                    .setShardsTotal(2)
                    .setCompression(Compression.NONE)
                    .setEnableShutdownHook(false)
                    .addEventListeners(new ListenerAdapter() {
                        @Override
                        public void onReady(ReadyEvent event) {
                            ready.countDown();
                        }

                        @Override
                        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                            slashShard.put(event.getGuild().getId(), event.getJDA().getShardInfo().getShardId());
                            event.reply("pong").queue();
                        }
                    })
                    .build();
            try {
                assertTrue(ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "both shards ready");
                assertTrue(discord.calls().stream().anyMatch(c -> c.method().equals("GET") && c.path().equals("gateway/bot")),
                        "JDA read the gateway and its concurrency from gateway/bot");
                assertEquals(Set.of("0/2", "1/2"), Set.copyOf(discord.identified()));
                for (int shard = 0; shard < 2; shard++) {
                    int s = shard;
                    Set<String> expected = discord.world().guilds().stream().filter(g -> World.shardOf(g.id(), 2) == s)
                            .map(World.Guild::id).collect(Collectors.toCollection(TreeSet::new));
                    Set<String> seen = manager.getShardById(shard).getGuilds().stream().map(Guild::getId)
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertEquals(expected, seen, "guilds of shard " + shard);
                    assertTrue(!seen.isEmpty(), "consecutive servers spread over both shards");
                }
                List<World.Guild> guilds = discord.world().guilds();
                for (World.Guild guild : guilds) {
                    var interaction = discord.slash(World.ADA, guild.channelId(), "ping", Map.of());
                    discord.awaitCallback(interaction, WAIT);
                }
                for (World.Guild guild : guilds) {
                    assertEquals(World.shardOf(guild.id(), 2), slashShard.get(guild.id()), "interaction of " + guild.name());
                }
                assertEquals(List.of(), discord.violations());
            } finally {
                manager.getShards().forEach(JDA::shutdownNow);
                manager.shutdown();
            }
        }
    }
}
