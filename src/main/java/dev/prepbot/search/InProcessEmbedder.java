package dev.prepbot.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;

/**
 * A quantized sentence model run in-process on the CPU by ONNX Runtime through langchain4j. The model
 * file travels inside its Maven artifact; loading one takes about a second, so models are loaded off
 * the start path. Loading fails with an unchecked error where ONNX Runtime has no native library for
 * the platform; search then keeps to words.
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

    // The calling thread runs the batches (Runnable::run): the index is built by a single background
    // thread and a query is one short text, so a pool of the library's own would only add threads.

    /** all-MiniLM-L6-v2, quantized: 384 dimensions, six layers. */
    public static InProcessEmbedder miniLm() {
        return new InProcessEmbedder("all-minilm-l6-v2-q/langchain4j-1.19.0-beta29", 384,
                new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));
    }

    /**
     * bge-small-en-v1.5, quantized: 384 dimensions, twelve layers, trained for retrieval. It knows more
     * of how a thing is described than what it is called ("which one is in charge" is leader election);
     * on its own it finds fewer of the relevance set's plain questions than MiniLM does, so Prepbot reads
     * the two together ({@link JointEmbedder}).
     */
    public static InProcessEmbedder bgeSmall() {
        return new InProcessEmbedder("bge-small-en-v15-q/langchain4j-1.11.0-beta19", 384,
                new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run));
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
