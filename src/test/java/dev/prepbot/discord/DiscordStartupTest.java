package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** Starting, stopping and restarting the bot against the fake Discord. */
class DiscordStartupTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-test-token";

    @TempDir
    static Path dir;

    private static Settings settings(FakeDiscord discord, String token) {
        return Settings.fromEnvironment(Map.of("DISCORD_TOKEN", token, "PREPBOT_DB", dir.resolve("bot.db").toString(),
                "PREPBOT_DISCORD_API", discord.restBaseUrl(), "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl()));
    }

    @Test
    void noTokenIsOneClearSentence() throws Exception {
        try (App app = App.startShared(Settings.fromEnvironment(Map.of()))) {
            DiscordBot.StartupException e = assertThrows(DiscordBot.StartupException.class,
                    () -> DiscordBot.start(Settings.fromEnvironment(Map.of()), app::commands));
            assertTrue(e.getMessage().startsWith("DISCORD_TOKEN is not set"), e.getMessage());
        }
    }

    @Test
    void aRejectedTokenIsOneClearSentenceWithoutTheToken() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start(); App app = App.startShared(settings(discord, TOKEN))) {
            discord.rejectToken(true);
            DiscordBot.StartupException e = assertThrows(DiscordBot.StartupException.class,
                    () -> DiscordBot.start(settings(discord, TOKEN), app::commands));
            assertTrue(e.getMessage().startsWith("Discord rejected the token"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }

    @Test
    void theTokenCheckTellsARejectedTokenWithoutConnecting() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            DiscordBot.checkToken(settings(discord, TOKEN));
            discord.rejectToken(true);
            DiscordBot.StartupException e = assertThrows(DiscordBot.StartupException.class,
                    () -> DiscordBot.checkToken(settings(discord, TOKEN)));
            assertEquals(DiscordBot.REJECTED_TOKEN, e.getMessage());
            assertEquals(List.of(), discord.identified(), "the check only asks who the token belongs to");
        }
    }

    @Test
    void theTokenCheckLeavesAnUnreachableDiscordToTheConnection() throws Exception {
        Settings unreachable = Settings.fromEnvironment(Map.of("DISCORD_TOKEN", TOKEN,
                "PREPBOT_DISCORD_API", "http://127.0.0.1:9/api/v10/"));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> DiscordBot.checkToken(unreachable));
    }

    @Test
    void noNetworkIsOneClearSentenceWithoutTheToken() throws Exception {
        Settings unreachable = Settings.fromEnvironment(Map.of("DISCORD_TOKEN", TOKEN, "PREPBOT_DB", dir.resolve("u.db").toString(),
                "PREPBOT_DISCORD_API", "http://127.0.0.1:9/api/v10/", "PREPBOT_DISCORD_GATEWAY", "ws://127.0.0.1:9"));
        try (App app = App.startShared(unreachable)) {
            DiscordBot.StartupException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    assertThrows(DiscordBot.StartupException.class, () -> DiscordBot.start(unreachable, app::commands)));
            assertTrue(e.getMessage().startsWith("Cannot connect to Discord at http://127.0.0.1:9/api/v10/"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }

    @Test
    void aButtonFromBeforeARestartStillWorks() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start(); App app = App.startShared(settings(discord, TOKEN))) {
            FakeDiscord.Message reply;
            try (DiscordBot before = DiscordBot.start(settings(discord, TOKEN), app::commands)) {
                discord.awaitConnected(WAIT);
                reply = discord.awaitReply(discord.slash(World.ADA, World.GENERAL, "answer",
                        Map.of("question", "python-gil")), WAIT);
            }
            try (DiscordBot after = DiscordBot.start(settings(discord, TOKEN), app::commands)) {
                discord.awaitConnected(WAIT);
                FakeDiscord.Message story = discord.awaitReply(discord.click(World.BOB, reply, reply.customIds().get(2)), WAIT);
                assertTrue(story.text().contains("Production story"), story.text());
            }
            assertEquals(List.of(), discord.violations());
        }
    }
}
