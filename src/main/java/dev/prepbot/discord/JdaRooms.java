package dev.prepbot.discord;

import dev.prepbot.mock.MockRooms;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.attribute.IGuildChannelContainer;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pair's private room on Discord: a private thread under the lobby's channel with the members added,
 * and, where the bot may manage channels, a voice channel hidden from everyone but the members. The
 * voice channel grants the bot itself access too: a channel the bot cannot see is one JDA refuses to
 * touch afterwards (MissingAccessException, checked on the client), so it could never be removed.
 */
final class JdaRooms {

    private static final Logger log = LoggerFactory.getLogger(JdaRooms.class);

    static final EnumSet<Permission> TO_OPEN_THREADS = EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.CREATE_PRIVATE_THREADS, Permission.MESSAGE_SEND_IN_THREADS);
    static final EnumSet<Permission> MEMBER_VOICE = EnumSet.of(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT,
            Permission.VOICE_SPEAK);
    static final EnumSet<Permission> BOT_VOICE = EnumSet.of(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT,
            Permission.MANAGE_CHANNEL);
    static final EnumSet<Permission> HIDDEN = EnumSet.of(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT);

    /** The single session or the shard manager: both find channels across the servers they hold. */
    private final IGuildChannelContainer<Channel> jda;

    JdaRooms(IGuildChannelContainer<Channel> jda) {
        this.jda = jda;
    }

    /**
     * Lets JDA keep voice states, so a pair's voice room that stays empty can be removed: the
     * GUILD_VOICE_STATES intent (not a privileged one) and only the members who are in a voice channel.
     */
    static void watchVoice(JDABuilder builder) {
        builder.enableIntents(GatewayIntent.GUILD_VOICE_STATES).enableCache(CacheFlag.VOICE_STATE)
                .setMemberCachePolicy(MemberCachePolicy.VOICE);
    }

    /** The same for the shards of a shard manager. */
    static void watchVoice(DefaultShardManagerBuilder builder) {
        builder.enableIntents(GatewayIntent.GUILD_VOICE_STATES).enableCache(CacheFlag.VOICE_STATE)
                .setMemberCachePolicy(MemberCachePolicy.VOICE);
    }

    Optional<String> problemOpening(String guildId, String channelId) {
        Optional<TextChannel> channel = text(channelId);
        if (channel.isEmpty() || !channel.get().getGuild().getId().equals(guildId)) {
            return Optional.of("Mock interviews run from a text channel of this server.");
        }
        if (!channel.get().getGuild().getSelfMember().hasPermission(channel.get(), TO_OPEN_THREADS)) {
            return Optional.of("I cannot open private threads in " + channel.get().getName() + ": I need the Send"
                    + " Messages, Create Private Threads and Send Messages in Threads permissions there.");
        }
        return Optional.empty();
    }

    CompletableFuture<MockRooms.Room> open(String guildId, String channelId, String name, List<String> memberIds) {
        Optional<TextChannel> found = text(channelId);
        if (found.isEmpty() || problemOpening(guildId, channelId).isPresent()) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot open private threads in " + channelId));
        }
        TextChannel channel = found.get();
        String title = Fit.trim(name, 100);
        CompletableFuture<String> thread = channel.createThreadChannel(title, true).setInvitable(false).submit()
                .thenCompose(created -> addMembers(created, memberIds));
        CompletableFuture<Optional<String>> voice = voice(channel, title, memberIds);
        return thread.thenCombine(voice, MockRooms.Room::new);
    }

    private static CompletableFuture<String> addMembers(ThreadChannel thread, List<String> memberIds) {
        List<CompletableFuture<Void>> added = new ArrayList<>();
        for (String id : memberIds) {
            added.add(thread.addThreadMemberById(id).submit());
        }
        return CompletableFuture.allOf(added.toArray(CompletableFuture[]::new)).thenApply(done -> thread.getId());
    }

    /** A voice channel only the members (and the bot) can see; none where the bot may not make one. */
    private CompletableFuture<Optional<String>> voice(TextChannel beside, String name, List<String> memberIds) {
        Guild guild = beside.getGuild();
        Member self = guild.getSelfMember();
        EnumSet<Permission> needed = EnumSet.copyOf(BOT_VOICE);
        needed.addAll(MEMBER_VOICE);
        if (!self.hasPermission(needed)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ChannelAction<VoiceChannel> create = guild.createVoiceChannel(name, beside.getParentCategory())
                .addRolePermissionOverride(guild.getPublicRole().getIdLong(), null, HIDDEN)
                .addMemberPermissionOverride(self.getIdLong(), BOT_VOICE, null);
        for (String id : memberIds) {
            create = create.addMemberPermissionOverride(Long.parseLong(id), MEMBER_VOICE, null);
        }
        return create.submit().thenApply(v -> Optional.of(v.getId())).exceptionally(e -> {
            log.warn("cannot create a private voice room: {}", e.getMessage());
            return Optional.empty();
        });
    }

    CompletableFuture<Void> close(MockRooms.Room room) {
        if (room.voiceId().isEmpty() || !room.voiceId().get().matches("\\d{1,20}")) {
            return CompletableFuture.completedFuture(null);
        }
        VoiceChannel voice = jda.getVoiceChannelById(room.voiceId().get());
        if (voice == null) {
            return CompletableFuture.completedFuture(null);
        }
        return voice.delete().submit();
    }

    /**
     * Members in the voice channel, from the voice states JDA keeps (the GUILD_VOICE_STATES intent); empty
     * when the channel is gone or JDA keeps no voice states.
     */
    OptionalInt voiceOccupants(String voiceId) {
        // Both connections are built with voice states (watchVoice), so the channel's members are known.
        if (voiceId == null || !voiceId.matches("\\d{1,20}")) {
            return OptionalInt.empty();
        }
        VoiceChannel voice = jda.getVoiceChannelById(voiceId);
        return voice == null ? OptionalInt.empty() : OptionalInt.of(voice.getMembers().size());
    }

    private Optional<TextChannel> text(String channelId) {
        if (channelId == null || !channelId.matches("\\d{1,20}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(jda.getTextChannelById(channelId));
    }
}
