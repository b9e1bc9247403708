package dev.prepbot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories that are deleted, with everything in them, when the JVM exits. A benchmark of a
 * million servers' questions leaves 4.4 GB of database and index behind, a bank of 100,000 questions
 * 0.7 GB: run a few times, they filled the disk.
 */
public final class Scratch {

    private Scratch() {
    }

    /** A new directory under the system's temporary one, named from {@code prefix}. */
    public static Path directory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete " + dir.getFileName()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the directory and what it holds, as far as it can: a file still open stays. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
