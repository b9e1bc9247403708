package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.testing.PrepbotProcess;
import dev.prepbot.testing.TestCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real process: `prepbot run` against the fake Discord, stopped with SIGTERM. */
class BotProcessTest {

    private static final String TOKEN = "NzkyNzE1NDU0MTk2MDg4ODQy.process-test-secret";

    @TempDir
    Path dir;

    private Process launch(FakeDiscord discord, Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(PrepbotProcess.command(args))
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().put("XDG_CACHE_HOME", TestCache.folder().toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void theBotRegistersToItsGuildServesAndStopsCleanlyOnSigterm() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            Process bot = launch(discord, Map.of("DISCORD_TOKEN", TOKEN,
                    "PREPBOT_GUILD_ID", World.GUILD_ID,
                    "PREPBOT_DISCORD_API", discord.restBaseUrl(),
                    "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                    "PREPBOT_DB", dir.resolve("bot.db").toString()), "run");
            try {
                discord.awaitConnected(Duration.ofSeconds(30));
                discord.awaitTrue(() -> discord.calls().stream().anyMatch(c -> c.method().equals("PUT")
                        && c.path().equals("applications/" + World.APPLICATION_ID + "/guilds/" + World.GUILD_ID + "/commands")),
                        Duration.ofSeconds(30), "the commands are registered to the guild");
                JsonNode data = discord.awaitCallback(discord.slash(World.ADA, World.GENERAL, "topics", Map.of()),
                        Duration.ofSeconds(10)).data();
                assertTrue(data.toString().contains("questions in"), data.toString());
            } finally {
                bot.destroy();
            }
            assertTrue(bot.waitFor(30, TimeUnit.SECONDS), "the bot stops");
            String err = Files.readString(dir.resolve("err.txt"));
            assertEquals(0, bot.exitValue(), err);
            assertTrue(err.contains("prepbot: stopped"), err);
            assertFalse(err.contains(TOKEN) || Files.readString(dir.resolve("out.txt")).contains(TOKEN), "the token is never printed");
        }
    }

    @Test
    void aRejectedTokenIsOneLineAndExitCodeOne() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            discord.rejectToken(true);
            Process bot = launch(discord, Map.of("DISCORD_TOKEN", TOKEN,
                    "PREPBOT_DISCORD_API", discord.restBaseUrl(),
                    "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                    "PREPBOT_DB", dir.resolve("bot.db").toString()));
            assertTrue(bot.waitFor(30, TimeUnit.SECONDS));
            String err = Files.readString(dir.resolve("err.txt"));
            assertEquals(1, bot.exitValue(), err);
            assertTrue(err.strip().endsWith("prepbot: Discord rejected the token in DISCORD_TOKEN: check that it is the bot token of your application."), err);
            assertFalse(err.contains(TOKEN), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
        }
    }
}
