package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class RestConnectionsTest {

    private static final int BURST = 40;

    @Test
    void aBurstOfRepliesKeepsItsConnectionsOpenForTheNextBurst() throws Exception {
        Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService serverThreads = Executors.newFixedThreadPool(BURST);
        ExecutorService callers = Executors.newFixedThreadPool(BURST);
        // Each burst's requests are all in flight at once, as a crowd's replies are.
        CountDownLatch[] burst = {new CountDownLatch(BURST)};
        server.createContext("/", exchange -> {
            try (exchange) {
                connections.add(exchange.getRemoteAddress());
                CountDownLatch together = burst[0];
                together.countDown();
                together.await(10, TimeUnit.SECONDS);
                byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(serverThreads);
        server.start();
        try {
            OkHttpClient client = RestConnections.clientBuilder().build();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
            send(client, callers, url);
            assertEquals(BURST, connections.size());
            assertEquals(BURST, client.connectionPool().idleConnectionCount(), "connections kept open after the burst");

            burst[0] = new CountDownLatch(BURST);
            send(client, callers, url);
            assertEquals(BURST, connections.size(), "the second burst opened no new connection");
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
            callers.shutdownNow();
        }
    }

    private static void send(OkHttpClient client, ExecutorService callers, String url) throws Exception {
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            replies.add(callers.submit(() -> {
                try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                    response.body().string();
                    return response.code();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Future<Integer> reply : replies) {
            assertEquals(200, reply.get(20, TimeUnit.SECONDS));
        }
    }
}
