package dev.prepbot.bank;

import java.util.Locale;
import java.util.Optional;

/** How hard a question is; the slug is what bank files and commands use. */
public enum Difficulty {
    EASY, MEDIUM, HARD;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Difficulty> fromSlug(String text) {
        for (Difficulty d : values()) {
            if (d.slug().equals(text)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
