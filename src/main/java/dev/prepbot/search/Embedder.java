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
}
