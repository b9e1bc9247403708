package dev.prepbot.bench;

import java.util.List;

/** A search engine under measurement: the ids of the best matches for a query, best first. */
interface Engine extends AutoCloseable {

    String name();

    List<String> search(String query, int limit);

    /** Ids of questions for a partly typed question, as an autocomplete box lists them. */
    List<String> suggest(String partial, int limit);

    @Override
    default void close() throws Exception {
    }
}
