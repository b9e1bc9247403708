package dev.prepbot.serverbank;

import java.util.Optional;

/** Which questions a server draws for /question, quizzes and the daily question. */
public enum Source {
    BUILT_IN("built-in"), OURS("ours"), BOTH("both");

    private final String slug;

    Source(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public boolean builtIn() {
        return this != OURS;
    }

    public boolean ours() {
        return this != BUILT_IN;
    }

    public static Optional<Source> fromSlug(String text) {
        for (Source s : values()) {
            if (s.slug.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
