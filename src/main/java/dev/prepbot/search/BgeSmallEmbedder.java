package dev.prepbot.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;

/**
 * The quantized bge-small-en-v1.5 sentence model (384 dimensions), run in-process by ONNX Runtime
 * through langchain4j like {@link MiniLmEmbedder}. Trained for retrieval, it knows more of how a thing
 * is described than what it is called ("which one is in charge" is leader election); on its own it
 * finds fewer of the relevance set's plain questions than MiniLM does, so Prepbot reads the two together
 * ({@link JointEmbedder}).
 */
public final class BgeSmallEmbedder implements Embedder {

    private final BgeSmallEnV15QuantizedEmbeddingModel model;

    private BgeSmallEmbedder(BgeSmallEnV15QuantizedEmbeddingModel model) {
        this.model = model;
    }

    /** Loads the model; fails with an unchecked error where ONNX Runtime has no native library. */
    public static BgeSmallEmbedder load() {
        // As for MiniLM: the calling thread runs the batches.
        return new BgeSmallEmbedder(new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run));
    }

    @Override
    public String name() {
        return "bge-small-en-v15-q/langchain4j-1.11.0-beta19";
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        return MiniLmEmbedder.unit(model.embed(text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(MiniLmEmbedder::unit).toList();
    }
}
