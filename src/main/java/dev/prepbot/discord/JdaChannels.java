package dev.prepbot.discord;

import dev.prepbot.commands.Reply;
import dev.prepbot.daily.DailyChannels;
import dev.prepbot.mock.MockRooms;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.attribute.IGuildChannelContainer;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/**
 * Posts and edits the bot's own messages (quiz questions, daily posts) in guild channels through JDA, and
 * opens the private rooms of mock interviews ({@link JdaRooms}).
 */
final class JdaChannels implements DailyChannels, MockRooms {

    private static final EnumSet<Permission> TO_POST =
            EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND, Permission.MESSAGE_EMBED_LINKS);

    private final IGuildChannelContainer<Channel> jda;
    private final DiscordRenderer renderer;
    private final JdaRooms rooms;

    JdaChannels(IGuildChannelContainer<Channel> jda, DiscordRenderer renderer) {
        this.jda = jda;
        this.renderer = renderer;
        this.rooms = new JdaRooms(jda);
    }

    @Override
    public Optional<String> problemOpening(String guildId, String channelId) {
        return rooms.problemOpening(guildId, channelId);
    }

    @Override
    public CompletableFuture<Room> open(String guildId, String channelId, String name, List<String> memberIds) {
        return rooms.open(guildId, channelId, name, memberIds);
    }

    @Override
    public CompletableFuture<Void> close(Room room) {
        return rooms.close(room);
    }

    @Override
    public OptionalInt voiceOccupants(String voiceId) {
        return rooms.voiceOccupants(voiceId);
    }

    @Override
    public CompletableFuture<String> post(String channelId, Reply.Card card) {
        Optional<GuildMessageChannel> channel = channel(channelId);
        if (channel.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the channel no longer exists"));
        }
        return channel.get().sendMessage(renderer.render(card).get(0)).submit().thenApply(Message::getId);
    }

    @Override
    public CompletableFuture<String> postOnce(String channelId, Reply.Card card, String nonce) {
        Optional<GuildMessageChannel> channel = channel(channelId);
        if (channel.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the channel no longer exists"));
        }
        // JDA sends enforce_nonce with every message; a nonce of our own makes a repeat return the first.
        return channel.get().sendMessage(renderer.render(card).get(0)).setNonce(nonce).submit().thenApply(Message::getId);
    }

    @Override
    public CompletableFuture<Void> edit(String channelId, String messageId, Reply.Card card) {
        Optional<GuildMessageChannel> channel = channel(channelId);
        if (channel.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the channel no longer exists"));
        }
        return channel.get().editMessageById(messageId, renderer.renderEdit(card)).submit().thenApply(m -> null);
    }

    @Override
    public Optional<String> problemPosting(String guildId, String channelId) {
        Optional<GuildMessageChannel> channel = channel(channelId);
        if (channel.isEmpty()) {
            return Optional.of("I cannot find that channel; it may have been deleted, or it is not a text channel.");
        }
        if (!channel.get().getGuild().getId().equals(guildId)) {
            return Optional.of("That channel is not in this server.");
        }
        Member self = channel.get().getGuild().getSelfMember();
        if (!self.hasPermission(channel.get(), TO_POST)) {
            return Optional.of("I may not post in " + channel.get().getName()
                    + ": I need the View Channel, Send Messages and Embed Links permissions there.");
        }
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Void> openThread(String channelId, String messageId, String name) {
        Optional<GuildMessageChannel> channel = channel(channelId);
        if (channel.isEmpty() || !(channel.get() instanceof TextChannel text)
                || !text.getGuild().getSelfMember().hasPermission(text, Permission.CREATE_PUBLIC_THREADS)) {
            return CompletableFuture.completedFuture(null);
        }
        return text.createThreadChannel(Fit.trim(name, 100), messageId).submit().thenApply(t -> null);
    }

    private Optional<GuildMessageChannel> channel(String channelId) {
        if (channelId == null || !channelId.matches("\\d{1,20}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(jda.getChannelById(GuildMessageChannel.class, channelId));
    }
}
