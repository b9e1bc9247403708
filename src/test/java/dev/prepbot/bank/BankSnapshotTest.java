package dev.prepbot.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankSnapshotTest {

    @TempDir
    Path dir;

    /** The bank's snapshot, written in the test's folder. */
    private Path written(Bank bank) throws Exception {
        Path file = dir.resolve("bank.snapshot");
        BankSnapshot.write(bank, file);
        return file;
    }

    @Test
    void aSnapshotReadsBackAsTheSameBank() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        Path file = written(bank);
        Bank read = BankSnapshot.read(file, bank.checksum().orElseThrow()).orElseThrow();
        assertEquals(bank.questions(), read.questions());
        assertEquals(bank.checksum(), read.checksum());
        assertEquals(bank.counts(), read.counts());
    }

    @Test
    void aSnapshotInManyChunksReadsBackInOrder() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        Path file = dir.resolve("bank.snapshot");
        // 208 questions in chunks of 7: 29 full chunks and a last one of five, decoded on every core.
        BankSnapshot.write(bank, file, 7);
        assertEquals(bank.questions(), BankSnapshot.read(file, bank.checksum().orElseThrow()).orElseThrow().questions());
    }

    @Test
    void thePartsReadLaterAreTheSameOnEveryThreadAndAfterTheFileIsRemoved() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        Path file = written(bank);
        Bank read = BankSnapshot.read(file, bank.checksum().orElseThrow()).orElseThrow();
        // Another process replacing the cache removes the folder; the mapped snapshot stays readable.
        Files.delete(file);
        java.util.List<Integer> positions = java.util.stream.IntStream.range(0, bank.size()).boxed().toList();
        for (int round = 0; round < 4; round++) {
            positions.parallelStream().forEach(i -> {
                Question expected = bank.questions().get(i);
                Question actual = read.questions().get(i);
                assertEquals(expected.explanation(), actual.explanation());
                assertEquals(expected.example(), actual.example());
                assertEquals(expected.mistakes(), actual.mistakes());
                assertEquals(expected.story(), actual.story());
                assertEquals(expected.distractors(), actual.distractors());
                assertEquals(expected.keypoints(), actual.keypoints());
                assertEquals(expected.hasKeypoints(), actual.hasKeypoints());
                assertEquals(expected.choice(), actual.choice());
            });
        }
    }

    @Test
    void whetherAQuestionHasKeyPointsIsKnownWithoutReadingThem() throws Exception {
        Question with = new Question("with-points", "testing", Difficulty.EASY, java.util.List.of(), "With key points?",
                "Yes.", Optional.empty(), Optional.empty(), java.util.List.of(),
                Optional.empty(), Optional.empty(), java.util.List.of(),
                java.util.List.of("first point", "second point", "third point"));
        Question without = new Question("without-points", "testing", Difficulty.EASY, java.util.List.of(),
                "Without key points?", "No.", Optional.empty(), Optional.empty(), java.util.List.of(),
                Optional.empty(), Optional.of("No"), java.util.List.of("Yes", "Maybe", "Always"),
                java.util.List.of());
        Bank bank = new Bank(java.util.List.of(with, without), Optional.of("two-questions"));
        Path file = written(bank);
        Bank read = BankSnapshot.read(file, "two-questions").orElseThrow();
        assertTrue(read.questions().get(0).hasKeypoints());
        assertFalse(read.questions().get(1).hasKeypoints());
        assertEquals(bank.questions(), read.questions());
        assertEquals(bank.questions().get(1).hashCode(), read.questions().get(1).hashCode());
    }

    @Test
    void aDamagedPartReadLaterIsAnErrorOnThatQuestionNeverChangedText() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        String checksum = bank.checksum().orElseThrow();
        Path file = written(bank);
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 0x20; // within the first question's answer, the first thing in the file
        Files.write(file, bytes);

        Bank read = BankSnapshot.read(file, checksum).orElseThrow();
        assertEquals(bank.questions().get(0).question(), read.questions().get(0).question());
        IllegalStateException damaged = assertThrows(IllegalStateException.class, () -> read.questions().get(0).answer());
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
        assertEquals(bank.questions().get(1).answer(), read.questions().get(1).answer());
    }

    @Test
    void aSnapshotOfOtherFilesIsNotRead() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        Path file = written(bank);
        assertEquals(Optional.empty(), BankSnapshot.read(file, "0".repeat(64)));
    }

    @Test
    void aDamagedOrCutShortSnapshotIsNotRead() throws Exception {
        Bank bank = new BankLoader().loadBuiltIn();
        String checksum = bank.checksum().orElseThrow();
        Path file = written(bank);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 40] ^= 0x20; // in the section a start reads, just before its CRC
        Files.write(file, flipped);
        assertEquals(Optional.empty(), BankSnapshot.read(file, checksum), "one changed byte");

        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertEquals(Optional.empty(), BankSnapshot.read(file, checksum), "cut short");

        Files.write(file, new byte[0]);
        assertEquals(Optional.empty(), BankSnapshot.read(file, checksum), "empty");

        assertEquals(Optional.empty(), BankSnapshot.read(dir.resolve("missing"), checksum), "missing");
        Files.write(file, bytes);
        assertTrue(BankSnapshot.read(file, checksum).isPresent(), "intact again");
    }
}
