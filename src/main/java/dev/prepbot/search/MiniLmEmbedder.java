package dev.prepbot.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * The quantized all-MiniLM-L6-v2 sentence model (384 dimensions), run in-process on the CPU by ONNX
 * Runtime through langchain4j. The model file travels inside its Maven artifact; loading it takes about
 * a second, so it is loaded off the start path.
 */
public final class MiniLmEmbedder implements Embedder {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private MiniLmEmbedder(AllMiniLmL6V2QuantizedEmbeddingModel model) {
        this.model = model;
    }

    /**
     * Loads the model. Fails with an unchecked error where ONNX Runtime has no native library for the
     * platform; search then keeps to words.
     */
    public static MiniLmEmbedder load() {
        // The calling thread runs the batches: the index is built by a single background thread and a
        // query is one short text, so a pool of the library's own would only add threads.
        return new MiniLmEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));
    }

    @Override
    public String name() {
        return "all-minilm-l6-v2-q/langchain4j-1.19.0-beta29";
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        return unit(model.embed(text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(MiniLmEmbedder::unit).toList();
    }

    /** Scaled to length 1, so a dot product is the cosine. */
    static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }
}
