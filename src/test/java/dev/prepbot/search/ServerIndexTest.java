package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Question;
import dev.prepbot.testing.Questions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
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
                        "It replays the " + name + " journal.", "Checkpoint cp" + name + " bounds the replay."));
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

    @Test
    void anIndexForManyShardsIsKeptInAFolderWhoseNameTheFileSystemTakes() {
        ServerIndex.Scope many = new ServerIndex.Scope("shards " + IntStream.range(0, 200).boxed().toList() + " of 400",
                guild -> true);
        Map<String, List<Question>> byGuild = servers();
        Path folder = dir.resolve("servers-index");
        try (ServerIndex index = ServerIndex.open(Optional.of(folder), many, Optional::empty, Runnable::run)) {
            index.rebuild(byGuild.keySet(), byGuild::get);
            index.commit(3);
        }
        try (ServerIndex reopened = ServerIndex.open(Optional.of(folder), many, Optional::empty, Runnable::run)) {
            assertEquals(3, reopened.committedVersion().orElseThrow(), "kept on disk, not only in memory");
        }
        Path kept = many.folderBeside(folder);
        assertTrue(Files.isDirectory(kept));
        assertTrue(kept.getFileName().toString().length() < 100, kept.getFileName().toString());
        ServerIndex.Scope oneMore = new ServerIndex.Scope("shards " + IntStream.range(0, 201).boxed().toList() + " of 400",
                guild -> true);
        assertNotEquals(kept, oneMore.folderBeside(folder), "labels alike at the start still keep apart");
    }

    /**
     * A model that is not there until {@link #arrive()}; the next one to ask can be told "not yet" while
     * it arrives, as a server's indexing that looked just before it did.
     */
    private static final class ArrivingModel implements java.util.function.Supplier<Optional<Embedder>> {
        final WordHashEmbedder embedder = new WordHashEmbedder();
        private volatile boolean here;
        private volatile boolean nextAskIsLate;

        void arrive() {
            here = true;
        }

        void arriveJustAfterTheNextAsk() {
            nextAskIsLate = true;
            here = true;
        }

        @Override
        public Optional<Embedder> get() {
            if (nextAskIsLate) {
                nextAskIsLate = false;
                return Optional.empty();
            }
            return here ? Optional.of(embedder) : Optional.empty();
        }
    }

    @Test
    void questionsIndexedBeforeTheModelWasReadyGetTheirVectorsOnceItIs() {
        Map<String, List<Question>> byGuild = servers();
        ArrivingModel model = new ArrivingModel();
        try (ServerIndex index = ServerIndex.open(Optional.empty(), model, Runnable::run)) {
            index.rebuild(byGuild.keySet(), byGuild::get);
            assertEquals(0, index.embedMissing((guild, id) -> find(byGuild, guild, id)), "nothing to embed with");
            model.arrive();
            assertEquals(200, index.embedMissing((guild, id) -> find(byGuild, guild, id)));
            assertEquals(200, model.embedder.embedded.get());
            assertEquals(0, index.embedMissing((guild, id) -> find(byGuild, guild, id)), "every question has its vector");
            assertEquals(200, index.size());
        }
    }

    @Test
    void theModelArrivingWhileAllTheTextIsIndexedLeavesEveryQuestionWithAllOfItsTextAndItsVector() {
        Map<String, List<Question>> byGuild = servers();
        List<String> guilds = List.copyOf(byGuild.keySet());
        ArrivingModel model = new ArrivingModel();
        try (ServerIndex index = ServerIndex.open(Optional.empty(), model, Runnable::run)) {
            assertEquals(SearchIndex.Coverage.SHORT_TEXT,
                    index.rebuild(guilds, byGuild::get, SearchIndex.Coverage.SHORT_TEXT));
            assertTrue(index.search(guilds.get(0), "cpzeta0x1", Optional.empty(), 3).isEmpty(), "short text only");
            for (int g = 0; g < guilds.size(); g++) {
                String guild = guilds.get(g);
                if (g == 5) {
                    // The model arrives while this server's questions are indexed without it.
                    model.arriveJustAfterTheNextAsk();
                } else if (g == 10) {
                    // The questions that lack vectors get them, as the model's loader does once it is ready;
                    // then a server indexed by a pass that looked for the model just before it came.
                    index.embedMissing((server, id) -> find(byGuild, server, id));
                    model.arriveJustAfterTheNextAsk();
                }
                index.indexAllText(guild, byGuild.get(guild));
            }
            index.allTextIndexed(true);

            assertEquals(0, index.embedMissing((guild, id) -> find(byGuild, guild, id)), "every question has its vector");
            assertEquals(200, index.size(), "each question once");
            for (int g = 0; g < guilds.size(); g++) {
                for (int i = 0; i < 5; i++) {
                    assertEquals("own-" + g + "-" + i, firstFound(index, guilds.get(g), "cpzeta" + g + "x" + i),
                            "all of the text of server " + g);
                }
            }
        }
    }

    private static Question find(Map<String, List<Question>> byGuild, String guild, String id) {
        return byGuild.get(guild).stream().filter(q -> q.id().equals(id)).findFirst().orElse(null);
    }

    @Test
    void closingBeforeAllOfTheTextIsIndexedGivesItUpAndTheNextStartBuildsAgain() {
        Map<String, List<Question>> byGuild = servers();
        List<Runnable> neverRun = new ArrayList<>();
        Path folder = dir.resolve("servers-index");
        ServerIndex index = ServerIndex.open(Optional.of(folder), Optional::empty, neverRun::add);
        index.rebuild(byGuild.keySet(), byGuild::get, SearchIndex.Coverage.SHORT_TEXT);
        index.commit(7);
        String guild = byGuild.keySet().iterator().next();
        index.indexAllText(guild, byGuild.get(guild));

        long started = System.nanoTime();
        index.closeWithin(Duration.ofMillis(100));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0,
                "a stop does not wait for the rest of the text");
        assertTrue(index.givenUp());

        try (ServerIndex reopened = ServerIndex.open(Optional.of(folder), Optional::empty)) {
            assertTrue(reopened.committedVersion().isEmpty(), "an index holding short text is built again");
        }
    }

    @Test
    void closingAfterAllOfTheTextIsIndexedKeepsTheIndexForTheNextStart() {
        Map<String, List<Question>> byGuild = servers();
        Path folder = dir.resolve("servers-index");
        ServerIndex index = ServerIndex.open(Optional.of(folder), Optional::empty, Runnable::run);
        index.rebuild(byGuild.keySet(), byGuild::get, SearchIndex.Coverage.SHORT_TEXT);
        byGuild.forEach(index::indexAllText);
        index.allTextIndexed(true);
        index.commit(7);
        index.closeWithin(Duration.ZERO);
        assertFalse(index.givenUp());

        try (ServerIndex reopened = ServerIndex.open(Optional.of(folder), Optional::empty)) {
            assertEquals(7, reopened.committedVersion().orElseThrow());
            assertEquals(1, reopened.segments());
            assertEquals("own-3-2", firstFound(reopened, byGuild.keySet().stream().skip(3).findFirst().orElseThrow(),
                    "cpzeta3x2"));
        }
    }
}
