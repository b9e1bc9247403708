package dev.prepbot.search;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in sentence model for tests that need vectors but not meaning: each word adds to one of 64
 * dimensions, so texts sharing words lie close. It counts the texts it embeds, to show what was cached.
 */
final class WordHashEmbedder implements Embedder {

    final AtomicInteger embedded = new AtomicInteger();

    @Override
    public String name() {
        return "word-hash-64";
    }

    @Override
    public int dimension() {
        return 64;
    }

    @Override
    public float[] embed(String text) {
        embedded.incrementAndGet();
        float[] vector = new float[64];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), 64)] += 1;
            }
        }
        vector[0] += 0.01f; // never the zero vector
        return Embedder.unit(vector);
    }
}
