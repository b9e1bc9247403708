package dev.prepbot.commands;

import dev.prepbot.bank.Question;
import java.util.Locale;
import java.util.Optional;

/** The parts of a model answer that can be revealed one by one. */
public enum AnswerPart {
    ANSWER("Short answer"),
    EXPLANATION("Explanation"),
    EXAMPLE("Example"),
    MISTAKES("Common mistakes"),
    STORY("Production story"),
    FULL("Full answer");

    private final String label;

    AnswerPart(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AnswerPart> fromSlug(String slug) {
        for (AnswerPart part : values()) {
            if (part.slug().equals(slug)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    /** The part's text for a question; empty when the bank leaves it out. FULL has no text of its own. */
    public Optional<String> text(Question q) {
        return switch (this) {
            case ANSWER -> Optional.of(q.answer());
            case EXPLANATION -> q.explanation();
            case EXAMPLE -> q.example();
            case MISTAKES -> q.mistakes().isEmpty() ? Optional.empty()
                    : Optional.of("- " + String.join("\n- ", q.mistakes()));
            case STORY -> q.story();
            case FULL -> Optional.empty();
        };
    }
}
