package dev.prepbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The Discord gateway as JDA sees it: HELLO, then READY (the guild listed as unavailable) and
 * GUILD_CREATE after IDENTIFY, heartbeat acknowledgements, and dispatches such as INTERACTION_CREATE.
 */
final class FakeGateway extends WebSocketServer {

    private final World world;
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile WebSocket session;
    /** With sharding: the session of each shard, by shard id, and the total the clients identified with. */
    private final java.util.Map<Integer, WebSocket> shards = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<WebSocket, Integer> shardOfSession = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int total = 1;
    private final java.util.List<String> identified = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);

    FakeGateway(World world) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.world = world;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        ObjectNode hello = Json.object().put("op", 10);
        hello.putObject("d").put("heartbeat_interval", 41_250);
        conn.send(Json.write(hello));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode payload = Json.parse(message);
        switch (payload.path("op").asInt()) {
            case 1 -> conn.send(Json.write(Json.object().put("op", 11)));
            case 2 -> identify(conn, payload.path("d").path("shard"));
            // RESUME names the session, not the shard: answered as a fresh IDENTIFY of the shard it was on.
            case 6 -> identify(conn, resumedShard(payload.path("d").path("session_id").asText("")));
            default -> {
                // Presence and voice updates need no answer here.
            }
        }
    }

    private JsonNode resumedShard(String sessionId) {
        int id = sessionId.startsWith("fake-session-") ? Integer.parseInt(sessionId.substring("fake-session-".length())) : 0;
        return Json.array().add(id).add(total);
    }

    /**
     * IDENTIFY (or RESUME, answered as a fresh session): READY lists the guilds of the shard the client
     * asked for ({@code [id, total]}, {@code [0, 1]} when it sent none), then each guild's GUILD_CREATE.
     * A second session identifying with a shard already held takes its events over, as after a restart.
     */
    private void identify(WebSocket conn, JsonNode shard) {
        int id = shard.isArray() ? shard.path(0).asInt() : 0;
        int of = shard.isArray() ? shard.path(1).asInt(1) : 1;
        total = of;
        shards.put(id, conn);
        shardOfSession.put(conn, id);
        identified.add(id + "/" + of);
        if (id == 0) {
            session = conn;
        }
        java.util.List<World.Guild> guilds = world.guilds().stream()
                .filter(g -> World.shardOf(g.id(), of) == id).toList();
        ObjectNode ready = Json.object();
        ready.put("v", 10).put("session_id", "fake-session-" + id).put("resume_gateway_url", "ws://127.0.0.1:" + getPort());
        ready.set("user", world.botUser());
        var list = ready.putArray("guilds");
        guilds.forEach(g -> list.addObject().put("id", g.id()).put("unavailable", true));
        ready.putArray("private_channels");
        ready.putObject("application").put("id", World.APPLICATION_ID).put("flags", 0);
        ready.putArray("shard").add(id).add(of);
        send(conn, "READY", ready);
        for (World.Guild guild : guilds) {
            send(conn, "GUILD_CREATE", world.guildCreate(guild));
        }
        if (id == 0) {
            this.ready.countDown();
        }
    }

    /** Sends an event on the shard Discord routes it to: its guild's, or shard 0 for one without a guild. */
    void dispatch(String type, JsonNode data) {
        String guildId = data.path("guild_id").asText("");
        int shard = guildId.isEmpty() ? 0 : World.shardOf(guildId, total);
        WebSocket conn = shards.get(shard);
        if (conn == null || !conn.isOpen()) {
            throw new IllegalStateException("no gateway session is connected for shard " + shard + " of " + total);
        }
        send(conn, type, data);
    }

    private void send(WebSocket conn, String type, JsonNode data) {
        ObjectNode event = Json.object().put("op", 0).put("t", type).put("s", sequence.incrementAndGet());
        event.set("d", data);
        conn.send(Json.write(event));
    }

    /** The shards that have a connected session now. */
    java.util.Set<Integer> connectedShards() {
        java.util.Set<Integer> connected = new java.util.TreeSet<>();
        shards.forEach((id, conn) -> {
            if (conn.isOpen()) {
                connected.add(id);
            }
        });
        return connected;
    }

    /** Every IDENTIFY so far, as "shard/total". */
    java.util.List<String> identified() {
        return java.util.List.copyOf(identified);
    }

    boolean awaitSession(long millis) throws InterruptedException {
        return ready.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Integer shard = shardOfSession.remove(conn);
        if (shard != null) {
            shards.remove(shard, conn);
        }
        if (conn == session) {
            session = null;
            ready = new CountDownLatch(1);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // A client that disconnects abruptly is normal in tests that stop the bot.
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    void awaitStart() throws InterruptedException {
        started.await();
    }
}
