package dev.prepbot.search;

import java.util.List;

/** A text and the ranges of it that matched a query, so a reply can set the matched words in bold. */
public record Highlight(String text, List<Range> matches) {

    /** A half-open range {@code [start, end)} of characters of the text. */
    public record Range(int start, int end) {
    }

    public Highlight {
        matches = List.copyOf(matches);
    }

    public static Highlight none(String text) {
        return new Highlight(text, List.of());
    }

    /** The matched words themselves, in order. */
    public List<String> matchedWords() {
        return matches.stream().map(r -> text.substring(r.start(), r.end())).toList();
    }
}
