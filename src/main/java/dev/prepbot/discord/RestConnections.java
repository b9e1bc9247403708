package dev.prepbot.discord;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The HTTP client JDA sends Prepbot's replies through. JDA's own keeps five idle connections: over
 * HTTP/1.1 (a REST proxy in front of Discord, or the fake Discord of the tests) a crowd's hundreds of
 * replies in flight opened a connection each and closed all but five once answered, so the next
 * burst paid for new connections again: a crowd of 5,000 clicks opened 1,900 to 2,500. Keeping up to
 * {@link #IDLE_CONNECTIONS} open for a minute lets a burst reuse them (80 to 220 opened). Over HTTP/2, as to Discord
 * itself, every request shares one connection and the pool's size does not matter.
 */
final class RestConnections {

    /** More than the replies a crowd of thousands has in flight at once here (under 250 measured). */
    static final int IDLE_CONNECTIONS = 256;
    static final long KEEP_ALIVE_SECONDS = 60;

    private RestConnections() {
    }

    /** A new client builder; JDA builds the client from it, one per session or shard manager. */
    static OkHttpClient.Builder clientBuilder() {
        Dispatcher dispatcher = new Dispatcher();
        // JDA's default, kept: it bounds only asynchronous calls, and JDA's requests are synchronous.
        dispatcher.setMaxRequestsPerHost(25);
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS))
                .dispatcher(dispatcher);
    }
}
