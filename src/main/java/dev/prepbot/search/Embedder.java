package dev.prepbot.search;

import java.util.List;

/**
 * A sentence model: text in, a unit-length vector out, so that texts that mean alike lie close
 * together (their dot product, the cosine, is near 1) whatever words they use.
 */
public interface Embedder {

    /** Names the model and its version; vectors of different models are never mixed. */
    String name();

    int dimension();

    /** The unit-length vector of the text. */
    float[] embed(String text);

    /** The vectors of several texts, in order; a model may do a batch faster than one at a time. */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    /** The vector scaled to length 1, so that a dot product is the cosine; the zero vector stays as it is. */
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
