package dev.prepbot.bank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    /** A bank file last modified an hour ago, long past the settling time. */
    private Path settledFile(String name, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return file;
    }

    private static byte[] digest(String content) {
        return BankLoader.digest(content.getBytes(StandardCharsets.UTF_8));
    }

    private FileDigests rememberOnce(Path store, Path file, String content) {
        FileDigests digests = FileDigests.open(store, clock);
        digests.remember(file, digests.stamp(file).orElseThrow(), digest(content));
        digests.save();
        return digests;
    }

    @Test
    void aDigestRememberedForASettledFileIsGivenBackWhileItsStampIsUnchanged() throws Exception {
        Path store = dir.resolve("cache").resolve("bank-files.tsv");
        Path file = settledFile("a.json", "{\"questions\": []}");
        rememberOnce(store, file, "{\"questions\": []}");

        FileDigests next = FileDigests.open(store, clock);
        Optional<byte[]> remembered = next.remembered(file, next.stamp(file).orElseThrow());
        assertTrue(remembered.isPresent());
        assertArrayEquals(digest("{\"questions\": []}"), remembered.get());
    }

    @Test
    void aFileRewrittenUnderItsOldSizeAndModificationTimeIsNotKnownByItsOldDigest() throws Exception {
        Path store = dir.resolve("bank-files.tsv");
        Path file = settledFile("a.json", "first");
        FileTime modified = Files.getLastModifiedTime(file);
        rememberOnce(store, file, "first");

        Files.writeString(file, "again");
        Files.setLastModifiedTime(file, modified);

        FileDigests next = FileDigests.open(store, clock);
        FileDigests.Stamp stamp = next.stamp(file).orElseThrow();
        assertEquals(5, stamp.size());
        assertEquals(modified.to(java.util.concurrent.TimeUnit.NANOSECONDS), stamp.modifiedNanos());
        assertTrue(next.remembered(file, stamp).isEmpty(), "the change time tells the rewrite apart");
    }

    @Test
    void aFileModifiedMomentsBeforeItWasStampedIsNotRemembered() throws Exception {
        Path store = dir.resolve("bank-files.tsv");
        Path file = Files.writeString(dir.resolve("fresh.json"), "fresh");
        rememberOnce(store, file, "fresh");

        FileDigests next = FileDigests.open(store, clock);
        assertTrue(next.remembered(file, next.stamp(file).orElseThrow()).isEmpty(),
                "a second write in the same tick would leave the stamp as it is");
        assertFalse(Files.exists(store), "nothing to remember, nothing written");
    }

    @Test
    void aDamagedStoreForgetsOnlyItsBadLinesAndIsWrittenWholeAgain() throws Exception {
        Path store = dir.resolve("bank-files.tsv");
        Path good = settledFile("good.json", "good");
        Path other = settledFile("other.json", "other");
        rememberOnce(store, good, "good");
        rememberOnce(store, other, "other");
        String text = Files.readString(store);
        Files.writeString(store, text.replaceFirst("(?m)^([0-9a-f]{64})\t[0-9]+", "$1\tnot-a-size")
                + "half a line\n\u0000\u0001 binary\n");

        FileDigests next = FileDigests.open(store, clock);
        boolean goodKnown = next.remembered(good, next.stamp(good).orElseThrow()).isPresent();
        boolean otherKnown = next.remembered(other, next.stamp(other).orElseThrow()).isPresent();
        assertTrue(goodKnown != otherKnown, "exactly the damaged line is forgotten");

        Path forgotten = goodKnown ? other : good;
        next.remember(forgotten, next.stamp(forgotten).orElseThrow(), digest(goodKnown ? "other" : "good"));
        next.save();
        assertFalse(Files.readString(store).contains("half a line"));
        FileDigests again = FileDigests.open(store, clock);
        assertTrue(again.remembered(good, again.stamp(good).orElseThrow()).isPresent());
        assertTrue(again.remembered(other, again.stamp(other).orElseThrow()).isPresent());
    }

    @Test
    void aStoreThatIsNotOneIsIgnoredAndAnUnwritableOneCostsNothingButTheMemory() throws Exception {
        Path file = settledFile("a.json", "content");
        Path notAStore = Files.writeString(dir.resolve("notes.txt"), "some other file\n");
        FileDigests digests = FileDigests.open(notAStore, clock);
        assertTrue(digests.remembered(file, digests.stamp(file).orElseThrow()).isEmpty());

        Path blocked = Files.writeString(dir.resolve("blocked"), "a file where the store's folder should be");
        FileDigests unwritable = FileDigests.open(blocked.resolve("bank-files.tsv"), clock);
        unwritable.remember(file, unwritable.stamp(file).orElseThrow(), digest("content"));
        unwritable.save();
        assertEquals("a file where the store's folder should be", Files.readString(blocked));
    }

    @Test
    void savingKeepsTheDigestsOfOtherBanksFilesThatStillExist() throws Exception {
        Path store = dir.resolve("bank-files.tsv");
        Path kept = settledFile("kept.json", "kept");
        Path removed = settledFile("removed.json", "removed");
        rememberOnce(store, kept, "kept");
        rememberOnce(store, removed, "removed");
        Files.delete(removed);

        Path used = settledFile("used.json", "used");
        rememberOnce(store, used, "used");

        String text = Files.readString(store);
        assertTrue(text.contains(kept.toAbsolutePath().toString()));
        assertTrue(text.contains(used.toAbsolutePath().toString()));
        assertFalse(text.contains(removed.toAbsolutePath().toString()));
    }
}
