package dev.prepbot.discord;

import dev.prepbot.Settings;
import dev.prepbot.commands.Commands;
import dev.prepbot.daily.DailyChannels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepbot on Discord: connects with JDA (the GUILDS intent, which JDA always sends, so the guild
 * and its channels are cached, and GUILD_VOICE_STATES for mock interview voice rooms; no privileged
 * intents: slash commands need none),
 * registers the slash commands globally or to one guild, and serves them until closed.
 */
public final class DiscordBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    private final Connection connection;
    private final ExecutorService workers;
    private final ExecutorService commandWorkers;

    private DiscordBot(Connection connection, ExecutorService workers, ExecutorService commandWorkers) {
        this.connection = connection;
        this.workers = workers;
        this.commandWorkers = commandWorkers;
    }

    /** Said when there is no token to connect with, before anything else is done. */
    public static final String NO_TOKEN =
            "DISCORD_TOKEN is not set: set it to your bot's token, or run 'prepbot console' to try Prepbot without Discord.";

    /** A startup problem, told in one sentence that never contains the token. */
    public static final class StartupException extends Exception {
        public StartupException(String message) {
            super(message);
        }
    }

    /** Said when Discord answers the token with 401 Unauthorized. */
    static final String REJECTED_TOKEN =
            "Discord rejected the token in DISCORD_TOKEN: check that it is the bot token of your application.";

    private static final Duration TOKEN_CHECK_WAIT = Duration.ofSeconds(10);

    /**
     * Asks Discord who the token belongs to (one {@code GET users/@me}) before anything else starts, and
     * fails only when Discord says 401: a bad token is then told at once, not after the bank is indexed and
     * the sentence models are loaded, and before JDA has threads of its own to stop (stopped during
     * its login, they log their interruption). Anything else (no network, a rate limit, an outage)
     * is left for the connection itself to report.
     */
    public static void checkToken(Settings settings) throws StartupException {
        String token = settings.token().orElseThrow(() -> new StartupException(NO_TOKEN));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(withSlash(apiBase(settings)) + "users/@me"))
                .header("Authorization", "Bot " + token)
                .header("User-Agent", RestConfig.USER_AGENT)
                .timeout(TOKEN_CHECK_WAIT)
                .GET()
                .build();
        int status;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TOKEN_CHECK_WAIT).build()) {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while checking the token with Discord.");
        }
        if (status == 401) {
            throw new StartupException(REJECTED_TOKEN);
        }
    }

    /**
     * Connects, builds the commands on this connection's channels, then listens and registers them.
     * Interactions that arrive before the listener is added are simply not seen, as Discord allows.
     */
    public static DiscordBot start(Settings settings, Function<DailyChannels, Commands> commandsFor)
            throws StartupException {
        return start(settings, commandsFor, InteractionListener.ANSWER_WITHIN);
    }

    /** The same, deferring every reply not ready within {@code answerWithin} (tests make it zero). */
    static DiscordBot start(Settings settings, Function<DailyChannels, Commands> commandsFor, Duration answerWithin)
            throws StartupException {
        String token = settings.token().orElseThrow(() -> new StartupException(NO_TOKEN));
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        Connection connection = settings.shards().isPresent()
                ? Sharding.connect(settings, token, settings.shards().get(), workers)
                : connectSingle(settings, token, workers);
        // Commands are work for the processor (search, rendering): a pool the size of the machine answers
        // a burst first come, first served, where a thread each would share the cores among all of them
        // and answer every one late. Clicks mostly wait for a commit, so they keep a virtual thread each.
        ExecutorService commandWorkers = Executors.newFixedThreadPool(
                Math.max(2, 2 * Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().name("prepbot-command-", 0).daemon(true).factory());
        DiscordBot bot = new DiscordBot(connection, workers, commandWorkers);
        DiscordRenderer renderer = new DiscordRenderer();
        Commands commands;
        try {
            commands = commandsFor.apply(new JdaChannels(connection.channels(), renderer));
        } catch (RuntimeException e) {
            bot.close();
            throw new StartupException(Secrets.redact(e.getMessage(), token));
        }
        // The first member's command should not pay for loading classes and compiling cold code.
        new Warmup(commands, renderer).run();
        connection.addEventListener(new InteractionListener(commands, renderer, commandWorkers, workers, answerWithin));
        bot.register(settings, commands);
        log.info("Prepbot is connected as {} and serves {} commands", connection.selfName(), commands.specs().size());
        return bot;
    }

    /** One JDA session for every guild: the bot without PREPBOT_SHARDS. */
    private static Connection connectSingle(Settings settings, String token, ExecutorService workers)
            throws StartupException {
        JDABuilder builder = JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .setEnableShutdownHook(false)
                .setHttpClientBuilder(RestConnections.clientBuilder());
        JdaRooms.watchVoice(builder);
        settings.discordApi().ifPresent(api -> builder.setRestConfig(new RestConfig().setBaseUrl(withSlash(api))));
        settings.discordGateway().ifPresent(gateway -> builder
                .setSessionController(new FixedGatewaySessionController(gateway))
                .setCompression(Compression.NONE));
        JDA jda;
        try {
            jda = builder.build();
            jda.awaitReady();
        } catch (InvalidTokenException e) {
            workers.shutdownNow();
            throw new StartupException(REJECTED_TOKEN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
            throw new StartupException("Interrupted while connecting to Discord.");
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw new StartupException("Cannot connect to Discord at " + apiBase(settings)
                    + " (" + Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), token) + ").");
        }
        return new Connection.Single(jda);
    }

    private void register(Settings settings, Commands commands) throws StartupException {
        var data = SlashCommands.of(commands.specs());
        if (settings.guildId().isPresent()) {
            Guild guild = connection.guild(settings.guildId().get()).orElse(null);
            if (guild == null) {
                close();
                throw new StartupException("The bot is not in the server PREPBOT_GUILD_ID=" + settings.guildId().get()
                        + "; invite it first (see the README) or unset PREPBOT_GUILD_ID.");
            }
            guild.updateCommands().addCommands(data).complete();
        } else {
            connection.registerGlobally(data);
        }
    }

    /** The connection as the health line tells it: shards connected out of those held, and guilds seen. */
    public record Status(int shardsConnected, int shardsHeld, long guilds) {
    }

    public Status status() {
        return connection.status();
    }

    /** The channels of every server the bot holds, for tests that look at what JDA sees. */
    net.dv8tion.jda.api.entities.channel.attribute.IGuildChannelContainer<net.dv8tion.jda.api.entities.channel.Channel>
            channels() {
        return connection.channels();
    }

    /** Blocks until the bot is shut down. */
    public void awaitShutdown() throws InterruptedException {
        connection.awaitShutdown();
    }

    @Override
    public void close() {
        connection.close();
        workers.shutdown();
        commandWorkers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            commandWorkers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Discord's REST address as the settings give it (a proxy, the tests' fake), else Discord's own. */
    static String apiBase(Settings settings) {
        return settings.discordApi().orElse(RestConfig.DEFAULT_BASE_URL);
    }

    static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** Points JDA at a fixed gateway URL (a proxy, or the tests' fake Discord) instead of asking Discord. */
    private static final class FixedGatewaySessionController extends SessionControllerAdapter {
        private final String gateway;

        FixedGatewaySessionController(String gateway) {
            this.gateway = gateway;
        }

        @Override
        public String getGateway() {
            return gateway;
        }
    }
}
