package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Progress;
import dev.prepbot.commands.RateLimit;
import dev.prepbot.search.Embedder;
import dev.prepbot.testing.BankFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppStartTest {

    @TempDir
    Path dir;

    private final List<String> steps = new ArrayList<>();
    private final Progress recorded = (step, done, total) -> {
        if (!steps.contains(step)) {
            steps.add(step);
        }
    };

    private Settings settings() {
        return settings(dir.resolve("bank"));
    }

    private Settings settings(Path bank) {
        // The sentence model loads in the background and reports its own progress; this test is about the
        // start before it, so it keeps to words (the vectors' cache has a test of its own).
        return Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(),
                        "PREPBOT_SEARCH_MODEL", "off"))
                .withBanks(List.of(bank));
    }

    @Test
    void anUnchangedBankStartsFromItsSnapshotWithoutParsingOrIndexing() throws Exception {
        BankFiles.write(dir.resolve("bank").resolve("a.json"), "starting",
                BankFiles.question("start-one", "starting"), BankFiles.question("start-two", "starting"));
        List<String> firstQuestions;
        try (App first = App.start(settings(), recorded)) {
            firstQuestions = first.bank().questions().stream().map(q -> q.id()).toList();
        }
        assertEquals(List.of("Loading the bank", "Indexing questions", "Indexing questions for autocomplete"), steps);

        steps.clear();
        try (App second = App.start(settings(), recorded)) {
            assertEquals(firstQuestions, second.bank().questions().stream().map(q -> q.id()).toList());
            assertEquals("start-two", second.index().search("start-two", Optional.empty(), 1).get(0).question().id());
        }
        assertEquals(List.of(), steps, "nothing parsed or indexed");

        BankFiles.write(dir.resolve("bank").resolve("a.json"), "starting",
                BankFiles.question("start-one", "starting"), BankFiles.question("start-three", "starting"));
        steps.clear();
        try (App changed = App.start(settings(), recorded)) {
            assertTrue(changed.bank().byId("start-three").isPresent());
            assertTrue(changed.bank().byId("start-two").isEmpty());
        }
        assertEquals(List.of("Loading the bank", "Indexing questions", "Indexing questions for autocomplete"), steps,
                "a changed bank is loaded again");
    }

    /** Writes a bank file last modified an hour ago, long enough for its digest to be remembered. */
    private static Path settledBank(Path file, String id) throws Exception {
        BankFiles.write(file, "starting", BankFiles.question(id, "starting"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return file;
    }

    private static String digestLine(String store, Path file) {
        return store.lines().filter(line -> line.endsWith("\t" + file.toAbsolutePath())).findFirst().orElseThrow();
    }

    @Test
    void aBankFileWithTheStampItHadIsKnownByItsRememberedDigestWithoutBeingRead() throws Exception {
        Path mine = settledBank(dir.resolve("mine").resolve("a.json"), "start-mine");
        Path other = settledBank(dir.resolve("other").resolve("b.json"), "start-other");
        App.start(settings(mine), recorded).close();
        App.start(settings(other), recorded).close();

        // Pretend the first file's digest were the second's: a start that reads the file would notice.
        Path store = settings(mine).fileDigests().orElseThrow();
        String text = Files.readString(store);
        String otherDigest = digestLine(text, other).substring(0, 64);
        String mineLine = digestLine(text, mine);
        Files.writeString(store, text.replace(mineLine, otherDigest + mineLine.substring(64)));

        steps.clear();
        try (App started = App.start(settings(mine), recorded)) {
            assertTrue(started.bank().byId("start-other").isPresent(), "the remembered digest stood for the file");
        }
        assertEquals(List.of(), steps, "nothing parsed or indexed");
    }

    @Test
    void aBankFileRewrittenUnderItsOldSizeAndModificationTimeIsReadAgain() throws Exception {
        Path bank = settledBank(dir.resolve("bank").resolve("a.json"), "start-one");
        FileTime modified = Files.getLastModifiedTime(bank);
        App.start(settings(bank), recorded).close();
        assertTrue(Files.readString(settings(bank).fileDigests().orElseThrow()).contains(bank.toAbsolutePath().toString()));

        long size = Files.size(bank);
        BankFiles.write(bank, "starting", BankFiles.question("start-two", "starting"));
        Files.setLastModifiedTime(bank, modified);
        assertEquals(size, Files.size(bank), "the same size, so only the change time tells");

        try (App started = App.start(settings(bank), recorded)) {
            assertTrue(started.bank().byId("start-two").isPresent());
            assertTrue(started.bank().byId("start-one").isEmpty());
        }
    }

    @Test
    void stoppingRightAfterTheStartWaitsForTheSentenceModelsToLeaveOnnxRuntime() throws Exception {
        BankFiles.write(dir.resolve("bank").resolve("a.json"), "starting", BankFiles.question("start-one", "starting"));
        // A model cache of its own: the models are optimized as they load, which takes seconds.
        Settings withModels = Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()))
                .withBanks(List.of(dir.resolve("bank")));
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (App app = App.start(withModels)) {
            assertEquals(1, app.bank().size());
        }
        List<Thread> loading = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().equals("prepbot-meaning") && stillRunning(t)).toList();
        // A JVM exiting while a thread is inside ONNX Runtime crashes.
        assertEquals(List.of(), loading, "the models were still loading after the stop");
    }

    /**
     * Whether a thread is still running a moment after its work is done: the loader's pool reports
     * itself terminated just before its last thread returns, so a finished thread may still read as
     * alive for an instant; one still loading a model would be loading for seconds.
     */
    private static boolean stillRunning(Thread thread) {
        try {
            return !thread.join(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stands in for the sentence models: every text at the same point, which is all a start needs. */
    private static final Embedder STAND_IN = new Embedder() {
        @Override
        public String name() {
            return "stand-in";
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public float[] embed(String text) {
            return new float[] {1, 0, 0, 0};
        }
    };

    @Test
    void theModelsLoadOnlyOnceABankNewToTheCacheIsSearchedByWords() throws Exception {
        BankFiles.write(dir.resolve("bank").resolve("a.json"), "starting", BankFiles.question("start-one", "starting"));
        Settings withModels = Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()))
                .withBanks(List.of(dir.resolve("bank")));
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Progress watched = (step, done, total) -> {
            if (!seen.contains(step)) {
                seen.add(step);
            }
        };
        CompletableFuture<List<String>> first = new CompletableFuture<>();
        try (App app = App.start(withModels, watched, RateLimit.unlimited(Clock.systemUTC()), () -> {
            first.complete(List.copyOf(seen));
            return STAND_IN;
        })) {
            assertTrue(first.get(30, TimeUnit.SECONDS).contains("Indexing questions"),
                    "the models loaded before search by words served: " + first.get());
        }

        seen.clear();
        CompletableFuture<List<String>> second = new CompletableFuture<>();
        try (App app = App.start(withModels, watched, RateLimit.unlimited(Clock.systemUTC()), () -> {
            second.complete(List.copyOf(seen));
            return STAND_IN;
        })) {
            assertEquals(List.of(), second.get(30, TimeUnit.SECONDS), "an unchanged bank has nothing to index first");
            assertEquals(List.of(), seen);
        }
    }
}
