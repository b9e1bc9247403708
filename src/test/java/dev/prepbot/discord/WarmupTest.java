package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.Reply;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupTest {

    @TempDir
    Path dir;

    /**
     * A warm-up search that found nothing would warm only the "no match" path, not the spell checker,
     * the prefix automaton or the words written with symbols it is there for.
     */
    @Test
    void everyWarmUpSearchFindsQuestionsInTheBuiltInBank() throws Exception {
        Settings settings = Settings.fromEnvironment(Map.of("PREPBOT_DB", dir.resolve("bot.db").toString(),
                "PREPBOT_SEARCH_MODEL", "off"));
        try (App app = App.startShared(settings)) {
            Commands commands = app.commands(null);
            Caller member = new Caller("1", "member", Optional.of("2"), "3", false);
            for (String query : Warmup.SEARCHES) {
                Reply reply = commands.handle(new CommandRequest("search", Optional.empty(), Map.of("query", query), member));
                Reply.Card results = assertInstanceOf(Reply.Card.class, reply, query);
                assertTrue(results.menu().isPresent() && !results.menu().get().options().isEmpty(), query);
            }
        }
    }
}
