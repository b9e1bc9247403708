package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile text in every string option of every registered command, and in autocomplete: every
 * interaction is answered, nothing Discord would refuse is sent, and nothing can ping.
 */
class DiscordHostileInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    static final List<String> HOSTILE = List.of(
            "@everyone", "@here hi", "<@400000000000000001>", "<@&300000000000000001> <@!400000000000000002>",
            "```unclosed code", "||spoiler", "\u200b\u200e\u202eevil\u202c", "🙂".repeat(300), "x".repeat(5_000),
            "**bold** _it_ ~~gone~~ > quote\n# heading\n- item [link](https://example.com)", "( \" * AND ~ : ? / \\ -",
            "\u0000\u0007 control", "python");

    private static RunningBot running;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws Exception {
        running = RunningBot.start(Map.of());
        discord = running.discord;
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static Object filler(JsonNode option) {
        return switch (option.path("type").asInt()) {
            case 4 -> 1L;
            case 5 -> Boolean.TRUE;
            case 6 -> World.BOB.id();
            case 7 -> new FakeDiscord.ChannelRef(World.GENERAL);
            default -> option.path("name").asText().equals("time") ? "09:00"
                    : option.path("name").asText().equals("timezone") ? "Europe/Berlin" : "tcp";
        };
    }

    private static void sendEachHostileValue(String command, Optional<String> sub, JsonNode options) {
        for (JsonNode target : options) {
            if (target.path("type").asInt() != 3) {
                continue;
            }
            for (String hostile : HOSTILE) {
                Map<String, Object> values = new HashMap<>();
                for (JsonNode option : options) {
                    if (option.path("required").asBoolean() || option == target) {
                        values.put(option.path("name").asText(), option == target ? hostile : filler(option));
                    }
                }
                World.User user = discord.world().addUser("hostile", true);
                var interaction = discord.slash(user, World.GENERAL, command, sub, values);
                discord.awaitCallback(interaction, WAIT);
            }
        }
    }

    @Test
    void hostileTextInEveryOptionOfEveryCommandIsAnsweredSafely() {
        JsonNode commands = discord.registeredCommands();
        for (JsonNode command : commands) {
            String name = command.path("name").asText();
            boolean hasSubcommands = false;
            for (JsonNode option : command.path("options")) {
                if (option.path("type").asInt() == 1) {
                    hasSubcommands = true;
                    sendEachHostileValue(name, Optional.of(option.path("name").asText()), option.path("options"));
                }
            }
            if (!hasSubcommands) {
                sendEachHostileValue(name, Optional.empty(), command.path("options"));
            }
        }
        // Stop any round a hostile-but-valid option may have started.
        discord.awaitCallback(discord.slash(World.ADA, World.GENERAL, "quiz", Optional.of("stop"), Map.of()), WAIT);
        assertEquals(List.of(), discord.violations());
        assertEquals(List.of(), discord.pings());
    }

    @Test
    void hostileTextInAutocompleteGetsValidChoices() {
        for (String hostile : HOSTILE) {
            World.User user = discord.world().addUser("typist", false);
            discord.awaitCallback(discord.autocomplete(user, World.GENERAL, "answer", "question", hostile), WAIT);
            discord.awaitCallback(discord.autocomplete(user, World.GENERAL, "daily", "timezone", hostile), WAIT);
        }
        assertEquals(List.of(), discord.violations());
    }
}
