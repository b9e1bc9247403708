package dev.prepbot.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * Text of a reply as spans, some of them strong (matched search words, labels). It carries no markup:
 * each transport decides how to show strong text and how to make bank or user text safe to show.
 */
public record Text(List<Span> spans) {

    public record Span(String text, boolean strong) {
    }

    public Text {
        spans = List.copyOf(spans);
    }

    public static Text of(String plain) {
        return new Text(List.of(new Span(plain, false)));
    }

    public static Text strong(String text) {
        return new Text(List.of(new Span(text, true)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The text without any emphasis. */
    public String plain() {
        StringBuilder out = new StringBuilder();
        spans.forEach(s -> out.append(s.text()));
        return out.toString();
    }

    public boolean isEmpty() {
        return spans.stream().allMatch(s -> s.text().isEmpty());
    }

    public static final class Builder {
        private final List<Span> spans = new ArrayList<>();

        public Builder plain(String text) {
            if (!text.isEmpty()) {
                spans.add(new Span(text, false));
            }
            return this;
        }

        public Builder strong(String text) {
            if (!text.isEmpty()) {
                spans.add(new Span(text, true));
            }
            return this;
        }

        public Builder append(Text text) {
            spans.addAll(text.spans());
            return this;
        }

        public Text build() {
            return new Text(spans);
        }
    }
}
