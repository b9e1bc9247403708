package dev.prepbot.discord;

import dev.prepbot.Settings;
import dev.prepbot.ops.ShardPlan;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * Connects this process's shards with JDA's {@link DefaultShardManagerBuilder}: {@code total} shards in all
 * (so each IDENTIFY says {@code [id, total]} and Discord routes a guild to shard
 * {@code (guild_id >> 22) % total}), of which only the plan's ids here. Pointed at
 * PREPBOT_DISCORD_API and PREPBOT_DISCORD_GATEWAY exactly as the single session is.
 */
final class Sharding {

    private Sharding() {
    }

    static Connection connect(Settings settings, String token, ShardPlan plan, ExecutorService workers)
            throws DiscordBot.StartupException {
        CountDownLatch ready = new CountDownLatch(plan.ids().size());
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .setShardsTotal(plan.total())
                .setShards(plan.ids())
                .setEnableShutdownHook(false)
                .setHttpClientBuilder(RestConnections.clientBuilder())
                .addEventListeners(new ListenerAdapter() {
                    @Override
                    public void onReady(ReadyEvent event) {
                        ready.countDown();
                    }
                });
        JdaRooms.watchVoice(builder);
        settings.discordApi().ifPresent(api -> builder.setRestConfig(new RestConfig().setBaseUrl(DiscordBot.withSlash(api))));
        settings.discordGateway().ifPresent(gateway -> builder
                .setSessionController(new FixedGateway(gateway))
                .setCompression(Compression.NONE));
        ShardManager manager;
        try {
            manager = builder.build();
            // JDA connects the shards one after another (in parallel up to Discord's max_concurrency); the
            // bot serves once every shard it holds has received its guilds, as the single session does.
            while (!ready.await(1, TimeUnit.SECONDS)) {
                if (manager.getShards().stream().anyMatch(s -> s.getStatus() == JDA.Status.FAILED_TO_LOGIN
                        || s.getStatus() == JDA.Status.SHUTDOWN)) {
                    manager.shutdown();
                    throw new DiscordBot.StartupException("A shard of " + plan + " could not log in to Discord.");
                }
            }
        } catch (InvalidTokenException | ErrorResponseException e) {
            workers.shutdownNow();
            // The shard manager reads the bot's user before its first shard connects, where a bad token is
            // a plain 401 rather than JDA's InvalidTokenException.
            if (e instanceof ErrorResponseException error && (error.getResponse() == null || error.getResponse().code != 401)) {
                throw new DiscordBot.StartupException("Cannot connect to Discord at "
                        + DiscordBot.apiBase(settings) + " ("
                        + Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), token) + ").");
            }
            throw new DiscordBot.StartupException(DiscordBot.REJECTED_TOKEN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
            throw new DiscordBot.StartupException("Interrupted while connecting to Discord.");
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw new DiscordBot.StartupException("Cannot connect to Discord at " + DiscordBot.apiBase(settings)
                    + " (" + Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), token) + ").");
        }
        return new Connection.Sharded(manager, plan.ids().size());
    }

    /**
     * A fixed gateway URL (a proxy, or the tests' fake Discord) for every shard. The shard count and the
     * identify concurrency still come from {@code GET gateway/bot}, as JDA asks Discord for them.
     */
    private static final class FixedGateway extends ConcurrentSessionController {
        private final String gateway;

        FixedGateway(String gateway) {
            this.gateway = gateway;
        }

        @Override
        public String getGateway() {
            return gateway;
        }

        @Override
        public ShardedGateway getShardedGateway(JDA api) {
            ShardedGateway fromDiscord = super.getShardedGateway(api);
            return new ShardedGateway(gateway, fromDiscord.getShardTotal(), fromDiscord.getConcurrency());
        }
    }
}
