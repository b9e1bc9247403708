package dev.prepbot.mock;

import java.util.Optional;

/** How well the candidate covered one key point (or one STAR step), as the interviewer judged it. */
public enum Tick {
    COVERED('c', "✓", "covered"),
    PARTLY('p', "~", "partly"),
    MISSED('m', "✗", "missed");

    private final char code;
    private final String mark;
    private final String label;

    Tick(char code, String mark, String label) {
        this.code = code;
        this.mark = mark;
        this.label = label;
    }

    /** One letter, for button ids and the stored row. */
    public char code() {
        return code;
    }

    public String mark() {
        return mark;
    }

    public String label() {
        return label;
    }

    public static Optional<Tick> of(char code) {
        for (Tick t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
