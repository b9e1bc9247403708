package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Progress;
import dev.prepbot.testing.BankFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Words only: the sentence model embeds the bank in the background, and its progress, reported
     * whenever it happens to get there, is not what this test is about (SearchByMeaningTest covers its
     * cache).
     */
    private Settings settings() {
        return Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(),
                        "PREPBOT_SEARCH_MODEL", "off"))
                .withBanks(List.of(dir.resolve("bank")));
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
}
