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
import java.util.List;

/**
 * A quantized sentence model run in-process on the CPU by ONNX Runtime through langchain4j. The model
 * file travels inside its Maven artifact; loading one takes about a second, so models are loaded off
 * the start path. Loading fails with an unchecked error where ONNX Runtime has no native library for
 * the platform; search then keeps to words.
 *
 * <p>Prepbot opens the model's session itself rather than through the artifact's own class, for one
 * setting: each run of the model uses one thread. ONNX Runtime's default is a pool of one thread per
 * core that spins while it waits; a text of a few dozen words gains nothing from it, and the spinning
 * takes the second core from the rest of the search. Measured on this two-core machine over the relevance
 * set's plain-language queries at 10,000 questions, search through both models went from p50 11.0–12.6 /
 * p99 16.0–17.1 ms to 9.0–10.4 / 12.5–14.9 ms, and embedding a bank is as fast as before on one core
 * instead of two.
 */
public final class InProcessEmbedder implements Embedder {

    private final String name;
    private final int dimension;
    private final AbstractInProcessEmbeddingModel model;

    private InProcessEmbedder(String name, int dimension, AbstractInProcessEmbeddingModel model) {
        this.name = name;
        this.dimension = dimension;
        this.model = model;
    }

    /** all-MiniLM-L6-v2, quantized: 384 dimensions, six layers, read by the mean of its tokens. */
    public static InProcessEmbedder miniLm() {
        return load("all-minilm-l6-v2-q/langchain4j-1.19.0-beta29", "all-minilm-l6-v2-q", PoolingMode.MEAN);
    }

    /**
     * bge-small-en-v1.5, quantized: 384 dimensions, twelve layers, trained for retrieval and read by its
     * first token. It knows more of how a thing is described than what it is called ("which one is in
     * charge" is leader election); on its own it finds fewer of the relevance set's plain questions than
     * MiniLM does, so Prepbot reads the two together ({@link JointEmbedder}).
     */
    public static InProcessEmbedder bgeSmall() {
        return load("bge-small-en-v15-q/langchain4j-1.11.0-beta19", "bge-small-en-v1.5-q", PoolingMode.CLS);
    }

    /** Opens the model and tokenizer files that the model's artifact puts at the root of the class path. */
    private static InProcessEmbedder load(String name, String file, PoolingMode pooling) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (InputStream model = resource(file + ".onnx");
             InputStream tokenizer = resource(file + "-tokenizer.json");
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            // The session keeps its own copy of the options, so they may be closed once it is made.
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new InProcessEmbedder(name, 384, new Model(new OnnxBertBiEncoder(environment, session, tokenizer, pooling)));
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the sentence model " + file + ": " + e.getMessage(), e);
        }
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
        return Embedder.unit(model.embed(text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(Embedder::unit).toList();
    }
}
