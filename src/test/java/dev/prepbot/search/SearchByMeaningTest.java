package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import dev.prepbot.testing.BankFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search by meaning on the built-in bank, honest "no match", and how the model's absence is handled. */
class SearchByMeaningTest {

    private static Bank builtIn;
    private static SearchIndex index;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        builtIn = new BankLoader().loadBuiltIn();
        index = SearchIndex.build(builtIn,
                Meaning.start(builtIn, MiniLmEmbedder::load, Optional.empty(), Progress.none(), Runnable::run));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static List<String> ids(SearchIndex in, String query) {
        return in.search(query, Optional.empty(), 3).stream().map(h -> h.question().id()).toList();
    }

    @Test
    void aQuestionInPlainWordsFindsTheQuestionThatMeansIt() {
        assertTrue(ids(index, "how do two computers start a tcp connection").contains("networking-tcp-handshake-time-wait"));
        assertTrue(ids(index, "why does my container keep restarting").contains("containers-crashloopbackoff-debugging"));
        assertTrue(ids(index, "how to copy a single fix from one branch to another").contains("git-cherry-pick-hotfix"));
    }

    @Test
    void somethingTheBankDoesNotCoverIsNoMatchWithNowhereWrongSuggested() {
        assertEquals(List.of(), ids(index, "best recipe for sourdough bread"));
        assertEquals(List.of(), ids(index, "how do i renew my passport"));
        assertEquals(List.of(), index.nearestTopics("best recipe for sourdough bread", 3));
    }

    @Test
    void realWordsTheBankLacksAreNotCorrectedIntoOtherWordsButTyposAre() {
        try (SearchIndex words = SearchIndex.build(builtIn)) {
            assertEquals(0f, words.evidence("sourdough levain recipe").coverage(), "English words are not typos");
            assertEquals(List.of(), ids(words, "sourdough levain recipe"));
            assertTrue(words.evidence("pyhton decoraters").coverage() > 0f, "typos are corrected");
            assertEquals("python-decorators", ids(words, "pyhton decoraters").get(0));
        }
    }

    @Test
    void anUndoOfAPushedCommitFindsGitNow() {
        assertEquals("git-reset-vs-revert", ids(index, "how do i undo a pushed commit").get(0));
    }

    @Test
    void relatedQuestionsComeByMeaningAndNeverTheQuestionItself() {
        List<Question> related = index.related("git-reset-vs-revert", 3);
        assertEquals(3, related.size());
        assertFalse(related.stream().anyMatch(q -> q.id().equals("git-reset-vs-revert")));
        assertTrue(related.stream().allMatch(q -> q.topic().equals("git")), related.toString());
        assertEquals(List.of(), index.related("no-such-question", 3));
    }

    @Test
    void untilTheModelIsReadySearchServesByWordsAlone() {
        List<Runnable> pending = new ArrayList<>();
        Executor never = pending::add;
        Bank bank = new Bank(builtIn.questions());
        try (SearchIndex words = SearchIndex.build(bank,
                Meaning.start(bank, WordHashEmbedder::new, Optional.empty(), Progress.none(), never))) {
            assertFalse(words.searchesByMeaning());
            assertEquals("git-bisect", ids(words, "git bisect").get(0));
            assertEquals(List.of(), ids(words, "best recipe for sourdough bread"));
            assertFalse(words.related("git-bisect", 2).isEmpty(), "related by shared words meanwhile");
            pending.forEach(Runnable::run);
            assertTrue(words.awaitMeaning(Duration.ofSeconds(5)));
            assertTrue(words.searchesByMeaning());
        }
    }

    @Test
    void closingWhileTheModelIsStillLoadingStopsQuietly() {
        List<Runnable> pending = new ArrayList<>();
        Meaning loading = Meaning.start(new Bank(builtIn.questions()), WordHashEmbedder::new, Optional.empty(),
                Progress.none(), pending::add);
        assertDoesNotThrow(loading::close);
    }

    @Test
    void aModelThatCannotLoadLeavesSearchToWords() {
        Bank bank = new Bank(builtIn.questions());
        Meaning broken = Meaning.start(bank, () -> {
            throw new UnsatisfiedLinkError("no ONNX Runtime library for this platform");
        }, Optional.empty(), Progress.none(), Runnable::run);
        try (SearchIndex words = SearchIndex.build(bank, broken)) {
            assertFalse(words.awaitMeaning(Duration.ofSeconds(1)));
            assertEquals("git-bisect", ids(words, "git bisect").get(0));
        }
    }

    @Test
    void vectorsAreKeptInTheCacheSoAnUnchangedBankEmbedsNothing() throws Exception {
        Path bankFile = BankFiles.write(dir.resolve("bank").resolve("bank.json"), "caching",
                BankFiles.question("cache-warm", "caching"), BankFiles.question("cache-cold", "caching"));
        Bank bank = new BankLoader().loadPaths(List.of(bankFile.getParent()));
        WordHashEmbedder first = new WordHashEmbedder();
        Meaning.start(bank, () -> first, Optional.of(dir.resolve("vectors")), Progress.none(), Runnable::run).close();
        assertEquals(2, first.embedded.get());
        WordHashEmbedder second = new WordHashEmbedder();
        Meaning again = Meaning.start(bank, () -> second, Optional.of(dir.resolve("vectors")), Progress.none(), Runnable::run);
        assertTrue(again.isReady());
        assertEquals(0, second.embedded.get(), "the stored vectors were read, not made again");
        again.close();
    }
}
