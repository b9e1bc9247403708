package dev.prepbot.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's mock interview: solo, with the card, a countdown and the checklist to tick oneself. */
class ConsoleMockTest {

    @TempDir
    Path dir;

    private String run(String script) throws Exception {
        return ConsoleTest.run(script, Settings.fromEnvironment(Map.of("PREPBOT_SEARCH_MODEL", "off"))
                .withDatabase(dir.resolve("console.db").toString()));
    }

    @Test
    void aSoloMockShowsTheCardAndTicksTheChecklistIntoPractice() throws Exception {
        // Tick my answer, then: missed, and covered for every other key point (there are at most six).
        String out = run("""
                /mock solo topic:git minutes:2
                2
                3
                1
                1
                1
                1
                1
                /practice topic:git
                """);
        assertTrue(out.contains("Solo mock interview: 2 minutes"), out);
        assertTrue(out.contains("Key points") && out.contains("☐ "), out);
        assertTrue(out.contains("Then answer these follow-ups\n  1. "), out);
        assertTrue(out.contains("Key point 1 of "), out);
        assertTrue(out.contains("Your checklist") && out.contains("✗ ") && out.contains("(missed)"), out);
        assertTrue(out.contains("joins your /practice schedule"), out);
    }

    @Test
    void pairsNeedDiscordAndSaySo() throws Exception {
        String out = run("/mock start\n/mock queue\n");
        assertTrue(out.contains("Mock interviews in pairs need Discord. Try /mock solo"), out);
        assertTrue(out.contains("The queue needs Discord"), out);
    }
}
