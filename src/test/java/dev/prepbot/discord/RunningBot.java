package dev.prepbot.discord;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.testing.Scratch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The bot as `prepbot run` starts it, connected to a fresh fake Discord, with its own database. */
final class RunningBot implements AutoCloseable {

    final FakeDiscord discord;
    final App app;
    final DiscordBot bot;

    private RunningBot(FakeDiscord discord, App app, DiscordBot bot) {
        this.discord = discord;
        this.app = app;
        this.bot = bot;
    }

    /** Starts it; {@code extraEnv} adds configuration such as PREPBOT_BANK. */
    static RunningBot start(Map<String, String> extraEnv) throws Exception {
        return start(extraEnv, InteractionListener.ANSWER_WITHIN);
    }

    /** Starts it deferring every reply not ready within {@code answerWithin}: zero defers them all. */
    static RunningBot start(Map<String, String> extraEnv, Duration answerWithin) throws Exception {
        return start(extraEnv, answerWithin, world -> { });
    }

    /** Starts it on a world {@code before} prepared, such as a second server, before the bot connects. */
    static RunningBot start(Map<String, String> extraEnv, Duration answerWithin,
                            java.util.function.Consumer<dev.prepbot.discord.fake.World> before) throws Exception {
        Path dir = Scratch.directory("prepbot-bot");
        FakeDiscord discord = FakeDiscord.start();
        before.accept(discord.world());
        Map<String, String> env = new HashMap<>(Map.of(
                "DISCORD_TOKEN", "test-token-not-a-secret",
                "PREPBOT_DISCORD_API", discord.restBaseUrl(),
                "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                "PREPBOT_DB", dir.resolve("prepbot.db").toString(),
                // The Discord tests are about Discord; search by meaning has tests of its own, and loading the
                // model beside a running bot would only compete for the two cores the timings rely on.
                "PREPBOT_SEARCH_MODEL", "off"));
        env.putAll(extraEnv);
        Settings settings = Settings.fromEnvironment(env);
        App app = App.startShared(settings);
        DiscordBot bot = DiscordBot.start(settings, app::commands, answerWithin);
        discord.awaitConnected(Duration.ofSeconds(10));
        return new RunningBot(discord, app, bot);
    }

    /**
     * Stops this bot as a restart would, then starts a new one on the same fake Discord and the same
     * database; the fake keeps the channels and threads the first one made, as Discord does.
     */
    RunningBot restart() throws Exception {
        bot.close();
        app.close();
        App again = App.startShared(app.settings());
        DiscordBot next = DiscordBot.start(app.settings(), again::commands, InteractionListener.ANSWER_WITHIN);
        return new RunningBot(discord, again, next);
    }

    @Override
    public void close() {
        bot.close();
        app.close();
        discord.close();
    }
}
