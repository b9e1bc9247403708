package dev.prepbot.search;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Questions the bank is compared with to tell that a query is off its subject, as the sentence models
 * read them: a fixed list per {@link Kind}, written for this, evenly over its areas.
 *
 * <p>{@link Kind#EVERYDAY Everyday} questions (cooking, gardening, pets, taxes, travel, sport ...) are never
 * the bank's subject. Many share words with the bank in another sense ("how long does a python live as a
 * pet" holds "python"), and the closeness of a computing question in the same words can pass for an
 * answer; these questions, much closer to such a query than the bank's, still tell it is off the subject
 * ({@link Relevance#EVERYDAY_MARGIN}). They hold no computing and none of the bank's subjects (work and
 * colleagues included: the bank asks about those).
 *
 * <p>{@link Kind#COMPUTING Computing} questions sample what engineers ask over twenty-nine areas of
 * computing (languages, the web, storage, systems, networks, security, operations, data, hardware ...).
 * Any bank answers some of them; only those {@link #farFrom far from every question of the bank} count,
 * and a query much closer to them than to the bank asks about computing the bank does not cover
 * ({@link Relevance#COMPUTING_MARGIN}). Which they are depends on the bank, so they are chosen for each bank
 * and kept beside its vectors.
 *
 * <p>Their vectors are made when Prepbot is built and shipped in the jar ({@link ShippedVectors}); for
 * other models, or a build that could not run them, they are embedded when the model loads and kept
 * beside the bank's vectors.
 */
final class OtherQuestions {

    /** The lists, each a resource {@code <name>-questions.txt} beside this class. */
    enum Kind {
        EVERYDAY, COMPUTING;

        /** Its name in file names: the list, its shipped vectors and those kept in a bank's cache. */
        String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        private String texts() {
            return fileName() + "-questions.txt";
        }

        /** The file beside a bank's vectors that keeps these as the same model reads them. */
        String kept() {
            return fileName() + ".vectors";
        }

        /** The file beside a bank's vectors that keeps which of these are far from that bank. */
        String keptFar() {
            return fileName() + ".far";
        }
    }

    /** Raise when {@link #write} writes differently: a reading written before is then embedded again. */
    private static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(OtherQuestions.class);

    private final String key;
    private final float[][] vectors;

    private OtherQuestions(String key, float[][] vectors) {
        this.key = key;
        this.vectors = vectors;
    }

    /** How many questions count. */
    int size() {
        return vectors.length;
    }

    /**
     * A list and the vectors shipped for it, as the jar holds them; read while the model loads, since
     * reading them takes a few tens of milliseconds (inflating 1.5 MB from the jar, most of it).
     */
    record Shipped(List<String> texts, String checksum, Optional<byte[]> vectors) {

        static Shipped read(Kind kind) {
            Shipped list = list(kind);
            return new Shipped(list.texts(), list.checksum(), ShippedVectors.other(kind));
        }

        /** The list alone, without the vectors: what naming a reading or embedding the list needs. */
        static Shipped list(Kind kind) {
            try (InputStream in = OtherQuestions.class.getResourceAsStream(kind.texts())) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + kind.texts());
                }
                byte[] list = in.readAllBytes();
                CRC32C crc = new CRC32C();
                crc.update(list);
                List<String> texts = new String(list, StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank()).toList();
                return new Shipped(texts, Long.toHexString(crc.getValue()), Optional.empty());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + kind.texts(), e);
            }
        }
    }

    /** The questions of a list, one per line. */
    static List<String> texts(Kind kind) {
        return Shipped.list(kind).texts();
    }

    /** The questions of a list as this model reads them: the shipped vectors when made by it, else embedded now. */
    static OtherQuestions readBy(Embedder model, Kind kind) {
        return readBy(model, Shipped.read(kind), Optional.empty());
    }

    /**
     * The same, but kept in the file once embedded, and read from it when it holds them as this model
     * reads them: beside the bank's vectors, an unchanged bank starts without embedding anything.
     */
    static OtherQuestions readBy(Embedder model, Shipped shipped, Optional<Path> kept) {
        String key = key(model, shipped.checksum());
        Optional<float[][]> found = shipped.vectors().flatMap(bytes -> parse(bytes, key))
                .or(() -> kept.filter(Files::isRegularFile).flatMap(file -> {
                    try {
                        return parse(Files.readAllBytes(file), key);
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }));
        if (found.isPresent()) {
            return new OtherQuestions(key, found.get());
        }
        List<float[]> embedded = model.embedAll(shipped.texts());
        kept.ifPresent(file -> keep(file, out -> write(key, model, embedded, out)));
        return new OtherQuestions(key, embedded.toArray(float[][]::new));
    }

    /**
     * Those of these questions that the bank's nearest question is less close to than {@code covered}: the
     * computing the bank does not cover. {@code nearestInBank} gives, for a question's vector, the closeness
     * of the bank's question nearest to it. Kept in the file once chosen, and read from it when chosen
     * there from the same list, model and closeness: for a large bank, choosing searches its vectors once
     * per question (about a tenth of a second at 10,000 questions), which an unchanged start skips.
     */
    OtherQuestions farFrom(ToDoubleFunction<float[]> nearestInBank, float covered, Optional<Path> kept) {
        String farKey = key + "/far-from-bank/" + covered;
        Optional<int[]> chosen = kept.filter(Files::isRegularFile).flatMap(file -> readFar(file, farKey));
        int[] far = chosen.orElseGet(() -> IntStream.range(0, vectors.length)
                .filter(i -> nearestInBank.applyAsDouble(vectors[i]) < covered).toArray());
        if (chosen.isEmpty()) {
            kept.ifPresent(file -> keep(file, out -> writeFar(farKey, far, out)));
        }
        return new OtherQuestions(farKey, IntStream.of(far).mapToObj(i -> vectors[i]).toArray(float[][]::new));
    }

    private static Optional<int[]> readFar(Path file, String farKey) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (!in.readUTF().equals(farKey)) {
                return Optional.empty();
            }
            int[] far = new int[in.readInt()];
            for (int i = 0; i < far.length; i++) {
                far[i] = in.readInt();
            }
            return in.available() == 0 ? Optional.of(far) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // cut short or not ours: choose them again
        }
    }

    private static void writeFar(String farKey, int[] far, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF(farKey);
            out.writeInt(far.length);
            for (int i : far) {
                out.writeInt(i);
            }
        }
    }

    /** What writes a kept file. */
    private interface Writer {
        void write(Path file) throws IOException;
    }

    /** Keeps something for the next start, whole or not at all; one that cannot does the work again, nothing worse. */
    private static void keep(Path file, Writer writer) {
        try {
            Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
            try {
                writer.write(written);
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            LOG.debug("could not keep {}: {}", file, e.toString());
        }
    }

    /**
     * How close the {@code n} of them nearest to a query's vector are, nearest first, on the cosine's
     * scale (the model's vectors are unit vectors).
     */
    float[] closest(float[] query, int n) {
        float[] best = new float[Math.min(n, vectors.length)];
        java.util.Arrays.fill(best, -1f);
        for (float[] v : vectors) {
            float cosine = VectorUtil.dotProduct(v, query);
            // Kept nearest first: insert where it belongs and drop the farthest.
            for (int i = 0; i < best.length; i++) {
                if (cosine > best[i]) {
                    System.arraycopy(best, i, best, i + 1, best.length - i - 1);
                    best[i] = cosine;
                    break;
                }
            }
        }
        return best;
    }

    /** The key a list is read under by this model, as {@link #write} writes it. */
    static String key(Embedder model, Kind kind) {
        return key(model, Shipped.list(kind).checksum());
    }

    /** What names a reading of the list: how it is written, the model, and the list by its checksum. */
    private static String key(Embedder model, String listChecksum) {
        return "format-" + FORMAT + "/" + model.name() + "/" + model.dimension() + "/" + listChecksum;
    }

    /** Writes a list as the model reads it, under its key, for {@link #readBy} to find. */
    static void write(Embedder model, Kind kind, Path file) throws IOException {
        Shipped list = Shipped.list(kind);
        write(key(model, list.checksum()), model, model.embedAll(list.texts()), file);
    }

    private static void write(String key, Embedder model, List<float[]> embedded, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF(key);
            out.writeInt(embedded.size());
            out.writeInt(model.dimension());
            byte[] floats = new byte[embedded.size() * model.dimension() * Float.BYTES];
            FloatBuffer view = ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (float[] v : embedded) {
                view.put(v);
            }
            out.write(floats);
        }
    }

    /** The vectors in the bytes {@link #write} wrote, when written under this key. */
    static Optional<float[][]> parse(byte[] bytes, String key) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!in.readUTF().equals(key)) {
                return Optional.empty();
            }
            int count = in.readInt();
            int dimension = in.readInt();
            if (count < 0 || dimension < 0 || (long) count * dimension * Float.BYTES != in.available()) {
                return Optional.empty();
            }
            // In bulk, and in the byte order of the machines Prepbot runs on: read a float at a time, or
            // swapped from another order, the list took a quarter of a second at start, before the JIT.
            FloatBuffer floats = ByteBuffer.wrap(bytes, bytes.length - in.available(), in.available())
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[][] vectors = new float[count][dimension];
            for (float[] v : vectors) {
                floats.get(v);
            }
            return Optional.of(vectors);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // cut short or not ours: embed them instead
        }
    }
}
