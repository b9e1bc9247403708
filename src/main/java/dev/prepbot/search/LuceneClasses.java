package dev.prepbot.search;

import java.util.List;

/**
 * Lucene 10.3's index classes register themselves with a shared helper class as they initialize, and
 * that helper initializes them in turn. Two threads that first touch two of them at once (one opening
 * a writer, the other a reader or a writer's settings) can each wait forever for the class the other
 * is initializing: Lucene's issue 12419, fixed only in releases after the one Prepbot uses. Prepbot has
 * such threads at start (the sentence model's loader opens indexes of its own beside the bank's), so
 * the classes are initialized on one thread before any other starts. Found writing the autocomplete
 * index on a thread beside the word index: one first start in four hung.
 */
public final class LuceneClasses {

    /** Every class the helper initializes, so that none is left for two threads to meet in. */
    static final List<String> INITIALIZED_TOGETHER = List.of(
            "org.apache.lucene.index.IndexWriter",
            "org.apache.lucene.index.ConcurrentMergeScheduler",
            "org.apache.lucene.index.SegmentReader",
            "org.apache.lucene.store.FilterIndexInput");

    private LuceneClasses() {
    }

    /** Initializes Lucene's index classes on the calling thread; returns at once when they already are. */
    public static void initialize() {
        ClassLoader loader = LuceneClasses.class.getClassLoader();
        for (String name : INITIALIZED_TOGETHER) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Lucene's " + name + " is missing from the class path", e);
            }
        }
    }
}
