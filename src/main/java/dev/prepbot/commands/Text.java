package dev.prepbot.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Text of a reply as spans: words (some strong, such as matched search words) and countdowns to a
 * moment. It carries no markup: each transport decides how to show strong words and countdowns
 * (Discord as a live relative timestamp) and how to make bank or user text safe to show.
 */
public record Text(List<Span> spans) {

    public sealed interface Span permits Words, Countdown, ChannelLink {
    }

    public record Words(String text, boolean strong) implements Span {
    }

    /** "in 20 seconds", counting down by itself where the transport can. */
    public record Countdown(Instant at) implements Span {
    }

    /** A link to a channel of the server: a clickable #name on Discord. */
    public record ChannelLink(String channelId) implements Span {
    }

    public Text {
        spans = List.copyOf(spans);
    }

    public static Text of(String plain) {
        return new Text(List.of(new Words(plain, false)));
    }

    public static Text strong(String text) {
        return new Text(List.of(new Words(text, true)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The words without any emphasis; a countdown shows as its moment. */
    public String plain() {
        StringBuilder out = new StringBuilder();
        for (Span span : spans) {
            switch (span) {
                case Words w -> out.append(w.text());
                case Countdown c -> out.append(c.at());
                case ChannelLink c -> out.append('#').append(c.channelId());
            }
        }
        return out.toString();
    }

    public boolean isEmpty() {
        return spans.stream().allMatch(s -> s instanceof Words w && w.text().isEmpty());
    }

    public boolean hasStrong() {
        return spans.stream().anyMatch(s -> s instanceof Words w && w.strong());
    }

    public static final class Builder {
        private final List<Span> spans = new ArrayList<>();

        public Builder plain(String text) {
            if (!text.isEmpty()) {
                spans.add(new Words(text, false));
            }
            return this;
        }

        public Builder strong(String text) {
            if (!text.isEmpty()) {
                spans.add(new Words(text, true));
            }
            return this;
        }

        public Builder countdown(Instant at) {
            spans.add(new Countdown(at));
            return this;
        }

        public Builder channel(String channelId) {
            spans.add(new ChannelLink(channelId));
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
