package dev.prepbot.bank;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * A loaded bank written in a compact binary form, so that an unchanged bank starts without parsing
 * and validating its JSON again: reading a snapshot of a 100,000-question bank takes a fraction of
 * the time the JSON takes. A snapshot is only ever written from a bank that passed validation and is
 * read back only for the same checksum, so it holds nothing the loader would refuse. A snapshot that
 * is damaged, cut short or of another format is reported as absent and the JSON is loaded instead.
 *
 * <p>Hand-written rather than through a serialization library: a bank is twelve fields of strings and
 * string lists, and a length-prefixed UTF-8 layout with a CRC is short, fast and has no schema to drift.
 * The questions are written in chunks whose starting offsets close the file, so that reading decodes
 * the chunks on every core: decoding the strings was half of an unchanged 100,000-question start.
 * (Storing each string as Latin-1 or UTF-16, as Java holds it, so that reading is a copy, measured no
 * faster than UTF-8 decoded on both cores.) Only what search and selection read (id, topic, difficulty,
 * tags, the question) is decoded when a snapshot is read; the answer, the choices and the key points
 * are read from the mapped file when a question is shown, quizzed, checked or embedded. Decoded at
 * once, they were most of the heap after an unchanged start, and the garbage collector's copying of
 * them most of its time.
 */
public final class BankSnapshot {

    /**
     * The format's version. Caches name it in their keys, so a new format is written afresh beside a
     * rebuilt index instead of an old snapshot being refused at every start.
     */
    public static final int FORMAT = 5;
    private static final int MAGIC = 0x50424b00 | FORMAT; // "PBK" and the format
    /** Questions per chunk: enough to keep a core busy, few enough to share a bank among cores. */
    static final int CHUNK = 2_048;

    private BankSnapshot() {
    }

    /** Writes the bank, which must have been loaded from files (it carries their checksum). */
    public static void write(Bank bank, Path file) throws IOException {
        write(bank, file, CHUNK);
    }

    static void write(Bank bank, Path file, int chunk) throws IOException {
        String checksum = bank.checksum().orElseThrow(() -> new IllegalArgumentException("a bank made in memory has no files to stand for"));
        CRC32C crc = new CRC32C();
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc))) {
            out.writeInt(MAGIC);
            writeString(out, checksum);
            out.writeInt(bank.size());
            out.writeInt(chunk);
            List<Integer> chunkStarts = new ArrayList<>();
            for (int i = 0; i < bank.size(); i++) {
                if (i % chunk == 0) {
                    chunkStarts.add(out.size());
                }
                Question q = bank.questions().get(i);
                writeString(out, q.id());
                writeString(out, q.topic());
                out.writeByte(q.difficulty().ordinal());
                writeList(out, q.tags());
                writeString(out, q.question());
                writeString(out, q.answer());
                writeOptional(out, q.choice());
                writeOptional(out, q.explanation());
                writeOptional(out, q.example());
                writeList(out, q.mistakes());
                writeOptional(out, q.story());
                writeList(out, q.distractors());
                writeList(out, q.keypoints());
            }
            for (int start : chunkStarts) {
                out.writeInt(start);
            }
            out.flush();
            // The CRC of everything before it: a damaged or cut-short file is never read as a bank.
            new DataOutputStream(raw).writeLong(crc.getValue());
        }
    }

    /** The bank in the snapshot, if the file holds an intact snapshot of the bank with this checksum. */
    public static Optional<Bank> read(Path file, String checksum) {
        // Mapped rather than streamed: the CRC runs over the whole file in one call and strings are
        // copied straight out of the page cache, which made reading a large snapshot several times faster.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < Long.BYTES || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            ByteBuffer in = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            CRC32C crc = new CRC32C();
            crc.update(in.slice(0, (int) size - Long.BYTES));
            if (in.getLong((int) size - Long.BYTES) != crc.getValue()) {
                return Optional.empty();
            }
            in.limit((int) size - Long.BYTES);
            if (in.getInt() != MAGIC || !readString(in).equals(checksum)) {
                return Optional.empty();
            }
            int count = in.getInt();
            int chunk = in.getInt();
            if (count < 0 || chunk <= 0) {
                return Optional.empty();
            }
            int chunks = (int) ((count + (long) chunk - 1) / chunk);
            // In long: a count from a foreign file must not overflow into a table that seems to fit.
            long tableAt = in.limit() - (long) Integer.BYTES * chunks;
            if (tableAt < in.position()) {
                return Optional.empty();
            }
            int table = (int) tableAt;
            int[] bounds = new int[chunks + 1];
            for (int i = 0; i < chunks; i++) {
                bounds[i] = in.getInt(table + Integer.BYTES * i);
            }
            bounds[chunks] = table;
            if (bounds[0] != in.position()) {
                return Optional.empty();
            }
            List<Question> questions = IntStream.range(0, chunks).parallel()
                    .mapToObj(i -> readChunk(in, bounds[i], bounds[i + 1], Math.min(chunk, count - i * chunk)))
                    .flatMap(List::stream)
                    .toList();
            return Optional.of(new Bank(questions, Optional.of(checksum)));
        } catch (IOException | RuntimeException e) {
            // Missing, damaged or foreign: the JSON is the truth and is loaded instead.
            return Optional.empty();
        }
    }

    /**
     * The questions of one chunk, which must fill exactly the bytes from start to end. The parts read
     * later are only stepped over: they are decoded from the mapped file when asked for.
     */
    private static List<Question> readChunk(ByteBuffer file, int start, int end, int count) {
        if (start < 0 || end < start || end > file.limit()) {
            throw new IllegalStateException("not a bank snapshot");
        }
        ByteBuffer in = file.slice(start, end - start);
        // Topics and tags repeat across a bank: one string each per chunk instead of one per question.
        Map<String, String> names = new HashMap<>();
        try {
            List<Question> questions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String id = readString(in);
                String topic = names.computeIfAbsent(readString(in), name -> name);
                int difficulty = Byte.toUnsignedInt(in.get());
                if (difficulty >= Difficulty.values().length) {
                    throw new IOException("not a bank snapshot");
                }
                List<String> tags = readList(in).stream().map(tag -> names.computeIfAbsent(tag, name -> name)).toList();
                String question = readString(in);
                StoredDetails details = new StoredDetails(file, start + in.position());
                skipString(in);
                boolean quizReady = skipOptional(in);
                skipOptional(in);
                skipOptional(in);
                skipList(in);
                skipOptional(in);
                skipList(in);
                int keypoints = skipList(in);
                questions.add(new Question(id, topic, Difficulty.values()[difficulty], tags, question, details,
                        quizReady, keypoints));
            }
            if (in.hasRemaining()) {
                throw new IOException("not a bank snapshot");
            }
            return questions;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The parts of a question read later, where they stand in the mapped snapshot. The file was checked whole
     * when it was read and is never written again under its name (a new snapshot gets a new folder), so
     * decoding them later finds the same bytes.
     */
    private record StoredDetails(ByteBuffer file, int at) implements Supplier<Question.Details> {
        @Override
        public Question.Details get() {
            ByteBuffer in = file.slice(at, file.limit() - at); // a view of its own: safe on any thread
            try {
                return new Question.Details(readString(in), readOptional(in), readOptional(in), readOptional(in),
                        readList(in), readOptional(in), readList(in), readList(in));
            } catch (IOException e) {
                throw new IllegalStateException("the bank snapshot changed while in use", e);
            }
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) {
            writeString(out, s.get());
        }
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    private static String readString(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("not a bank snapshot");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void skipString(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("not a bank snapshot");
        }
        in.position(in.position() + length);
    }

    /** Steps over an optional string; returns whether it is present. */
    private static boolean skipOptional(ByteBuffer in) throws IOException {
        boolean present = in.get() != 0;
        if (present) {
            skipString(in);
        }
        return present;
    }

    /** Steps over a list; returns how many items it holds. */
    private static int skipList(ByteBuffer in) throws IOException {
        int size = in.getInt();
        if (size < 0 || size > 1_000) {
            throw new IOException("not a bank snapshot");
        }
        for (int i = 0; i < size; i++) {
            skipString(in);
        }
        return size;
    }

    private static Optional<String> readOptional(ByteBuffer in) throws IOException {
        return in.get() != 0 ? Optional.of(readString(in)) : Optional.empty();
    }

    private static List<String> readList(ByteBuffer in) throws IOException {
        int size = in.getInt();
        if (size < 0 || size > 1_000) {
            throw new IOException("not a bank snapshot");
        }
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(readString(in));
        }
        return list;
    }
}
