package dev.prepbot.bank;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
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
 * read back only for the same checksum, so it holds nothing the loader would refuse. A snapshot whose
 * section read at start is damaged, cut short or of another format is reported as absent and the JSON
 * is loaded instead; damage in the parts read later is an error when they are read, never changed text.
 *
 * <p>Hand-written rather than through a serialization library: a bank is twelve fields of strings and
 * string lists, and a length-prefixed UTF-8 layout with CRCs is short, fast and has no schema to drift.
 * Only what search and selection read (id, topic, difficulty, tags, the question) is decoded when a
 * snapshot is read; the answer, the choices and the key points are read from the mapped file when a
 * question is shown, quizzed, checked or embedded. Decoded at once, they were most of the heap after an
 * unchanged start, and the garbage collector's copying of them most of its time. So the file holds
 * first those parts, each question's with its own CRC, checked when they are read; then what a start
 * decodes, in chunks whose starting offsets follow them so that reading decodes the chunks on every
 * core, checked whole by one CRC; then that CRC and where the section it covers begins. A start reads
 * only that section: checking a CRC over the whole file took a quarter of a second at 100,000 questions,
 * most of it bringing in pages nothing else needed. (Storing each string as Latin-1 or UTF-16, as Java
 * holds it, so that reading is a copy, measured no faster than UTF-8 decoded on both cores.)
 */
public final class BankSnapshot {

    /**
     * The format's version. Caches name it in their keys, so a new format is written afresh beside a
     * rebuilt index instead of an old snapshot being refused at every start.
     */
    public static final int FORMAT = 6;
    private static final int MAGIC = 0x50424b00 | FORMAT; // "PBK" and the format
    /** Questions per chunk: enough to keep a core busy, few enough to share a bank among cores. */
    static final int CHUNK = 2_048;
    /** Offsets are ints, so a snapshot holds at most 2 GB; a larger bank is loaded from its files at every start. */
    private static final long MAX_BYTES = Integer.MAX_VALUE;

    private BankSnapshot() {
    }

    /** Writes the bank, which must have been loaded from files (it carries their checksum). */
    public static void write(Bank bank, Path file) throws IOException {
        write(bank, file, CHUNK);
    }

    static void write(Bank bank, Path file, int chunk) throws IOException {
        String checksum = bank.checksum().orElseThrow(() -> new IllegalArgumentException("a bank made in memory has no files to stand for"));
        List<Question> questions = bank.questions();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            // First the parts read later, each with its own CRC, checked when it is read.
            DataOutputStream later = new DataOutputStream(raw);
            int[] laterAt = new int[questions.size()];
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            DataOutputStream recordOut = new DataOutputStream(record);
            CRC32C crc = new CRC32C();
            long position = 0;
            for (int i = 0; i < questions.size(); i++) {
                Question q = questions.get(i);
                record.reset();
                writeString(recordOut, q.answer());
                writeOptional(recordOut, q.choice());
                writeOptional(recordOut, q.explanation());
                writeOptional(recordOut, q.example());
                writeList(recordOut, q.mistakes());
                writeOptional(recordOut, q.story());
                writeList(recordOut, q.distractors());
                writeList(recordOut, q.keypoints());
                byte[] parts = record.toByteArray();
                crc.reset();
                crc.update(parts);
                laterAt[i] = (int) position;
                later.writeInt(parts.length);
                later.writeInt((int) crc.getValue());
                later.write(parts);
                position += 2L * Integer.BYTES + parts.length;
                checkFits(position);
            }
            later.flush();
            // Then what a start decodes, checked whole by the CRC that follows it.
            long eagerAt = position;
            CRC32C eagerCrc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, eagerCrc));
            out.writeInt(MAGIC);
            writeString(out, checksum);
            out.writeInt(questions.size());
            out.writeInt(chunk);
            List<Integer> chunkStarts = new ArrayList<>();
            for (int i = 0; i < questions.size(); i++) {
                if (i % chunk == 0) {
                    chunkStarts.add((int) (eagerAt + out.size()));
                }
                Question q = questions.get(i);
                writeString(out, q.id());
                writeString(out, q.topic());
                out.writeByte(q.difficulty().ordinal());
                writeList(out, q.tags());
                writeString(out, q.question());
                out.writeBoolean(q.quizReady());
                out.writeInt(q.keypoints().size());
                out.writeInt(laterAt[i]);
            }
            for (int start : chunkStarts) {
                out.writeInt(start);
            }
            out.flush();
            checkFits(eagerAt + out.size() + 2L * Long.BYTES);
            DataOutputStream tail = new DataOutputStream(raw);
            tail.writeLong(eagerCrc.getValue());
            tail.writeLong(eagerAt);
            tail.flush();
        }
    }

    private static void checkFits(long bytes) throws IOException {
        if (bytes > MAX_BYTES) {
            throw new IOException("the bank is too large for a snapshot");
        }
    }

    /** The bank in the snapshot, if the file holds an intact snapshot of the bank with this checksum. */
    public static Optional<Bank> read(Path file, String checksum) {
        // Mapped rather than streamed: strings are copied straight out of the page cache, and the parts
        // read later are never touched at start, so their pages are not even read from the disk.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 2L * Long.BYTES || size > MAX_BYTES) {
                return Optional.empty();
            }
            ByteBuffer in = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int crcAt = (int) size - 2 * Long.BYTES;
            long eagerAt = in.getLong(crcAt + Long.BYTES);
            if (eagerAt < 0 || eagerAt > crcAt) {
                return Optional.empty();
            }
            CRC32C crc = new CRC32C();
            crc.update(in.slice((int) eagerAt, crcAt - (int) eagerAt));
            if (in.getLong(crcAt) != crc.getValue()) {
                return Optional.empty();
            }
            in.limit(crcAt);
            in.position((int) eagerAt);
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
            ByteBuffer later = in.duplicate().clear().limit((int) eagerAt);
            List<Question> questions = IntStream.range(0, chunks).parallel()
                    .mapToObj(i -> readChunk(in, later, bounds[i], bounds[i + 1], Math.min(chunk, count - i * chunk)))
                    .flatMap(List::stream)
                    .toList();
            return Optional.of(new Bank(questions, Optional.of(checksum)));
        } catch (IOException | RuntimeException e) {
            // Missing, damaged or foreign: the JSON is the truth and is loaded instead.
            return Optional.empty();
        }
    }

    /**
     * The questions of one chunk, which must fill exactly the bytes from start to end; each names
     * where in {@code later} its other parts stand, decoded from the mapped file when asked for.
     */
    private static List<Question> readChunk(ByteBuffer file, ByteBuffer later, int start, int end, int count) {
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
                boolean quizReady = in.get() != 0;
                int keypoints = in.getInt();
                int at = in.getInt();
                if (at < 0 || at > later.limit() - 2 * Integer.BYTES) {
                    throw new IOException("not a bank snapshot");
                }
                questions.add(new Question(id, topic, Difficulty.values()[difficulty], tags, question,
                        new StoredDetails(later, at), quizReady, keypoints));
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
     * The parts of a question read later, where they stand in the mapped snapshot. A snapshot is never
     * written again under its name (a new one gets a new folder), and each record's CRC is checked as it
     * is read, so a damaged disk shows as a clear error on that question, never as changed text.
     */
    private record StoredDetails(ByteBuffer later, int at) implements Supplier<Question.Details> {
        @Override
        public Question.Details get() {
            int length = later.getInt(at);
            if (length < 0 || length > later.limit() - at - 2 * Integer.BYTES) {
                throw damaged();
            }
            ByteBuffer in = later.slice(at + 2 * Integer.BYTES, length); // a view of its own: safe on any thread
            CRC32C crc = new CRC32C();
            crc.update(in.duplicate());
            if ((int) crc.getValue() != later.getInt(at + Integer.BYTES)) {
                throw damaged();
            }
            try {
                return new Question.Details(readString(in), readOptional(in), readOptional(in), readOptional(in),
                        readList(in), readOptional(in), readList(in), readList(in));
            } catch (IOException | RuntimeException e) {
                throw damaged();
            }
        }

        private static IllegalStateException damaged() {
            return new IllegalStateException("the bank snapshot in the index cache is damaged; deleting the cache"
                    + " folder makes the next start read the bank files again");
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
