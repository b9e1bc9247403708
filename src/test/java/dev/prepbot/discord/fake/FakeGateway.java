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
            case 2, 6 -> identify(conn);
            default -> {
                // Presence and voice updates need no answer here.
            }
        }
    }

    private void identify(WebSocket conn) {
        session = conn;
        ObjectNode ready = Json.object();
        ready.put("v", 10).put("session_id", "fake-session").put("resume_gateway_url", "ws://127.0.0.1:" + getPort());
        ready.set("user", world.botUser());
        ready.putArray("guilds").addObject().put("id", World.GUILD_ID).put("unavailable", true);
        ready.putArray("private_channels");
        ready.putObject("application").put("id", World.APPLICATION_ID).put("flags", 0);
        ready.putArray("shard").add(0).add(1);
        dispatch("READY", ready);
        dispatch("GUILD_CREATE", world.guildCreate());
        this.ready.countDown();
    }

    void dispatch(String type, JsonNode data) {
        WebSocket conn = session;
        if (conn == null || !conn.isOpen()) {
            throw new IllegalStateException("no gateway session is connected");
        }
        ObjectNode event = Json.object().put("op", 0).put("t", type).put("s", sequence.incrementAndGet());
        event.set("d", data);
        conn.send(Json.write(event));
    }

    boolean awaitSession(long millis) throws InterruptedException {
        return ready.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
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
