package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankSnapshot;
import dev.prepbot.bank.Progress;
import dev.prepbot.testing.BankFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.util.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexCacheTest {

    @TempDir
    Path dir;

    private Path bankFile() {
        return BankFiles.write(dir.resolve("bank").resolve("bank.json"), "caching",
                BankFiles.question("cache-warm", "caching"), BankFiles.question("cache-cold", "caching"));
    }

    private Bank load() throws Exception {
        return new BankLoader().loadPaths(List.of(dir.resolve("bank")));
    }

    private static List<Path> folders(Path root) throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.toList();
        }
    }

    private static void age(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(0));
            }
        }
    }

    private static long newestChange(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
        }
    }

    @Test
    void anUnchangedBankOpensTheStoredIndexInsteadOfIndexingAgain() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        List<String> steps = new ArrayList<>();
        try (SearchIndex first = SearchIndex.build(load(), Optional.of(cache), (step, done, total) -> steps.add(step))) {
            assertEquals("cache-warm", first.search("question cache-warm", Optional.empty(), 1).get(0).question().id());
        }
        assertTrue(steps.contains("Indexing questions"), "the first start indexes");
        List<Path> stored = folders(cache.root());
        assertEquals(1, stored.size());
        age(stored.get(0));

        steps.clear();
        try (SearchIndex second = SearchIndex.build(load(), Optional.of(cache), (step, done, total) -> steps.add(step))) {
            assertEquals("cache-cold", second.search("cache-cold", Optional.empty(), 1).get(0).question().id());
            assertEquals(2, second.suggest("What is the question", 25).size());
            assertFalse(second.similar("cache-warm", 1).isEmpty());
        }
        assertEquals(List.of(), steps, "an unchanged bank is not indexed again");
        assertEquals(stored, folders(cache.root()));
        assertEquals(0, newestChange(stored.get(0)), "the stored index was not rewritten");
    }

    @Test
    void aChangedBankGetsAFreshIndexAndTheOldOneIsRemoved() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        SearchIndex.build(load(), Optional.of(cache), Progress.none()).close();
        List<Path> before = folders(cache.root());

        BankFiles.write(dir.resolve("bank").resolve("bank.json"), "caching",
                BankFiles.question("cache-warm", "caching"), BankFiles.question("cache-renamed", "caching"));
        try (SearchIndex changed = SearchIndex.build(load(), Optional.of(cache), Progress.none())) {
            assertEquals("cache-renamed", changed.search("cache-renamed", Optional.empty(), 1).get(0).question().id());
            assertTrue(changed.search("cache-cold", Optional.empty(), 5).stream()
                    .noneMatch(hit -> hit.question().id().equals("cache-cold")));
        }
        List<Path> after = folders(cache.root());
        assertEquals(1, after.size());
        assertNotEquals(before, after);
    }

    @Test
    void aDamagedStoredIndexIsBuiltAgain() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        SearchIndex.build(load(), Optional.of(cache), Progress.none()).close();
        try (Stream<Path> files = Files.walk(cache.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        try (SearchIndex rebuilt = SearchIndex.build(load(), Optional.of(cache), Progress.none())) {
            assertEquals("cache-cold", rebuilt.search("cache-cold", Optional.empty(), 1).get(0).question().id());
            assertEquals(2, rebuilt.suggest("What is the question", 25).size());
        }
        try (SearchIndex reopened = SearchIndex.build(load(), Optional.of(cache), Progress.none())) {
            assertEquals("cache-cold", reopened.search("cache-cold", Optional.empty(), 1).get(0).question().id());
        }
    }

    @Test
    void aCacheThatCannotBeWrittenCostsOnlyTheTimeToIndexInMemory() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        Path notAFolder = Files.writeString(dir.resolve("cache"), "a file where the cache folder should be");
        try (SearchIndex index = SearchIndex.build(load(), Optional.of(new IndexCache(notAFolder)), Progress.none())) {
            assertEquals("cache-cold", index.search("cache-cold", Optional.empty(), 1).get(0).question().id());
        }
        assertEquals("a file where the cache folder should be", Files.readString(notAFolder));
    }

    @Test
    void aBankMadeInMemoryIsNeverCached() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        Bank inMemory = new Bank(load().questions());
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        SearchIndex.build(inMemory, Optional.of(cache), Progress.none()).close();
        assertFalse(Files.exists(cache.root()));
    }

    @Test
    void theKeyChangesWithTheBanksChecksum() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        String checksum = load().checksum().orElseThrow();
        assertEquals(checksum, load().checksum().orElseThrow(), "the same files give the same checksum");
        assertEquals(IndexCache.key(checksum), IndexCache.key(checksum));

        Path file = dir.resolve("bank").resolve("bank.json");
        Files.writeString(file, Files.readString(file).replace("learned", "learnt"));
        String changed = load().checksum().orElseThrow();
        assertNotEquals(checksum, changed, "one changed word changes the checksum");
        assertNotEquals(IndexCache.key(checksum), IndexCache.key(changed));
    }

    @Test
    void aFirstStartSearchesItsIndexInMemoryWhileItIsStoredThenTheStoredOne() throws Exception {
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        // Parts on several cores, as a large bank's first start indexes them.
        Bank large = dev.prepbot.testing.Questions.numbered(3 * SearchIndex.PART_AT_LEAST);
        Bank withChecksum = new Bank(large.questions(), Optional.of("numbered"));
        List<Runnable> storing = new ArrayList<>();
        try (SearchIndex index = SearchIndex.build(withChecksum, Optional.of(cache), Progress.none(), Meaning.none(),
                storing::add)) {
            assertFalse(index.awaitStored(java.time.Duration.ZERO), "nothing is stored yet");
            assertFalse(Files.exists(cache.root().resolve(IndexCache.key("numbered"))));
            List<String> inMemory = ids(index.search("widget number 2999 ships", Optional.empty(), 3));
            assertEquals("q-2999", inMemory.get(0), "the last part is searched too");
            assertEquals("q-1500", index.suggest("Which flavour of widget number 1500", 25).get(0).id(),
                    "autocomplete answers by ranked search until its own index is written");
            assertFalse(index.similar("q-1", 1).isEmpty(), "similar questions read the index in memory too");

            assertEquals(1, storing.size());
            storing.get(0).run();
            assertTrue(index.awaitStored(java.time.Duration.ZERO));
            assertTrue(Files.isDirectory(cache.root().resolve(IndexCache.key("numbered"))));
            assertEquals(inMemory, ids(index.search("widget number 2999 ships", Optional.empty(), 3)),
                    "the stored index answers as the one in memory did");
            assertEquals("q-1500", index.suggest("Which flavour of widget number 1500", 25).get(0).id());
        }
        List<String> steps = new ArrayList<>();
        try (SearchIndex next = SearchIndex.build(withChecksum, Optional.of(cache), (step, done, total) -> steps.add(step))) {
            assertEquals("q-2999", next.search("widget number 2999 ships", Optional.empty(), 1).get(0).question().id());
        }
        assertEquals(List.of(), steps, "the next start opens the stored index");
    }

    @Test
    void aLargeBankNewToTheCacheIsSearchedByItsShortTextFirstThenByAllOfIt() throws Exception {
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        Bank bank = new Bank(dev.prepbot.testing.Questions.sample().questions(), Optional.of("sample"));
        List<Runnable> background = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        Progress progress = (step, done, total) -> {
            if (!steps.contains(step)) {
                steps.add(step);
            }
        };
        // "initial sequence numbers" stands only in the handshake question's explanation.
        try (SearchIndex index = SearchIndex.build(bank, Optional.of(cache), progress, Meaning.none(),
                background::add, 1)) {
            assertEquals("tcp-handshake", ids(index.search("three-way handshake", Optional.empty(), 3)).get(0),
                    "the question's own words are searched at once");
            assertFalse(ids(index.search("initial sequence numbers", Optional.empty(), 3)).contains("tcp-handshake"),
                    "the explanation is not searched before it is indexed");

            assertFalse(index.awaitAllText(java.time.Duration.ZERO));

            assertEquals(1, background.size());
            background.get(0).run();
            assertTrue(index.awaitAllText(java.time.Duration.ZERO));
            assertEquals("tcp-handshake", ids(index.search("initial sequence numbers", Optional.empty(), 3)).get(0),
                    "then all of the text is searched");
            assertTrue(index.awaitStored(java.time.Duration.ZERO));
        }
        assertEquals(List.of("Indexing questions' short text", "Indexing questions", "Indexing questions for autocomplete"),
                steps);
        try (SearchIndex next = SearchIndex.build(bank, Optional.of(cache), Progress.none())) {
            assertEquals("tcp-handshake", ids(next.search("initial sequence numbers", Optional.empty(), 3)).get(0),
                    "the stored index holds all of the text");
        }
    }

    @Test
    void closingAFirstStartWaitsForItsIndexToBeStored() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        java.util.concurrent.CountDownLatch mayStore = new java.util.concurrent.CountDownLatch(1);
        SearchIndex index = SearchIndex.build(load(), Optional.of(cache), Progress.none(), Meaning.none(),
                task -> new Thread(() -> {
                    try {
                        mayStore.await();
                        task.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).start());
        assertEquals("cache-cold", index.search("cache-cold", Optional.empty(), 1).get(0).question().id());
        Thread closing = new Thread(index::close);
        closing.start();
        Thread.State state = closing.getState();
        while (state != Thread.State.TIMED_WAITING && state != Thread.State.TERMINATED) {
            Thread.onSpinWait();
            state = closing.getState();
        }
        assertEquals(Thread.State.TIMED_WAITING, state, "closing waits while the index is being stored");
        mayStore.countDown();
        closing.join();
        assertEquals(1, folders(cache.root()).size(), "the index was stored before the close finished");
        assertTrue(Files.isDirectory(folders(cache.root()).get(0).resolve("main")));
    }

    @Test
    void aStopThatCannotWaitGivesUpStoringAndTheNextStartIndexesAgain() throws Exception {
        Files.createDirectories(dir.resolve("bank"));
        bankFile();
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        List<Runnable> neverRun = new ArrayList<>();
        SearchIndex index = SearchIndex.build(load(), Optional.of(cache), Progress.none(), Meaning.none(), neverRun::add);
        assertEquals("cache-cold", index.search("cache-cold", Optional.empty(), 1).get(0).question().id());
        long started = System.nanoTime();
        index.closeWithin(java.time.Duration.ofMillis(100));
        assertTrue(java.time.Duration.ofNanos(System.nanoTime() - started).compareTo(java.time.Duration.ofSeconds(10)) < 0,
                "the stop did not wait for the storing");
        assertTrue(!Files.exists(cache.root()) || folders(cache.root()).isEmpty(), "nothing stored");

        List<String> steps = new ArrayList<>();
        try (SearchIndex next = SearchIndex.build(load(), Optional.of(cache), (step, done, total) -> steps.add(step))) {
            assertEquals("cache-cold", next.search("cache-cold", Optional.empty(), 1).get(0).question().id());
        }
        assertTrue(steps.contains("Indexing questions"), "the next start indexes the bank again");
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(hit -> hit.question().id()).toList();
    }

    @Test
    void theStoredIndexIsOneSegmentInBankOrderHoweverManyThreadsWroteIt() throws Exception {
        IndexCache cache = new IndexCache(dir.resolve("cache"));
        // Enough questions for a part per core, each written on a thread of its own.
        Bank large = dev.prepbot.testing.Questions.numbered(3 * SearchIndex.PART_AT_LEAST);
        Bank withChecksum = new Bank(large.questions(), Optional.of("numbered"));
        try (SearchIndex index = SearchIndex.build(withChecksum, Optional.of(cache), Progress.none())) {
            assertFalse(index.search("widget 7", Optional.empty(), 1).isEmpty());
        }
        Path main = folders(cache.root()).get(0).resolve("main");
        try (var directory = org.apache.lucene.store.FSDirectory.open(main);
             var reader = org.apache.lucene.index.DirectoryReader.open(directory)) {
            assertEquals(large.size(), reader.numDocs());
            assertEquals(1, reader.leaves().size(), "each search seeks its words once, not once per thread");
            var ordinals = org.apache.lucene.index.DocValues.getNumeric(reader.leaves().get(0).reader(), SearchIndex.ORDINAL);
            for (int doc = 0; doc < large.size(); doc++) {
                assertEquals(doc, ordinals.nextDoc());
                assertEquals(doc, ordinals.longValue(), "document " + doc + " is not question " + doc);
            }
        }
    }

    @Test
    void theAutocompleteIndexIsMergedIntoOneSegment() throws Exception {
        try (var directory = new org.apache.lucene.store.ByteBuffersDirectory();
             Suggester.Infix infix = Suggester.open(directory)) {
            // Each commit of new suggestions writes a segment, as a large bank's flushes do.
            for (String text : List.of("tcp handshake", "dns lookup", "leader election")) {
                infix.add(new org.apache.lucene.util.BytesRef(text), java.util.Set.of(), 1L,
                        new org.apache.lucene.util.BytesRef(text));
                infix.commit();
            }
            assertEquals(3, segments(directory));
            infix.mergeIntoOneSegment();
            infix.commit();
            assertEquals(1, segments(directory));
            infix.refresh();
            assertEquals("dns lookup", infix.lookup("dns", 1, true, false).get(0).key.toString());
        }
    }

    private static int segments(org.apache.lucene.store.Directory directory) throws IOException {
        return org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).size();
    }

    /**
     * Vectors stored by earlier releases are named by this key. It names the vectors' own layout, not the
     * words' index's, so raising the words' layout does not embed every bank again; Lucene's version is in
     * it, as the vectors are a Lucene index too.
     */
    @Test
    void theVectorsKeepTheirNameWhenTheWordsIndexLayoutIsRaised() throws Exception {
        String identity = "a-bank-checksum/a-model/" + VectorIndex.LAYOUT;
        String named = identity + "/lucene-" + Version.LATEST + "/layout-5/snapshot-" + BankSnapshot.FORMAT;
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(named.getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest).substring(0, 32), IndexCache.vectorsKey(identity));
        assertNotEquals(IndexCache.key(identity), IndexCache.vectorsKey(identity), "the words' index is named apart");
    }
}
