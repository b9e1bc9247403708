package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search indexes kept on disk between starts, each beside a snapshot of the bank it indexes, one
 * folder per bank: the folder's name is a hash of the
 * bank files' checksum, Lucene's version and the layout of Prepbot's documents, so a changed bank, a
 * Lucene upgrade or a new field each get a fresh index and an unchanged bank opens the one it has.
 *
 * <p>An index is written into a private folder and renamed into place only when complete, so a
 * crash mid-build, or a second process building the same bank, never leaves a half index under a
 * real name. Folders of other banks are removed once a new one is in place.
 */
public final class IndexCache {

    /**
     * Raise whenever {@link SearchIndex}'s fields or analysis change, so older indexes are not reused: an
     * index written in several segments before they were merged is still read as it is.
     */
    static final int LAYOUT = 6;

    /**
     * The layout the vectors' keys name, frozen at the one they were first made with. The vectors are an
     * index of their own, named by its own layout ({@link VectorIndex#LAYOUT}), and do not change when the
     * words' index does: raising {@link #LAYOUT} must not have every bank embedded again (hours, for a
     * large bank on a small machine), while keys made before keep naming the vectors already stored.
     */
    private static final int VECTORS_KEYED_WITH_LAYOUT = 5;

    /** The file in an index folder holding the bank it was built from, see {@link BankSnapshot}. */
    static final String SNAPSHOT = "bank.snapshot";

    private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);
    private static final String BUILDING = ".building-";

    private final Path root;

    public IndexCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The folder name for the index of a bank with this checksum. */
    static String key(String bankChecksum) {
        return key(bankChecksum, LAYOUT);
    }

    /** The folder name for vectors of a bank, named by its checksum, the model and what the model read. */
    static String vectorsKey(String vectorsIdentity) {
        return key(vectorsIdentity, VECTORS_KEYED_WITH_LAYOUT);
    }

    private static String key(String identity, int layout) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String named = identity + "/lucene-" + Version.LATEST + "/layout-" + layout
                    + "/snapshot-" + BankSnapshot.FORMAT;
            return HexFormat.of().formatHex(sha.digest(named.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The complete index folder for the key, if one was built before. */
    Optional<Path> find(String key) {
        Path folder = root.resolve(key);
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /**
     * The bank stored beside the index of the bank files with this checksum, if there is one intact;
     * {@code found} runs as soon as the bank's folder is found, before its snapshot is read.
     */
    public Optional<Bank> storedBank(String bankChecksum, Runnable found) {
        return find(key(bankChecksum)).flatMap(folder -> {
            found.run();
            return BankSnapshot.read(folder.resolve(SNAPSHOT), bankChecksum);
        });
    }

    /** Something that writes a whole index into an empty folder. */
    @FunctionalInterface
    interface Writer {
        void write(Path folder) throws IOException;
    }

    /**
     * Writes the index for the key with {@code writer} and moves it into place; returns its folder.
     * If another process finished the same index first, that one is kept and this one discarded.
     */
    Path store(String key, Writer writer) throws IOException {
        Files.createDirectories(root);
        Path building = Files.createTempDirectory(root, BUILDING + key + "-");
        Path folder = root.resolve(key);
        try {
            writer.write(building);
            try {
                Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
                LOG.debug("another process stored the index for {} first; using it", key);
            }
        } finally {
            deleteQuietly(building);
        }
        removeAllBut(key);
        return folder;
    }

    /** Removes an index that could not be opened, so the next start builds it again. */
    void discard(String key) {
        deleteQuietly(root.resolve(key));
    }

    private void removeAllBut(String key) {
        try (Stream<Path> folders = Files.list(root)) {
            List<Path> stale = folders.filter(p -> !p.getFileName().toString().equals(key))
                    .filter(p -> !buildingRecently(p))
                    .toList();
            stale.forEach(IndexCache::deleteQuietly);
        } catch (IOException e) {
            LOG.debug("could not list {} to remove old indexes: {}", root, e.toString());
        }
    }

    /** Another process may be writing this folder right now; a day-old one was left by a crash. */
    private static boolean buildingRecently(Path folder) {
        if (!folder.getFileName().toString().startsWith(BUILDING)) {
            return false;
        }
        try {
            return Files.getLastModifiedTime(folder).toInstant().isAfter(Instant.now().minus(Duration.ofDays(1)));
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A folder another process is still writing or reading goes on the next start.
            LOG.debug("could not remove {}: {}", folder, e.toString());
        }
    }
}
