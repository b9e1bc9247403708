package dev.prepbot.discord;

import java.time.Duration;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.attribute.IGuildChannelContainer;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The bot's link to Discord: one JDA session, or JDA's shard manager holding some of the shards
 * (PREPBOT_SHARDS). The rest of the bot only posts in channels, listens, and registers commands, which
 * both offer alike.
 */
sealed interface Connection permits Connection.Single, Connection.Sharded {

    /** Where channels are found by id: any guild on any of this process's shards. */
    IGuildChannelContainer<Channel> channels();

    void addEventListener(Object listener);

    Optional<Guild> guild(String id);

    /** Registers global commands once: they belong to the application, not to a shard. */
    void registerGlobally(java.util.Collection<CommandData> commands);

    String selfName();

    /** Shards connected and held, and guilds seen, for the health line. */
    DiscordBot.Status status();

    void awaitShutdown() throws InterruptedException;

    void close();

    record Single(JDA jda) implements Connection {
        @Override
        public IGuildChannelContainer<Channel> channels() {
            return jda;
        }

        @Override
        public void addEventListener(Object listener) {
            jda.addEventListener(listener);
        }

        @Override
        public Optional<Guild> guild(String id) {
            return Optional.ofNullable(jda.getGuildById(id));
        }

        @Override
        public void registerGlobally(java.util.Collection<CommandData> commands) {
            jda.updateCommands().addCommands(commands).complete();
        }

        @Override
        public String selfName() {
            return jda.getSelfUser().getName();
        }

        @Override
        public DiscordBot.Status status() {
            return new DiscordBot.Status(jda.getStatus() == JDA.Status.CONNECTED ? 1 : 0, 1, jda.getGuildCache().size());
        }

        @Override
        public void awaitShutdown() throws InterruptedException {
            jda.awaitShutdown();
        }

        @Override
        public void close() {
            stop(jda);
        }
    }

    record Sharded(ShardManager manager, int held) implements Connection {
        @Override
        public IGuildChannelContainer<Channel> channels() {
            return manager;
        }

        @Override
        public void addEventListener(Object listener) {
            manager.addEventListener(listener);
        }

        @Override
        public Optional<Guild> guild(String id) {
            return Optional.ofNullable(manager.getGuildById(id));
        }

        @Override
        public void registerGlobally(java.util.Collection<CommandData> commands) {
            JDA any = manager.getShards().stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shard is running"));
            any.updateCommands().addCommands(commands).complete();
        }

        @Override
        public String selfName() {
            return manager.getShards().stream().findFirst().map(jda -> jda.getSelfUser().getName()).orElse("?");
        }

        @Override
        public DiscordBot.Status status() {
            int connected = (int) manager.getShards().stream().filter(s -> s.getStatus() == JDA.Status.CONNECTED).count();
            return new DiscordBot.Status(connected, held, manager.getGuildCache().size());
        }

        @Override
        public void awaitShutdown() throws InterruptedException {
            // The manager has no wait of its own; every held shard is running once the bot has started, and
            // each ends when the manager is shut down.
            for (JDA shard : manager.getShards()) {
                shard.awaitShutdown();
            }
        }

        @Override
        public void close() {
            manager.getShards().forEach(Connection::stop);
            manager.shutdown();
        }
    }

    /** Stops one session: politely for ten seconds, then at once. */
    private static void stop(JDA jda) {
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
                jda.shutdownNow();
                jda.awaitShutdown(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jda.shutdownNow();
        }
    }
}
