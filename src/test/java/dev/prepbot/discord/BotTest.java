package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class of its own bot, run through the real JDA client against the fake Discord: one bot for
 * the class, and after every test nothing Discord would refuse and no one pinged. A class that needs
 * another configuration declares its own static {@code startBot()}, which hides this one.
 */
abstract class BotTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static RunningBot running;
    static FakeDiscord discord;

    @BeforeAll
    static void startBot() throws Exception {
        running = RunningBot.start(Map.of());
        discord = running.discord;
    }

    @AfterAll
    static void stopBot() {
        running.close();
    }

    @AfterEach
    void nothingDiscordWouldRefuse() {
        assertEquals(List.of(), discord.violations());
        assertEquals(List.of(), discord.pings());
    }

    /** The member presses the button with this label on the message; returns the reply. */
    static FakeDiscord.Message press(World.User user, FakeDiscord.Message message, String label) {
        JsonNode button = message.buttons().stream().filter(b -> b.path("label").asText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " in " + message.buttons()));
        return discord.awaitReply(discord.click(user, message, button.path("custom_id").asText()), WAIT);
    }
}
