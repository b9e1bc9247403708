package dev.prepbot.bank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 of each bank file, remembered with what the file system says about the file (size,
 * modification and change times, and its identity, such as the inode) when it was read. A start whose
 * files all still match knows the bank's checksum without reading hundreds of megabytes, and so finds
 * the bank's snapshot at once. Git's index keeps the same stamps for the same reason.
 *
 * <p>A file modified within {@link #SETTLING} of being stamped is not remembered: a write in the same
 * tick of the file system's clock could follow unseen and leave the stamp unchanged (git calls these
 * entries "racy"). The change time is part of the stamp because no tool can set it back: content
 * rewritten in place under its old size and modification time (as {@code touch -d} or {@code cp -p}
 * leave it) is still noticed where the file system keeps one.
 *
 * <p>The remembered digests are a cache: a missing, damaged or unwritable store only costs reading
 * the files again, and is never an error.
 */
public final class FileDigests {

    /** How old a modification must be before its stamp is trusted. */
    static final Duration SETTLING = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(FileDigests.class);
    private static final String HEADER = "prepbot-file-digests 1";
    private static final int FIELDS = 6;

    /** What the file system says about a file: a changed file changes at least one of these. */
    public record Stamp(long size, long modifiedNanos, long changedNanos, String identity) {
    }

    private record Entry(Stamp stamp, String sha256) {
    }

    private final Path store;
    private final Clock clock;
    private final Map<String, Entry> remembered;
    private final Map<String, Entry> seen = new LinkedHashMap<>();
    private boolean changed;

    private FileDigests(Path store, Clock clock, Map<String, Entry> remembered) {
        this.store = store;
        this.clock = clock;
        this.remembered = remembered;
    }

    /** The digests remembered in {@code store}; none when it is missing or unreadable. */
    public static FileDigests open(Path store, Clock clock) {
        return new FileDigests(store, clock, readStore(store));
    }

    /** The file's stamp now, or empty when the file system cannot give one. Take it before reading the file. */
    public Optional<Stamp> stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long changed = -1;
            if (file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                changed = nanos((FileTime) Files.getAttribute(file, "unix:ctime"));
            }
            Object identity = attributes.fileKey();
            return Optional.of(new Stamp(attributes.size(), nanos(attributes.lastModifiedTime()), changed,
                    identity == null ? "-" : identity.toString()));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The digest remembered for the file, when its stamp is the one it had then; also kept for {@link #save}. */
    public Optional<byte[]> remembered(Path file, Stamp stamp) {
        String key = key(file);
        Entry entry = remembered.get(key);
        if (entry == null || !entry.stamp().equals(stamp)) {
            return Optional.empty();
        }
        seen.put(key, entry);
        return Optional.of(HexFormat.of().parseHex(entry.sha256()));
    }

    /** Remembers the digest of the file's content read after taking {@code stamp}, unless the file is too fresh. */
    public void remember(Path file, Stamp stamp, byte[] digest) {
        long settled = TimeUnit.MILLISECONDS.toNanos(clock.millis()) - SETTLING.toNanos();
        String key = key(file);
        if (stamp.modifiedNanos() > settled || !storable(key) || !storable(stamp.identity())) {
            return;
        }
        Entry entry = new Entry(stamp, HexFormat.of().formatHex(digest));
        seen.put(key, entry);
        if (!entry.equals(remembered.get(key))) {
            changed = true;
        }
    }

    /**
     * Writes what this start used, and what was remembered before of files that still exist (other
     * banks sharing the cache), when anything changed. Replaces the store whole, so a reader never
     * sees half of it.
     */
    public void save() {
        if (!changed) {
            return;
        }
        Map<String, Entry> kept = new LinkedHashMap<>();
        remembered.forEach((key, entry) -> {
            if (!seen.containsKey(key) && Files.exists(Path.of(key))) {
                kept.put(key, entry);
            }
        });
        kept.putAll(seen);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        kept.forEach((key, entry) -> text.append(entry.sha256()).append('\t')
                .append(entry.stamp().size()).append('\t')
                .append(entry.stamp().modifiedNanos()).append('\t')
                .append(entry.stamp().changedNanos()).append('\t')
                .append(entry.stamp().identity()).append('\t')
                .append(key).append('\n'));
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Path written = Files.createTempFile(store.toAbsolutePath().getParent(), ".bank-files-", ".tmp");
            try {
                Files.writeString(written, text, StandardCharsets.UTF_8);
                try {
                    Files.move(written, store, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(written, store, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(written);
            }
            changed = false;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remember the bank files' digests in {}: {}", store, e.toString());
        }
    }

    private static Map<String, Entry> readStore(Path store) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(store, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return entries;
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return entries;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", FIELDS);
            try {
                if (fields.length == FIELDS && fields[0].length() == 64) {
                    HexFormat.of().parseHex(fields[0]);
                    Stamp stamp = new Stamp(Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                            Long.parseLong(fields[3]), fields[4]);
                    entries.put(fields[5], new Entry(stamp, fields[0]));
                }
            } catch (IllegalArgumentException e) {
                // A damaged line forgets that one file; the next start reads it and writes a good line.
            }
        }
        return entries;
    }

    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    /** Tabs and line breaks would break the store's lines; such files are simply read at every start. */
    private static boolean storable(String text) {
        return text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }
}
