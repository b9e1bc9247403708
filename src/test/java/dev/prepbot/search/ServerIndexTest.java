package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Question;
import dev.prepbot.testing.Questions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIndexTest {

    @TempDir
    Path dir;

    /** Forty servers with five questions each, every question naming its own pipeline. */
    private static Map<String, List<Question>> servers() {
        Map<String, List<Question>> byGuild = new LinkedHashMap<>();
        for (int s = 0; s < 40; s++) {
            List<Question> own = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String name = "zeta" + s + "x" + i;
                own.add(Questions.of("own-" + s + "-" + i, "acme-onsite", "How does pipeline " + name + " recover?",
                        "It replays the " + name + " journal.", "Checkpoints bound the replay."));
            }
            byGuild.put(Long.toString(400_000_000_000_000_000L + s), own);
        }
        return byGuild;
    }

    private static String firstFound(ServerIndex index, String guild, String text) {
        return index.search(guild, text, Optional.empty(), 3).get(0).id();
    }

    @Test
    void aRebuiltIndexIsSearchedAtOnceAndMergedIntoOneSegmentAfter() {
        Map<String, List<Question>> byGuild = servers();
        String guild = byGuild.keySet().iterator().next();
        List<Runnable> merging = new ArrayList<>();
        Path folder = dir.resolve("servers-index");
        try (ServerIndex index = ServerIndex.open(Optional.of(folder), Optional::empty, merging::add)) {
            index.rebuild(byGuild.keySet(), byGuild::get);
            assertFalse(index.awaitMerged(Duration.ZERO), "the merge waits for its thread");
            assertEquals("own-0-3", firstFound(index, guild, "pipeline zeta0x3 recover"));
            assertEquals(200, index.size());

            assertEquals(1, merging.size());
            merging.get(0).run();
            assertTrue(index.awaitMerged(Duration.ZERO));
            assertEquals(1, index.segments(), "each search seeks its words in one segment");
            assertEquals("own-0-3", firstFound(index, guild, "pipeline zeta0x3 recover"));
            index.commit(7);
        }
        try (ServerIndex reopened = ServerIndex.open(Optional.of(folder), Optional::empty)) {
            assertEquals(1, reopened.segments(), "the next start reads the merged index");
            assertEquals(7, reopened.committedVersion().orElseThrow());
        }
    }
}
