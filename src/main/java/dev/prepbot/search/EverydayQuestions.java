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
import java.util.zip.CRC32C;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Questions about everyday life (cooking, gardening, pets, taxes, travel, sport ...), which the bank is
 * not about, as the sentence models read them. Many everyday questions share words with the bank in
 * another sense ("how long does a python live as a pet" holds "python"), and the closeness of a
 * computing question in the same words can pass for an answer; these questions, much closer to it than
 * the bank's, still tell the query is off the subject ({@link Relevance#everyday}). They are a fixed
 * list written for this, covering twenty areas of life evenly, with no computing in them and none of the
 * bank's subjects (work and colleagues included: the bank asks about those).
 *
 * <p>Their vectors are made when Prepbot is built and shipped in the jar ({@link ShippedVectors}); for
 * other models, or a build that could not run them, they are embedded when the model loads and kept
 * beside the bank's vectors.
 */
final class EverydayQuestions {

    private static final String TEXTS = "everyday-questions.txt";
    /** The file beside a bank's vectors that keeps these as the same model reads them. */
    static final String KEPT = "everyday.vectors";
    /** Raise when {@link #write} writes differently: a reading written before is then embedded again. */
    private static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(EverydayQuestions.class);

    private final float[][] vectors;

    private EverydayQuestions(float[][] vectors) {
        this.vectors = vectors;
    }

    /**
     * The list and the vectors shipped for it, as the jar holds them; read while the model loads, since
     * reading them takes a few tens of milliseconds (inflating 1.5 MB from the jar, most of it).
     */
    record Shipped(List<String> texts, String checksum, Optional<byte[]> vectors) {

        static Shipped read() {
            Shipped list = list();
            return new Shipped(list.texts(), list.checksum(), ShippedVectors.everyday());
        }

        /** The list alone, without the vectors: what naming a reading or embedding the list needs. */
        static Shipped list() {
            try (InputStream in = EverydayQuestions.class.getResourceAsStream(TEXTS)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + TEXTS);
                }
                byte[] list = in.readAllBytes();
                CRC32C crc = new CRC32C();
                crc.update(list);
                List<String> texts = new String(list, StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank()).toList();
                return new Shipped(texts, Long.toHexString(crc.getValue()), Optional.empty());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + TEXTS, e);
            }
        }
    }

    /** The questions, one per line of the list. */
    static List<String> texts() {
        return Shipped.list().texts();
    }

    /** The questions as this model reads them: the shipped vectors when made by it, else embedded now. */
    static EverydayQuestions readBy(Embedder model) {
        return readBy(model, Shipped.read(), Optional.empty());
    }

    /**
     * The same, but kept in the file once embedded, and read from it when it holds them as this model
     * reads them: beside the bank's vectors, an unchanged bank starts without embedding anything.
     */
    static EverydayQuestions readBy(Embedder model, Shipped shipped, Optional<Path> kept) {
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
            return new EverydayQuestions(found.get());
        }
        List<float[]> embedded = model.embedAll(shipped.texts());
        kept.ifPresent(file -> keep(key, model, embedded, file));
        return new EverydayQuestions(embedded.toArray(float[][]::new));
    }

    /** Keeps the vectors for the next start; one that cannot embeds them again, nothing worse. */
    private static void keep(String key, Embedder model, List<float[]> embedded, Path file) {
        try {
            Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
            try {
                write(key, model, embedded, written);
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            LOG.debug("could not keep the everyday questions' vectors in {}: {}", file, e.toString());
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

    /** What names a reading of the list: how it is written, the model, and the list by its checksum. */
    static String key(Embedder model, String listChecksum) {
        return "format-" + FORMAT + "/" + model.name() + "/" + model.dimension() + "/" + listChecksum;
    }

    /** Writes the list as the model reads it, under its key, for {@link #readBy} to find. */
    static void write(Embedder model, Path file) throws IOException {
        Shipped list = Shipped.list();
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
