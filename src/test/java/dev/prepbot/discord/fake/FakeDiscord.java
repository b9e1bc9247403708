package dev.prepbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Discord for tests: the gateway and the REST endpoints the real JDA client uses, on
 * 127.0.0.1. Tests inject slash commands, autocomplete, clicks and menu choices, then read what the
 * bot sent. It refuses what Discord refuses (the limits of docs/discord-limits.md, a callback later than
 * three seconds, a second acknowledgement) and records each refusal as a violation, and it records
 * every message that could ping.
 */
public final class FakeDiscord implements AutoCloseable {

    /** Discord's acknowledgement deadline for an interaction. */
    public static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
    private static final int EPHEMERAL = 1 << 6;

    private final World world = new World();
    private final FakeGateway gateway;
    private volatile int recommendedShards = 1;
    private final HttpServer rest;
    /** Each connection's address at the client end: a new one per TCP connection the bot opens. */
    private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
    /** Daemon threads, and shut down on close, so a program using the fake can end when it is done. */
    private final ExecutorService restThreads = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "fake-discord-rest");
        t.setDaemon(true);
        return t;
    });
    // Appended to on every call, read rarely: a copy-on-write list copied itself on each of a crowd's
    // thousands of calls, and the garbage paused the bot that shares this JVM in the benchmarks.
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Message> pings = new CopyOnWriteArrayList<>();
    private final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
    private final Map<String, String> interactionChannels = new ConcurrentHashMap<>();
    private final Map<String, Message> messages = new ConcurrentHashMap<>();
    /** Files members attached to commands, served at their URL as Discord's CDN serves them. */
    private final Map<String, byte[]> attachedFiles = new ConcurrentHashMap<>();
    private final Queue<Message> messageOrder = new ConcurrentLinkedQueue<>();
    /** Channel and nonce to the message they made, for enforce_nonce. */
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    private volatile JsonNode commands = Json.array();
    private volatile boolean rejectToken;
    private final Duration ackDeadline;

    /** One REST request as received. */
    public record Call(String method, String path, JsonNode body, long receivedNanos) {
    }

    /** A message as it stands now: edits applied. {@code interactionId} is set for interaction replies. */
    public record Message(String id, String channelId, JsonNode data, boolean ephemeral,
                          Optional<String> interactionId) {

        public String content() {
            return data.path("content").asText("");
        }

        /** Every embed's title and description, joined, for assertions on what a user reads. */
        public String text() {
            StringBuilder text = new StringBuilder(content());
            for (JsonNode embed : data.path("embeds")) {
                text.append('\n').append(embed.path("title").asText("")).append('\n')
                        .append(embed.path("description").asText("")).append('\n')
                        .append(embed.path("footer").path("text").asText(""));
            }
            return text.toString();
        }

        /** The custom ids of every button and menu, in order. */
        public List<String> customIds() {
            List<String> ids = new ArrayList<>();
            for (JsonNode row : data.path("components")) {
                for (JsonNode c : row.path("components")) {
                    ids.add(c.path("custom_id").asText());
                }
            }
            return ids;
        }

        public List<JsonNode> buttons() {
            List<JsonNode> buttons = new ArrayList<>();
            for (JsonNode row : data.path("components")) {
                for (JsonNode c : row.path("components")) {
                    if (c.path("type").asInt() == 2) {
                        buttons.add(c);
                    }
                }
            }
            return buttons;
        }
    }

    /** An injected interaction; its callback, when the bot sends one, with its latency. */
    public static final class Interaction {
        private final String id;
        private final String token = "token-" + System.nanoTime();
        private final long injectedNanos = System.nanoTime();
        private final CompletableFuture<Callback> callback = new CompletableFuture<>();
        private final List<Message> followups = new CopyOnWriteArrayList<>();
        /**
         * The "thinking" message of a deferred reply until something resolves it. Discord takes the first
         * follow-up after a deferral as that message's content, with the deferral's visibility whatever
         * flags the follow-up asks for; deleting it resolves it too.
         */
        private volatile String loadingMessageId;

        Interaction(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public String token() {
            return token;
        }

        public List<Message> followups() {
            return followups;
        }

        /** The bot's acknowledgement, if it has arrived; never waits. */
        public Optional<Callback> callbackNow() {
            return callback.isDone() && !callback.isCompletedExceptionally() ? Optional.of(callback.join()) : Optional.empty();
        }
    }

    /** The bot's acknowledgement of an interaction. */
    public record Callback(int type, JsonNode data, Duration latency) {
        public boolean ephemeral() {
            return (data.path("flags").asInt() & EPHEMERAL) != 0;
        }
    }

    private FakeDiscord(Duration ackDeadline) throws IOException, InterruptedException {
        this.ackDeadline = ackDeadline;
        gateway = new FakeGateway(world);
        gateway.start();
        gateway.awaitStart();
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rest.createContext("/", this::handle);
        rest.createContext("/attachments/", this::serveAttachment);
        rest.setExecutor(restThreads);
        rest.start();
    }

    public static FakeDiscord start() {
        return start(ACK_DEADLINE);
    }

    /** A fake with a shorter acknowledgement deadline, so a test of lateness need not wait three seconds. */
    public static FakeDiscord start(Duration ackDeadline) {
        try {
            return new FakeDiscord(ackDeadline);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Discord", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String restBaseUrl() {
        return "http://127.0.0.1:" + rest.getAddress().getPort() + "/api/v10/";
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort();
    }

    public World world() {
        return world;
    }

    /** Makes the next logins fail as Discord does for a bad token. */
    public void rejectToken(boolean reject) {
        this.rejectToken = reject;
    }

    /** Makes {@code GET gateway/bot} recommend this many shards (Discord's own figure is one per 1,000 guilds or so). */
    public void recommendShards(int shards) {
        this.recommendedShards = shards;
    }

    /**
     * What Discord answers a sharded bot: the gateway's URL, the shard count, and how many sessions may
     * identify at once (max_concurrency; 16 here, as for a large bot, so tests need not wait five seconds
     * between shards).
     */
    private Response gatewayBot() {
        ObjectNode body = Json.object().put("url", gatewayUrl()).put("shards", recommendedShards);
        body.putObject("session_start_limit").put("total", 1000).put("remaining", 1000).put("reset_after", 86_400_000)
                .put("max_concurrency", 16);
        return Response.ok(body);
    }

    /** Waits until every one of these shards has a connected session that received its guilds. */
    public void awaitShards(java.util.Collection<Integer> wanted, Duration timeout) {
        awaitTrue(() -> gateway.connectedShards().containsAll(wanted), timeout, "shards " + wanted + " connected");
    }

    /** The shards that have a connected session now. */
    public java.util.Set<Integer> connectedShards() {
        return gateway.connectedShards();
    }

    /** Every IDENTIFY the gateway received, as "shard/total". */
    public List<String> identified() {
        return gateway.identified();
    }

    /** Waits until a client has identified and received READY and GUILD_CREATE. */
    public void awaitConnected(Duration timeout) throws InterruptedException {
        if (!gateway.awaitSession(timeout.toMillis())) {
            throw new AssertionError("the bot did not connect to the fake gateway within " + timeout);
        }
    }

    // ---- injection -------------------------------------------------------------------------

    /** A slash command from a member in a guild channel; options map names to String, Long or Boolean. */
    public Interaction slash(World.User user, String channelId, String command, Optional<String> subcommand,
                             Map<String, Object> options) {
        ObjectNode data = Json.object().put("id", world.snowflake()).put("name", command).put("type", 1);
        ArrayNode list = Json.array();
        options.forEach((name, value) -> list.add(option(name, value)));
        if (subcommand.isPresent()) {
            ObjectNode sub = Json.object().put("name", subcommand.get()).put("type", 1);
            sub.set("options", list);
            data.putArray("options").add(sub);
        } else {
            data.set("options", list);
        }
        options.forEach((name, value) -> {
            if (value instanceof ChannelRef ref) {
                data.putObject("resolved").putObject("channels").set(ref.id(),
                        world.channelJson(ref.id(), "channel-" + ref.id(), 5).put("permissions", "0"));
            }
            if (value instanceof FileRef file) {
                attachedFiles.put(file.id(), file.content());
                String url = "http://127.0.0.1:" + rest.getAddress().getPort() + "/attachments/" + file.id() + "/"
                        + file.name();
                ObjectNode resolved = data.has("resolved") ? (ObjectNode) data.get("resolved") : data.putObject("resolved");
                resolved.putObject("attachments").putObject(file.id()).put("id", file.id()).put("filename", file.name())
                        .put("size", file.declaredSize()).put("url", url).put("proxy_url", url)
                        .put("content_type", "application/json");
            }
        });
        return inject(2, user, channelId, data, Optional.empty(), true);
    }

    public Interaction slash(World.User user, String channelId, String command, Map<String, Object> options) {
        return slash(user, channelId, command, Optional.empty(), options);
    }

    /** A slash command sent in a direct message with the bot: no guild, no member. */
    public Interaction directSlash(World.User user, String command, Map<String, Object> options) {
        ObjectNode data = Json.object().put("id", world.snowflake()).put("name", command).put("type", 1);
        ArrayNode list = data.putArray("options");
        options.forEach((name, value) -> list.add(option(name, value)));
        return inject(2, user, "600000000000000001", data, Optional.empty(), false);
    }

    /** An autocomplete request while the user types {@code typed} into {@code option}. */
    public Interaction autocomplete(World.User user, String channelId, String command, String option, String typed) {
        ObjectNode data = Json.object().put("id", world.snowflake()).put("name", command).put("type", 1);
        data.putArray("options").addObject().put("name", option).put("type", 3).put("value", typed).put("focused", true);
        return inject(4, user, channelId, data, Optional.empty(), true);
    }

    /** A click on a button of a message the bot sent. */
    public Interaction click(World.User user, Message message, String customId) {
        ObjectNode data = Json.object().put("custom_id", customId).put("component_type", 2);
        return inject(3, user, message.channelId(), data, Optional.of(message), true);
    }

    /** A choice in a select menu of a message the bot sent. */
    public Interaction select(World.User user, Message message, String customId, List<String> values) {
        ObjectNode data = Json.object().put("custom_id", customId).put("component_type", 3);
        ArrayNode chosen = data.putArray("values");
        values.forEach(chosen::add);
        return inject(3, user, message.channelId(), data, Optional.of(message), true);
    }

    /**
     * The member submits a modal the bot showed: each field's custom id to the text typed. Like
     * Discord, it numbers every component, labels and inputs alike.
     */
    public Interaction submitModal(World.User user, String channelId, String customId, Map<String, String> fields) {
        ObjectNode data = Json.object().put("custom_id", customId);
        ArrayNode components = data.putArray("components");
        int id = 1;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            ObjectNode label = components.addObject().put("type", 18).put("id", id++);
            label.putObject("component").put("type", 4).put("id", id++).put("custom_id", field.getKey())
                    .put("value", field.getValue());
        }
        return inject(5, user, channelId, data, Optional.empty(), true);
    }

    /** A channel option value, sent with the resolved channel data Discord includes. */
    public record ChannelRef(String id) {
    }

    /**
     * A file attached to a command option, sent with the resolved attachment Discord includes; its URL
     * serves the bytes. {@code declaredSize} is what Discord reports (a test may make it differ).
     */
    public record FileRef(String id, String name, byte[] content, long declaredSize) {
        public static FileRef of(String id, String name, byte[] content) {
            return new FileRef(id, name, content, content.length);
        }
    }

    /** How often a file attached to a command was fetched: a file the bot must not download stays at zero. */
    public int downloads(String fileId) {
        return downloads.getOrDefault(fileId, 0);
    }

    private final Map<String, Integer> downloads = new ConcurrentHashMap<>();

    private void serveAttachment(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            byte[] content = parts.length > 2 ? attachedFiles.get(parts[2]) : null;
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            downloads.merge(parts[2], 1, Integer::sum);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
    }

    private static ObjectNode option(String name, Object value) {
        ObjectNode option = Json.object().put("name", name);
        switch (value) {
            case Long l -> option.put("type", 4).put("value", l);
            case Integer i -> option.put("type", 4).put("value", i.longValue());
            case Boolean b -> option.put("type", 5).put("value", b);
            case ChannelRef ref -> option.put("type", 7).put("value", ref.id());
            case FileRef file -> option.put("type", 11).put("value", file.id());
            default -> option.put("type", 3).put("value", String.valueOf(value));
        }
        return option;
    }

    private Interaction inject(int type, World.User user, String channelId, ObjectNode data, Optional<Message> message,
                               boolean inGuild) {
        Interaction interaction = new Interaction(world.timedSnowflake());
        interactions.put(interaction.id, interaction);
        interactionChannels.put(interaction.id, channelId);
        ObjectNode payload = Json.object();
        payload.put("id", interaction.id).put("application_id", World.APPLICATION_ID).put("type", type)
                .put("token", interaction.token).put("version", 1).put("locale", "en-US")
                .put("app_permissions", Long.toString(World.MEMBER_PERMISSIONS)).put("channel_id", channelId);
        payload.set("data", data);
        payload.putArray("entitlements");
        if (inGuild) {
            String guildId = world.guildOf(channelId);
            payload.put("guild_id", guildId).put("guild_locale", "en-US").put("context", 0);
            payload.putObject("guild").put("id", guildId).put("locale", "en-US").putArray("features");
            payload.set("channel", world.channelOf(channelId));
            payload.set("member", world.memberJson(user));
            payload.putObject("authorizing_integration_owners").put("0", guildId);
        } else {
            payload.put("context", 1);
            ObjectNode dm = Json.object().put("id", channelId).put("type", 1);
            dm.putArray("recipients").add(world.userJson(user));
            payload.set("channel", dm);
            payload.set("user", world.userJson(user));
            payload.putObject("authorizing_integration_owners").put("1", user.id());
        }
        message.ifPresent(m -> payload.set("message", messageJson(m)));
        gateway.dispatch("INTERACTION_CREATE", payload);
        return interaction;
    }

    // ---- reading what the bot did ----------------------------------------------------------

    public Callback awaitCallback(Interaction interaction, Duration timeout) {
        try {
            return interaction.callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the bot did not acknowledge interaction " + interaction.id + " within " + timeout
                    + "; violations: " + violations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** The interaction's reply message (the "original" response), once it exists. */
    public Message awaitReply(Interaction interaction, Duration timeout) {
        awaitCallback(interaction, timeout);
        return awaitMessage(m -> m.interactionId().equals(Optional.of(interaction.id)), timeout);
    }

    /**
     * The answer to a deferred interaction: the first follow-up, which is the deferral's placeholder
     * filled in, or a message of its own when the placeholder was deleted first.
     */
    public Message awaitDeferredAnswer(Interaction interaction, Duration timeout) {
        Callback callback = awaitCallback(interaction, timeout);
        if (callback.type() != 5) {
            throw new AssertionError("the interaction was answered at once, not deferred: type " + callback.type());
        }
        awaitTrue(() -> !interaction.followups.isEmpty(), timeout, "the deferred interaction is answered");
        return messages.getOrDefault(interaction.followups.get(0).id(), interaction.followups.get(0));
    }

    /** Whether a message with this id is still shown (not deleted). */
    public boolean shown(String messageId) {
        return messages.containsKey(messageId);
    }

    public Message awaitMessage(Predicate<Message> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message m : messageOrder) {
                Message current = messages.get(m.id());
                if (current != null && wanted.test(current)) {
                    return current;
                }
            }
            pause();
        }
        throw new AssertionError("no matching message within " + timeout + "; messages: " + messages());
    }

    /** Waits until the condition holds, polling briefly; for state the bot reaches asynchronously. */
    public void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message the bot has sent, as it stands now, in the order sent. */
    public List<Message> messages() {
        return messageOrder.stream().map(m -> messages.get(m.id())).toList();
    }

    public Message message(String id) {
        return messages.get(id);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The last command registration the bot sent (global or guild). */
    public JsonNode registeredCommands() {
        return commands;
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public List<Message> pings() {
        return List.copyOf(pings);
    }

    /** How many TCP connections the bot has opened to the REST API so far. */
    public int connectionsOpened() {
        return clients.size();
    }

    /** Every acknowledgement latency recorded so far. */
    public List<Duration> latencies() {
        List<Duration> latencies = new ArrayList<>();
        for (Interaction i : interactions.values()) {
            if (i.callback.isDone() && !i.callback.isCompletedExceptionally()) {
                latencies.add(i.callback.join().latency());
            }
        }
        return latencies;
    }

    // ---- REST ---------------------------------------------------------------------------

    private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK = Pattern.compile("webhooks/(\\d+)/([^/]+)");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("webhooks/(\\d+)/([^/]+)/messages/([^/]+)");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("channels/(\\d+)/messages/(\\d+)");
    private static final Pattern THREAD = Pattern.compile("channels/(\\d+)/messages/(\\d+)/threads");
    private static final Pattern COMMANDS = Pattern.compile("applications/(\\d+)(/guilds/(\\d+))?/commands");
    private static final Pattern THREADS = Pattern.compile("channels/(\\d+)/threads");
    private static final Pattern THREAD_MEMBER = Pattern.compile("channels/(\\d+)/thread-members/(\\d+)");
    private static final Pattern GUILD_CHANNELS = Pattern.compile("guilds/(\\d+)/channels");
    private static final Pattern CHANNEL = Pattern.compile("channels/(\\d+)");

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            clients.add(exchange.getRemoteAddress());
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().replaceFirst("^/api/v10/", "");
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = body(exchange.getRequestHeaders().getFirst("Content-Type"), raw);
            calls.add(new Call(method, path, body, System.nanoTime()));
            Response response = route(method, path, body);
            byte[] bytes = response.body == null ? new byte[0] : Json.write(response.body).getBytes(StandardCharsets.UTF_8);
            if (response.body != null) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(response.status, response.status == 204 ? -1 : bytes.length);
            if (response.status != 204) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private record Response(int status, JsonNode body) {
        static Response ok(JsonNode body) {
            return new Response(200, body);
        }

        static Response error(int status, int code, String message) {
            ObjectNode error = Json.object().put("code", code).put("message", message);
            return new Response(status, error);
        }
    }

    private Response route(String method, String path, JsonNode body) {
        Matcher m;
        if (path.equals("users/@me") && method.equals("GET")) {
            return rejectToken ? Response.error(401, 0, "401: Unauthorized") : Response.ok(world.botUser());
        }
        if (path.equals("gateway/bot") && method.equals("GET")) {
            return gatewayBot();
        }
        if ((m = COMMANDS.matcher(path)).matches() && method.equals("PUT")) {
            commands = body;
            ArrayNode registered = Json.array();
            for (JsonNode command : body) {
                ObjectNode copy = ((ObjectNode) command.deepCopy()).put("id", world.snowflake())
                        .put("application_id", World.APPLICATION_ID).put("version", world.snowflake());
                if (m.group(3) != null) {
                    copy.put("guild_id", m.group(3));
                }
                registered.add(copy);
            }
            return Response.ok(registered);
        }
        if ((m = CALLBACK.matcher(path)).matches() && method.equals("POST")) {
            return callback(m.group(1), m.group(2), body);
        }
        if ((m = WEBHOOK_MESSAGE.matcher(path)).matches()) {
            return webhookMessage(method, m.group(2), m.group(3), body);
        }
        if ((m = WEBHOOK.matcher(path)).matches() && method.equals("POST")) {
            return followup(m.group(2), body);
        }
        if ((m = THREAD.matcher(path)).matches() && method.equals("POST")) {
            ObjectNode thread = Json.object().put("id", world.snowflake()).put("type", 11).put("guild_id", world.guildOf(m.group(1)))
                    .put("parent_id", m.group(1)).put("name", body.path("name").asText()).put("owner_id", World.BOT_ID);
            thread.putObject("thread_metadata").put("archived", false).put("auto_archive_duration", 1440)
                    .put("locked", false).put("archive_timestamp", "2026-01-01T00:00:00.000000+00:00");
            return Response.ok(thread);
        }
        if ((m = CHANNEL_MESSAGE.matcher(path)).matches() && method.equals("PATCH")) {
            return edit(m.group(2), body);
        }
        if ((m = CHANNEL_MESSAGES.matcher(path)).matches() && method.equals("POST")) {
            return create(m.group(1), body, Optional.empty(), false);
        }
        Response rooms = rooms(method, path, body);
        if (rooms != null) {
            return rooms;
        }
        violations.add("unknown route " + method + " " + path);
        return Response.error(404, 0, "404: Not Found");
    }

    // ---- private rooms: threads without a message, voice channels, their members ---------

    private final Map<String, List<String>> threadMembers = new ConcurrentHashMap<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();

    /** Threads and voice channels the bot created and has not deleted, in the order created. */
    public List<JsonNode> createdChannels(int type) {
        List<JsonNode> found = new ArrayList<>();
        world.createdIds().forEach(id -> world.createdChannel(id).filter(c -> c.path("type").asInt() == type)
                .ifPresent(found::add));
        return found;
    }

    /** The members the bot added to a thread, in order. */
    public List<String> threadMembers(String threadId) {
        return List.copyOf(threadMembers.getOrDefault(threadId, List.of()));
    }

    /**
     * The member joins a voice channel the bot created, as the Discord client would let them: only when
     * the channel's overwrites let them see it and connect. Returns whether they got in; the bot then
     * receives the VOICE_STATE_UPDATE.
     */
    public boolean joinVoice(World.User user, String channelId) {
        Optional<ObjectNode> channel = world.createdChannel(channelId).filter(c -> c.path("type").asInt() == 2);
        if (channel.isEmpty()) {
            return false;
        }
        long permissions = World.MEMBER_PERMISSIONS;
        for (String target : List.of(World.GUILD_ID, user.id())) {
            for (JsonNode overwrite : channel.get().path("permission_overwrites")) {
                if (overwrite.path("id").asText().equals(target)) {
                    permissions &= ~Long.parseLong(overwrite.path("deny").asText("0"));
                    permissions |= Long.parseLong(overwrite.path("allow").asText("0"));
                }
            }
        }
        long needed = World.VIEW_CHANNEL | World.CONNECT;
        if ((permissions & needed) != needed) {
            return false;
        }
        gateway.dispatch("VOICE_STATE_UPDATE", voiceState(user, channelId));
        return true;
    }

    /** The member leaves whatever voice channel they are in. */
    public void leaveVoice(World.User user) {
        gateway.dispatch("VOICE_STATE_UPDATE", voiceState(user, null));
    }

    private ObjectNode voiceState(World.User user, String channelId) {
        ObjectNode state = Json.object().put("guild_id", World.GUILD_ID).put("channel_id", channelId)
                .put("user_id", user.id()).put("session_id", "voice-" + user.id()).put("deaf", false).put("mute", false)
                .put("self_deaf", false).put("self_mute", false).put("self_video", false).put("self_stream", false)
                .put("suppress", false).putNull("request_to_speak_timestamp");
        state.set("member", world.memberJson(user));
        return state;
    }

    /** Ids of the channels the bot deleted. */
    public List<String> deletedChannels() {
        return List.copyOf(deleted);
    }

    private Response rooms(String method, String path, JsonNode body) {
        Matcher m;
        if ((m = THREADS.matcher(path)).matches() && method.equals("POST")) {
            return createThread(m.group(1), body);
        }
        if ((m = THREAD_MEMBER.matcher(path)).matches() && method.equals("PUT")) {
            Optional<ObjectNode> thread = world.createdChannel(m.group(1)).filter(c -> c.path("type").asInt() == 12);
            if (thread.isEmpty()) {
                violations.add("thread member added to unknown thread " + m.group(1));
                return Response.error(404, 10003, "Unknown Channel");
            }
            if (!world.hasUser(m.group(2))) {
                violations.add("unknown member added to thread: " + m.group(2));
                return Response.error(404, 10007, "Unknown Member");
            }
            threadMembers.computeIfAbsent(m.group(1), k -> new CopyOnWriteArrayList<>()).add(m.group(2));
            return new Response(204, null);
        }
        if ((m = GUILD_CHANNELS.matcher(path)).matches() && method.equals("POST")) {
            return createChannel(body);
        }
        if ((m = CHANNEL.matcher(path)).matches() && method.equals("DELETE")) {
            Optional<ObjectNode> channel = world.createdChannel(m.group(1));
            if (channel.isEmpty()) {
                violations.add("delete of unknown channel " + m.group(1));
                return Response.error(404, 10003, "Unknown Channel");
            }
            if ((effective(channel.get()) & (World.VIEW_CHANNEL | World.MANAGE_CHANNELS))
                    != (World.VIEW_CHANNEL | World.MANAGE_CHANNELS)) {
                violations.add("delete of channel " + m.group(1) + " without View Channel and Manage Channels there");
                return Response.error(403, 50013, "Missing Permissions");
            }
            world.removeCreated(m.group(1));
            deleted.add(m.group(1));
            return Response.ok(channel.get());
        }
        return null;
    }

    /** A private thread with no starter message, as mock interview rooms use. */
    private Response createThread(String parentId, JsonNode body) {
        if (!parentId.equals(World.GENERAL) && !parentId.equals(World.QUIZ)) {
            violations.add("thread under unknown channel " + parentId);
            return Response.error(404, 10003, "Unknown Channel");
        }
        if (body.path("type").asInt() != 12) {
            violations.add("a thread without a message must be private (type 12) here, got " + body.path("type"));
            return Response.error(400, 50035, "Invalid Form Body");
        }
        if ((world.botPermissions() & World.CREATE_PRIVATE_THREADS) == 0) {
            violations.add("private thread created without Create Private Threads");
            return Response.error(403, 50013, "Missing Permissions");
        }
        String name = body.path("name").asText("");
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 100) {
            violations.add("thread name of " + name.length() + " characters");
            return Response.error(400, 50035, "Invalid Form Body");
        }
        ObjectNode thread = Json.object().put("id", world.snowflake()).put("type", 12).put("guild_id", World.GUILD_ID)
                .put("parent_id", parentId).put("name", name).put("owner_id", World.BOT_ID)
                .put("rate_limit_per_user", 0).put("flags", 0).put("message_count", 0).put("member_count", 1);
        thread.putObject("thread_metadata").put("archived", false).put("auto_archive_duration", 1440)
                .put("locked", false).put("invitable", body.path("invitable").asBoolean(true))
                .put("archive_timestamp", "2026-01-01T00:00:00.000000+00:00");
        world.created(thread);
        return Response.ok(thread);
    }

    /** A voice channel; Discord refuses overwrites that grant or deny what the bot itself may not do. */
    private Response createChannel(JsonNode body) {
        if ((world.botPermissions() & World.MANAGE_CHANNELS) == 0) {
            violations.add("channel created without Manage Channels");
            return Response.error(403, 50013, "Missing Permissions");
        }
        if (body.path("type").asInt() != 2) {
            violations.add("the fake creates voice channels only, got type " + body.path("type"));
            return Response.error(400, 50035, "Invalid Form Body");
        }
        for (JsonNode overwrite : body.path("permission_overwrites")) {
            long asked = Long.parseLong(overwrite.path("allow").asText("0")) | Long.parseLong(overwrite.path("deny").asText("0"));
            if ((asked & ~world.botPermissions()) != 0) {
                violations.add("overwrite with permissions the bot lacks: " + overwrite);
                return Response.error(403, 50013, "Missing Permissions");
            }
        }
        ObjectNode channel = Json.object().put("id", world.snowflake()).put("type", 2).put("guild_id", World.GUILD_ID)
                .put("name", body.path("name").asText()).put("position", 10).put("nsfw", false).put("bitrate", 64000)
                .put("user_limit", 0).put("rate_limit_per_user", 0).put("flags", 0).putNull("rtc_region");
        channel.set("parent_id", body.path("parent_id").isMissingNode() ? Json.object().nullNode() : body.path("parent_id"));
        ArrayNode overwrites = channel.putArray("permission_overwrites");
        for (JsonNode overwrite : body.path("permission_overwrites")) {
            overwrites.addObject().put("id", overwrite.path("id").asText()).put("type", overwrite.path("type").asInt())
                    .put("allow", overwrite.path("allow").asText("0")).put("deny", overwrite.path("deny").asText("0"));
        }
        world.created(channel);
        return Response.ok(channel);
    }

    /** The bot's permissions in a channel it created: the guild's, then @everyone's overwrite, then its own. */
    private long effective(ObjectNode channel) {
        long permissions = world.botPermissions();
        for (String target : List.of(World.GUILD_ID, World.BOT_ID)) {
            for (JsonNode overwrite : channel.path("permission_overwrites")) {
                if (overwrite.path("id").asText().equals(target)) {
                    permissions &= ~Long.parseLong(overwrite.path("deny").asText("0"));
                    permissions |= Long.parseLong(overwrite.path("allow").asText("0"));
                }
            }
        }
        return permissions;
    }

    private Response callback(String id, String token, JsonNode body) {
        Interaction interaction = interactions.get(id);
        if (interaction == null || !interaction.token.equals(token)) {
            violations.add("callback for unknown interaction " + id);
            return Response.error(404, 10062, "Unknown interaction");
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - interaction.injectedNanos);
        if (latency.compareTo(ackDeadline) > 0) {
            violations.add("interaction " + id + " acknowledged after " + latency.toMillis() + " ms");
            return Response.error(404, 10062, "Unknown interaction");
        }
        int type = body.path("type").asInt();
        JsonNode data = body.path("data");
        List<String> problems = switch (type) {
            case 4, 7 -> Limits.message(data, type == 4);
            case 8 -> Limits.choices(data);
            case 9 -> Limits.modal(data);
            default -> List.of();
        };
        if (!problems.isEmpty()) {
            violations.add("callback " + id + ": " + problems);
            return invalidForm(problems);
        }
        if (!interaction.callback.complete(new Callback(type, data, latency))) {
            violations.add("interaction " + id + " acknowledged twice");
            return Response.error(400, 40060, "Interaction has already been acknowledged.");
        }
        String channel = interactionChannel(interaction);
        if (type == 4) {
            create(channel, data, Optional.of(interaction.id), (data.path("flags").asInt() & EPHEMERAL) != 0);
        } else if (type == 5) {
            Response loading = create(channel, Json.object().put("content", ""), Optional.of(interaction.id),
                    (data.path("flags").asInt() & EPHEMERAL) != 0);
            interaction.loadingMessageId = loading.body.path("id").asText();
        }
        return new Response(204, null);
    }

    private String interactionChannel(Interaction interaction) {
        return interactionChannels.getOrDefault(interaction.id, World.GENERAL);
    }

    private Response followup(String token, JsonNode body) {
        Optional<Interaction> interaction = byToken(token);
        if (interaction.isEmpty() || !interaction.get().callback.isDone()) {
            violations.add("follow-up for an interaction that was never acknowledged");
            return Response.error(404, 10015, "Unknown Webhook");
        }
        String loading = interaction.get().loadingMessageId;
        if (loading != null) {
            interaction.get().loadingMessageId = null;
            Response resolved = edit(loading, body);
            if (resolved.status == 200) {
                interaction.get().followups.add(messages.get(loading));
            }
            return resolved;
        }
        Response created = create(interactionChannel(interaction.get()), body, Optional.empty(),
                (body.path("flags").asInt() & EPHEMERAL) != 0);
        if (created.status == 200) {
            interaction.get().followups.add(messages.get(created.body.path("id").asText()));
        }
        return created;
    }

    private Response webhookMessage(String method, String token, String messageId, JsonNode body) {
        Optional<Interaction> interaction = byToken(token);
        if (interaction.isEmpty() || !interaction.get().callback.isDone()) {
            violations.add("webhook message call for an interaction that was never acknowledged");
            return Response.error(404, 10015, "Unknown Webhook");
        }
        String id = messageId.equals("@original")
                ? messageOrder.stream().filter(m -> m.interactionId().equals(Optional.of(interaction.get().id)))
                        .map(Message::id).findFirst().orElse("")
                : messageId;
        if (method.equals("PATCH")) {
            if (id.equals(interaction.get().loadingMessageId)) {
                interaction.get().loadingMessageId = null;
            }
            return edit(id, body);
        }
        if (method.equals("DELETE")) {
            if (id.equals(interaction.get().loadingMessageId)) {
                interaction.get().loadingMessageId = null;
            }
            Message removed = messages.remove(id);
            messageOrder.remove(removed);
            return removed == null ? Response.error(404, 10008, "Unknown Message") : new Response(204, null);
        }
        Message message = messages.get(id);
        return message == null ? Response.error(404, 10008, "Unknown Message") : Response.ok(messageJson(message));
    }

    private Optional<Interaction> byToken(String token) {
        return interactions.values().stream().filter(i -> i.token.equals(token)).findFirst();
    }

    private Response create(String channelId, JsonNode data, Optional<String> interactionId, boolean ephemeral) {
        List<String> problems = Limits.message(data, interactionId.isEmpty());
        if (!problems.isEmpty()) {
            violations.add("message in " + channelId + ": " + problems);
            return invalidForm(problems);
        }
        // enforce_nonce: Discord returns the message a nonce already made (within minutes) instead of a copy.
        String nonce = data.path("enforce_nonce").asBoolean(false) ? data.path("nonce").asText("") : "";
        Message message = new Message(world.snowflake(), channelId, data, ephemeral, interactionId);
        if (!nonce.isEmpty()) {
            String first = nonces.putIfAbsent(channelId + "/" + nonce, message.id());
            if (first != null && messages.containsKey(first)) {
                return Response.ok(messageJson(messages.get(first)));
            }
        }
        if (Limits.couldPing(data)) {
            pings.add(message);
        }
        messages.put(message.id(), message);
        messageOrder.add(message);
        return Response.ok(messageJson(message));
    }

    private Response edit(String messageId, JsonNode changes) {
        Message old = messages.get(messageId);
        if (old == null) {
            violations.add("edit of unknown message " + messageId);
            return Response.error(404, 10008, "Unknown Message");
        }
        ObjectNode merged = ((ObjectNode) old.data().deepCopy());
        changes.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        List<String> problems = Limits.message(merged, false);
        if (!problems.isEmpty()) {
            violations.add("edit of " + messageId + ": " + problems);
            return invalidForm(problems);
        }
        Message updated = new Message(old.id(), old.channelId(), merged, old.ephemeral(), old.interactionId());
        if (Limits.couldPing(merged)) {
            pings.add(updated);
        }
        messages.put(old.id(), updated);
        return Response.ok(messageJson(updated));
    }

    private static Response invalidForm(List<String> problems) {
        ObjectNode error = Json.object().put("code", 50035).put("message", "Invalid Form Body");
        ObjectNode errors = error.putObject("errors");
        for (int i = 0; i < problems.size(); i++) {
            errors.putObject(Integer.toString(i)).putArray("_errors").addObject()
                    .put("code", "BASE_TYPE_MAX_LENGTH").put("message", problems.get(i));
        }
        return new Response(400, error);
    }

    private ObjectNode messageJson(Message message) {
        ObjectNode json = Json.object();
        json.put("id", message.id()).put("type", message.interactionId().isPresent() ? 20 : 0)
                .put("channel_id", message.channelId()).put("guild_id", world.guildOf(message.channelId()))
                .put("content", message.data().path("content").asText(""))
                .put("timestamp", "2026-01-01T00:00:00.000000+00:00").putNull("edited_timestamp")
                .put("tts", false).put("mention_everyone", false).put("pinned", false)
                .put("flags", message.ephemeral() ? EPHEMERAL : 0).put("application_id", World.APPLICATION_ID);
        if (message.interactionId().isPresent()) {
            json.put("webhook_id", World.APPLICATION_ID);
        }
        json.set("author", world.botUser());
        json.putArray("mentions");
        json.putArray("mention_roles");
        json.putArray("attachments");
        ArrayNode embeds = json.putArray("embeds");
        for (JsonNode embed : message.data().path("embeds")) {
            embeds.add(((ObjectNode) embed.deepCopy()).put("type", "rich"));
        }
        json.set("components", message.data().path("components").isArray() ? message.data().path("components") : Json.array());
        return json;
    }

    private static JsonNode body(String contentType, byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            int name = text.indexOf("name=\"payload_json\"");
            if (name < 0) {
                return Json.object();
            }
            int start = text.indexOf("\r\n\r\n", name) + 4;
            int end = text.indexOf("\r\n--", start);
            JsonNode payload = Json.parse(text.substring(start, end));
            attachFiles(payload, new String(raw, StandardCharsets.ISO_8859_1));
            return payload;
        }
        return Json.parse(text);
    }

    /**
     * Files come as parts {@code files[n]} beside the JSON; each is recorded on the payload's
     * attachment n as its size and bytes (base64), so tests can read what the bot uploaded.
     */
    private static void attachFiles(JsonNode payload, String bytes) {
        // An interaction callback wraps the message in "data"; a follow-up or channel message is the message.
        JsonNode message = payload.has("type") && payload.path("data").isObject() ? payload.get("data") : payload;
        if (!(message instanceof ObjectNode object)) {
            return;
        }
        ArrayNode attachments = object.has("attachments") && object.get("attachments").isArray()
                ? (ArrayNode) object.get("attachments") : object.putArray("attachments");
        Matcher part = Pattern.compile("name=\"files\\[(\\d+)]\"; filename=\"([^\"]*)\"").matcher(bytes);
        while (part.find()) {
            int start = bytes.indexOf("\r\n\r\n", part.end()) + 4;
            int end = bytes.indexOf("\r\n--", start);
            byte[] file = bytes.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
            int index = Integer.parseInt(part.group(1));
            ObjectNode attachment = null;
            for (JsonNode a : attachments) {
                if (a.path("id").asText().equals(Integer.toString(index))) {
                    attachment = (ObjectNode) a;
                }
            }
            if (attachment == null) {
                attachment = attachments.addObject().put("id", Integer.toString(index));
            }
            attachment.put("filename", part.group(2)).put("size", file.length)
                    .put("bytes_base64", java.util.Base64.getEncoder().encodeToString(file));
        }
    }

    @Override
    public void close() {
        rest.stop(0);
        restThreads.shutdownNow();
        try {
            gateway.stop(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
