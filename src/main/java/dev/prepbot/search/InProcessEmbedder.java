package dev.prepbot.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quantized sentence model run in-process on the CPU by ONNX Runtime through langchain4j. The model
 * file travels inside its Maven artifact; loading one from there takes about a second, so models are
 * loaded off the start path. Loading fails with an unchecked error where ONNX Runtime has no native
 * library for the platform; search then keeps to words.
 *
 * <p>Prepbot opens the model's session itself rather than through the artifact's own class, for two
 * reasons: to keep the optimized model between starts (see {@code load}), and to run the model on one
 * thread at a time. ONNX Runtime's default is a pool of one thread per core that spins while it waits;
 * a text of a few dozen words gains nothing from it, and the spinning takes the second core from the
 * rest of the search. Measured on this two-core machine over the relevance set's plain-language queries
 * at 10,000 questions, search through both models went from p50 11.0–12.6 / p99 16.0–17.1 ms to
 * 9.0–10.4 / 12.5–14.9 ms, and embedding a bank is as fast as before on one core instead of two.
 */
public final class InProcessEmbedder implements Embedder {

    private static final Logger log = LoggerFactory.getLogger(InProcessEmbedder.class);

    private final String name;
    private final int dimension;
    private final AbstractInProcessEmbeddingModel model;

    private InProcessEmbedder(String name, int dimension, AbstractInProcessEmbeddingModel model) {
        this.name = name;
        this.dimension = dimension;
        this.model = model;
    }

    /** all-MiniLM-L6-v2, quantized: 384 dimensions, six layers, read by the mean of its tokens. */
    public static InProcessEmbedder miniLm(Optional<Path> modelCache) {
        return load("all-minilm-l6-v2-q/langchain4j-1.19.0-beta29", "all-minilm-l6-v2-q", PoolingMode.MEAN, modelCache);
    }

    /**
     * bge-small-en-v1.5, quantized: 384 dimensions, twelve layers, trained for retrieval and read by its
     * first token. It knows more of how a thing is described than what it is called ("which one is in
     * charge" is leader election); on its own it finds fewer of the relevance set's plain questions than
     * MiniLM does, so Prepbot reads the two together ({@link JointEmbedder}).
     */
    public static InProcessEmbedder bgeSmall(Optional<Path> modelCache) {
        return load("bge-small-en-v15-q/langchain4j-1.11.0-beta19", "bge-small-en-v1.5-q", PoolingMode.CLS, modelCache);
    }

    /**
     * Opens the model and tokenizer files that the model's artifact puts at the root of the class path.
     *
     * <p>With a cache folder, the model is opened from ONNX Runtime's optimized form of it kept there, and
     * written there when missing. Inflating the model from the jar and optimizing its graph take most of
     * a model's loading (measured here: 0.49 s of MiniLM's, 0.72 s of bge-small's); opening the optimized
     * file takes 0.06 and 0.17 s and gives the same vectors. The graph is optimized at the extended
     * level, which fuses a transformer's operations: the level above only adds layouts for convolutions,
     * and a model saved at it would be tied to this processor.
     */
    private static InProcessEmbedder load(String name, String file, PoolingMode pooling, Optional<Path> modelCache) {
        modelCache.ifPresent(RuntimeLibraries::useCached);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        // ONNX Runtime's version is in the name: another version may optimize differently.
        Optional<Path> optimized = modelCache.map(cache -> cache.resolve(
                file + "-ort-" + environment.getVersion() + "-extended.onnx"));
        try (InputStream tokenizer = resource(file + "-tokenizer.json")) {
            OrtSession session = optimized.flatMap(InProcessEmbedder::openOptimized)
                    .orElseGet(() -> optimizeAndOpen(file, optimized));
            return new InProcessEmbedder(name, 384, new Model(new OnnxBertBiEncoder(environment, session, tokenizer, pooling)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot load the sentence model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The session of a model optimized before, if that file is there and ONNX Runtime reads it. */
    private static Optional<OrtSession> openOptimized(Path optimized) {
        if (!Files.isRegularFile(optimized)) {
            return Optional.empty();
        }
        try (OrtSession.SessionOptions options = options()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            return Optional.of(OrtEnvironment.getEnvironment().createSession(optimized.toString(), options));
        } catch (OrtException e) {
            log.warn("cannot read the optimized sentence model {} ({}); optimizing it again", optimized, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The session of the model read from the jar and optimized, saving the optimized model where given.
     * ONNX Runtime writes it under a temporary name, and it is moved into place once whole: a process
     * stopped midway, or two starting together, never leave a half-written model to be read.
     */
    private static OrtSession optimizeAndOpen(String file, Optional<Path> optimized) {
        Optional<Path> writing = optimized.flatMap(InProcessEmbedder::temporarySibling);
        try (InputStream model = resource(file + ".onnx"); OrtSession.SessionOptions options = options()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            if (writing.isPresent()) {
                options.setOptimizedModelFilePath(writing.get().toString());
            }
            OrtSession session = OrtEnvironment.getEnvironment().createSession(model.readAllBytes(), options);
            writing.ifPresent(written -> keep(written, optimized.get(), file));
            return session;
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the sentence model " + file + ": " + e.getMessage(), e);
        } finally {
            writing.ifPresent(InProcessEmbedder::deleteQuietly);
        }
    }

    private static void keep(Path written, Path target, String file) {
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("cannot keep the optimized sentence model as {} ({}); it is optimized at every start",
                    target, e.getMessage());
            return;
        }
        removeStale(target, file);
    }

    /**
     * Removes this model as other versions of ONNX Runtime optimized it, and what a process stopped
     * while writing it left behind (a file being written now by another process starting beside this
     * one is younger than a minute, and is left to it), as the word and vector caches drop what no
     * start will read again.
     */
    private static void removeStale(Path kept, String file) {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(kept.getParent(), file + "-ort-*")) {
            // Measured against the file just written rather than a clock: both times are the disk's.
            FileTime halfWrittenBefore = FileTime.from(Files.getLastModifiedTime(kept).toInstant().minus(Duration.ofMinutes(1)));
            for (Path sibling : siblings) {
                boolean otherVersion = sibling.toString().endsWith(".onnx") && !sibling.equals(kept);
                boolean leftHalfWritten = sibling.toString().endsWith(".part")
                        && Files.getLastModifiedTime(sibling).compareTo(halfWrittenBefore) < 0;
                if (otherVersion || leftHalfWritten) {
                    deleteQuietly(sibling);
                }
            }
        } catch (IOException e) {
            log.warn("cannot look for stale sentence models in {} ({})", kept.getParent(), e.getMessage());
        }
    }

    /** A new empty file beside the target to write it under first, if the folder can be written. */
    private static Optional<Path> temporarySibling(Path target) {
        try {
            Files.createDirectories(target.getParent());
            return Optional.of(Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part"));
        } catch (IOException e) {
            log.warn("cannot keep the optimized sentence model in {} ({}); it is optimized at every start",
                    target.getParent(), e.getMessage());
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("cannot delete {} ({})", path, e.getMessage());
        }
    }

    /**
     * Each run of the model on one thread. The session keeps its own copy of the options, so they may be
     * closed once it is made.
     */
    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        return options;
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = InProcessEmbedder.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException(path + " is not on the class path");
        }
        return in;
    }

    /**
     * langchain4j's embedding model over a session opened here. The calling thread runs the batches
     * (Runnable::run): the index is built by a single background thread and a query is one short
     * text, so a pool of the library's own would only add threads.
     */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        // The runtime refuses blank text, which means nothing: the zero vector is close to no text at all.
        if (text.isBlank()) {
            return new float[dimension];
        }
        return Embedder.unit(model.embed(text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.stream().anyMatch(String::isBlank)) {
            return texts.stream().map(this::embed).toList();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(Embedder::unit).toList();
    }
}
