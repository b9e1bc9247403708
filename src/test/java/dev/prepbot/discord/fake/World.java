package dev.prepbot.discord.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guild the fake Discord serves: its channels, roles and members, as Discord would describe them
 * in GUILD_CREATE and in interaction payloads. Members get Manage Server through the "Admin" role.
 */
public final class World {

    public static final String APPLICATION_ID = "900000000000000001";
    public static final String BOT_ID = APPLICATION_ID;
    public static final String GUILD_ID = "100000000000000001";
    public static final String GENERAL = "200000000000000001";
    public static final String QUIZ = "200000000000000002";
    public static final String ADMIN_ROLE = "300000000000000001";
    /** Discord's Manage Server permission bit (MANAGE_GUILD). */
    static final long MANAGE_GUILD = 1L << 5;
    /** View, send, embed, read history, create public threads, send in threads. */
    static final long MEMBER_PERMISSIONS = (1L << 10) | (1L << 11) | (1L << 14) | (1L << 16) | (1L << 35) | (1L << 38);

    public record User(String id, String name, boolean admin) {
    }

    /** The bot's own role, as Discord gives a bot invited with permissions. */
    public static final String BOT_ROLE = "300000000000000002";
    public static final long MANAGE_CHANNELS = 1L << 4;
    public static final long VIEW_CHANNEL = 1L << 10;
    public static final long CONNECT = 1L << 20;
    public static final long SPEAK = 1L << 21;
    public static final long CREATE_PRIVATE_THREADS = 1L << 36;
    /** What the bot's role grants by default: enough to open private threads and private voice rooms. */
    public static final long BOT_ROLE_PERMISSIONS = MANAGE_CHANNELS | CONNECT | SPEAK | CREATE_PRIVATE_THREADS;
    private volatile long botRolePermissions = BOT_ROLE_PERMISSIONS;
    /** Channels and threads the bot created, by id, as GUILD_CREATE lists them to a bot that connects later. */
    private final Map<String, ObjectNode> created = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** Changes what the bot's role grants; takes effect for a bot that connects afterwards. */
    public void botRolePermissions(long permissions) {
        botRolePermissions = permissions;
    }

    /** Everything the bot may do in the guild: @everyone's permissions and its role's. */
    long botPermissions() {
        return MEMBER_PERMISSIONS | botRolePermissions;
    }

    boolean hasUser(String id) {
        return users.containsKey(id);
    }

    void created(ObjectNode channel) {
        created.put(channel.path("id").asText(), channel);
    }

    Optional<ObjectNode> createdChannel(String id) {
        return Optional.ofNullable(created.get(id));
    }

    List<String> createdIds() {
        return List.copyOf(created.keySet());
    }

    Optional<ObjectNode> removeCreated(String id) {
        return Optional.ofNullable(created.remove(id));
    }

    /** What the interaction payload says about the channel an interaction comes from. */
    ObjectNode channelOf(String id) {
        return createdChannel(id).map(ObjectNode::deepCopy).orElseGet(() -> channelJson(id, "channel", 0));
    }

    public static final User ADA = new User("400000000000000001", "ada", true);
    public static final User BOB = new User("400000000000000002", "bob", false);

    /** A server the bot is in, with its text channels (the first is where tests post). */
    public record Guild(String id, String name, List<String> channelIds) {
        public Guild {
            channelIds = List.copyOf(channelIds);
        }

        public String channelId() {
            return channelIds.get(0);
        }
    }

    public static final Guild PREP = new Guild(GUILD_ID, "Interview Prep", List.of(GENERAL, QUIZ));

    private final Map<String, User> users = new ConcurrentHashMap<>(Map.of(ADA.id(), ADA, BOB.id(), BOB));
    private final Map<String, Guild> guilds = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(Map.of(GUILD_ID, PREP)));
    private final Map<String, String> guildOfChannel = new ConcurrentHashMap<>(Map.of(GENERAL, GUILD_ID, QUIZ, GUILD_ID));
    private final AtomicLong guildNumbers = new AtomicLong();
    private final AtomicLong snowflakes = new AtomicLong(500_000_000_000_000_000L);

    /** A fresh id, increasing like Discord's snowflakes. */
    String snowflake() {
        return Long.toString(snowflakes.incrementAndGet());
    }

    /**
     * A fresh id whose timestamp is now, as Discord's are. JDA reads an interaction's age from its id
     * and refuses follow-ups to one older than fifteen minutes, so interactions need real timestamps.
     */
    String timedSnowflake() {
        long discordEpoch = 1_420_070_400_000L;
        return Long.toString(((System.currentTimeMillis() - discordEpoch) << 22) | (snowflakes.incrementAndGet() & 0x3F_FFFF));
    }

    /**
     * Adds a server with one text channel. Its id's bits above bit 22 (a snowflake's timestamp) count up,
     * so consecutive servers fall on consecutive shards: Discord routes a guild to shard
     * {@code (id >> 22) % total}.
     */
    public Guild addGuild(String name) {
        long n = guildNumbers.incrementAndGet();
        String id = Long.toString(((1_000_000_000L + n) << 22) | (n & 0x3F_FFFF));
        Guild guild = new Guild(id, name, List.of(snowflake()));
        guilds.put(id, guild);
        guild.channelIds().forEach(channel -> guildOfChannel.put(channel, id));
        return guild;
    }

    /** Every server, the first one ({@link #PREP}) included, in the order they were added. */
    public List<Guild> guilds() {
        synchronized (guilds) {
            return List.copyOf(guilds.values());
        }
    }

    /** The shard Discord sends the guild's events on, with {@code total} shards. */
    public static int shardOf(String guildId, int total) {
        return (int) Long.remainderUnsigned(Long.parseUnsignedLong(guildId) >>> 22, total);
    }

    /** The server a channel is in; a channel the world does not know is taken to be in the first one. */
    public String guildOf(String channelId) {
        return guildOfChannel.getOrDefault(channelId, GUILD_ID);
    }

    /** Adds a member (for example one of 200 quiz players) and returns them. */
    public User addUser(String name, boolean admin) {
        User user = new User(snowflake(), name, admin);
        users.put(user.id(), user);
        return user;
    }

    User user(String id) {
        User user = users.get(id);
        if (user == null) {
            throw new IllegalArgumentException("no such user " + id);
        }
        return user;
    }

    ObjectNode botUser() {
        ObjectNode user = Json.object();
        user.put("id", BOT_ID).put("username", "prepbot").put("discriminator", "0").putNull("avatar")
                .put("bot", true).put("system", false).put("verified", true).put("mfa_enabled", false)
                .put("flags", 0).put("public_flags", 0);
        return user;
    }

    ObjectNode userJson(User u) {
        ObjectNode user = Json.object();
        user.put("id", u.id()).put("username", u.name()).put("global_name", u.name()).put("discriminator", "0")
                .putNull("avatar").put("bot", false).put("system", false).put("public_flags", 0);
        return user;
    }

    ObjectNode memberJson(User u) {
        ObjectNode member = Json.object();
        member.set("user", userJson(u));
        ArrayNode roles = member.putArray("roles");
        if (u.admin()) {
            roles.add(ADMIN_ROLE);
        }
        member.put("joined_at", "2026-01-01T00:00:00.000000+00:00").putNull("nick").put("deaf", false)
                .put("mute", false).put("flags", 0).put("pending", false)
                .put("permissions", Long.toString(MEMBER_PERMISSIONS | (u.admin() ? MANAGE_GUILD : 0)));
        return member;
    }

    ObjectNode channelJson(String id, String name, int position) {
        return channelJson(guildOf(id), id, name, position);
    }

    ObjectNode channelJson(String guildId, String id, String name, int position) {
        ObjectNode channel = Json.object();
        channel.put("id", id).put("type", 0).put("guild_id", guildId).put("name", name).put("position", position)
                .putArray("permission_overwrites");
        channel.putNull("parent_id").putNull("topic").put("nsfw", false).put("rate_limit_per_user", 0)
                .putNull("last_message_id").put("flags", 0);
        return channel;
    }

    private ObjectNode role(String id, String name, long permissions, int position) {
        ObjectNode role = Json.object();
        role.put("id", id).put("name", name).put("color", 0).put("hoist", false).put("position", position)
                .put("permissions", Long.toString(permissions)).put("managed", false).put("mentionable", false)
                .put("flags", 0);
        role.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        return role;
    }

    ObjectNode guildCreate() {
        return guildCreate(PREP);
    }

    ObjectNode guildCreate(Guild server) {
        ObjectNode guild = Json.object();
        guild.put("id", server.id()).put("name", server.name()).putNull("icon").put("owner_id", "400000000000000099")
                .put("unavailable", false).put("large", false).put("member_count", users.size() + 1)
                .put("afk_timeout", 300).put("verification_level", 0).put("default_message_notifications", 0)
                .put("explicit_content_filter", 0).put("mfa_level", 0).put("nsfw_level", 0).put("premium_tier", 0)
                .put("premium_subscription_count", 0).put("preferred_locale", "en-US").put("system_channel_flags", 0)
                .put("premium_progress_bar_enabled", false).put("max_members", 500000)
                .put("joined_at", "2026-01-01T00:00:00.000000+00:00");
        guild.putArray("features");
        ArrayNode roles = guild.putArray("roles");
        roles.add(role(server.id(), "@everyone", MEMBER_PERMISSIONS, 0));
        roles.add(role(ADMIN_ROLE, "Admin", MANAGE_GUILD, 1));
        roles.add(role(BOT_ROLE, "Prepbot", botRolePermissions, 2));
        ArrayNode channels = guild.putArray("channels");
        ArrayNode threads = Json.array();
        if (server.id().equals(GUILD_ID)) {
            channels.add(channelJson(GENERAL, "general", 0));
            channels.add(channelJson(QUIZ, "quiz", 1));
            // Channels and threads the bot made (mock interview rooms) are in the first server.
            for (ObjectNode made : created.values()) {
                (made.path("type").asInt() == 2 ? channels : threads).add(made.deepCopy());
            }
        } else {
            for (int i = 0; i < server.channelIds().size(); i++) {
                channels.add(channelJson(server.id(), server.channelIds().get(i), "channel-" + i, i));
            }
        }
        ArrayNode members = guild.putArray("members");
        ObjectNode self = Json.object();
        self.set("user", botUser());
        self.putArray("roles").add(BOT_ROLE);
        self.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false).put("flags", 0);
        members.add(self);
        for (String list : List.of("emojis", "stickers", "voice_states", "presences", "stage_instances",
                "guild_scheduled_events", "soundboard_sounds")) {
            guild.putArray(list);
        }
        guild.set("threads", threads);
        return guild;
    }
}
