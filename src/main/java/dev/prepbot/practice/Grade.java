package dev.prepbot.practice;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How well a member knew an answer when it came back, as Anki asks it. */
public enum Grade {
    AGAIN("Again"), HARD("Hard"), GOOD("Good"), EASY("Easy");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Grade> fromSlug(String slug) {
        return Arrays.stream(values()).filter(g -> g.slug().equals(slug)).findFirst();
    }
}
