package dev.prepbot.search;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A sentence model that remembers the vectors of the texts it read recently. One query is read several
 * times over: ranked against the built-in bank and against a server's own questions, and read again for
 * the closest topics when nothing answers it; and a crowd often asks the same thing at once. Each
 * reading costs both models about ten milliseconds of a core, where a remembered one costs a copy.
 * Texts read at the same moment are read once, the others waiting for that reading. The bank's batches
 * pass through unremembered: each of their texts is read once anyway.
 */
public final class RecentReadings implements Embedder.Through {

    /** About 3 KB a vector for both models together: a few MB of heap. */
    public static final int REMEMBERED = 2_048;

    private final Embedder model;
    /**
     * Readings as futures, so that a reading under way is found by those asking for the same text while
     * the reader's own thread reads it: a cache computing inside its map would hold up other texts that
     * share the map's bin for the ten milliseconds of a reading. A failed reading is not kept.
     */
    private final AsyncCache<String, float[]> readings;

    public RecentReadings(Embedder model, int remembered) {
        this.model = model;
        this.readings = Caffeine.newBuilder().maximumSize(remembered).buildAsync();
    }

    @Override
    public Embedder model() {
        return model;
    }

    /** The text's vector, a copy the caller may change. */
    @Override
    public float[] embed(String text) {
        CompletableFuture<float[]> mine = new CompletableFuture<>();
        CompletableFuture<float[]> reading = readings.asMap().putIfAbsent(text, mine);
        if (reading == null) {
            try {
                mine.complete(model.embed(text));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
            reading = mine;
        }
        try {
            return reading.join().clone();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts);
    }

    /**
     * Forgets every remembered reading, so that the next reading of each text is the model's: for
     * measuring what a first reading costs.
     */
    public void forget() {
        readings.synchronous().invalidateAll();
    }
}
