package dev.prepbot.search;

import java.util.List;
import org.apache.lucene.util.VectorUtil;

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

    /**
     * A model that reads through another, {@link #model()}: it has that model's name and dimension, so
     * the vectors kept under its name are never mixed with another model's.
     */
    interface Through extends Embedder {

        /** The model read through. */
        Embedder model();

        @Override
        default String name() {
            return model().name();
        }

        @Override
        default int dimension() {
            return model().dimension();
        }
    }

    /**
     * A copy of the vector scaled to length 1, so that a dot product is the cosine; the zero vector stays
     * as it is. Lucene's own normalization, which leaves a vector already of length 1 (within 1e-5) alone.
     */
    static float[] unit(float[] vector) {
        return VectorUtil.l2normalize(vector.clone(), false);
    }
}
