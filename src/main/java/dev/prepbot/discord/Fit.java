package dev.prepbot.discord;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits text into Discord's limits without cutting words: {@link #split} breaks long text at sentence
 * ends (else at spaces), {@link #trim} shortens a single line with an ellipsis. Lengths are UTF-16
 * units, as JDA counts them, which is never less than what Discord counts.
 */
final class Fit {

    static final String ELLIPSIS = "…";

    private Fit() {
    }

    /** The text in pieces of at most {@code max} characters, each ending at a sentence where possible. */
    static List<String> split(String text, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = breakBefore(rest, max);
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    /** The text shortened to at most {@code max} characters, at a sentence or word, with an ellipsis. */
    static String trim(String text, int max) {
        String oneLine = text.strip();
        if (oneLine.length() <= max) {
            return oneLine;
        }
        int cut = breakBefore(oneLine, max - ELLIPSIS.length());
        return oneLine.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /**
     * Where to break text that is longer than {@code max}: after the last sentence end (". ", "? ",
     * "! " or a newline) in the second half of the allowed length, else at the last space, else at
     * {@code max} itself, never between the two halves of a surrogate pair.
     */
    static int breakBefore(String text, int max) {
        int sentence = -1;
        for (int i = max - 1; i >= max / 2; i--) {
            char c = text.charAt(i);
            if (c == '\n' || (Character.isWhitespace(c) && i > 0 && ".?!".indexOf(text.charAt(i - 1)) >= 0)) {
                sentence = i;
                break;
            }
        }
        if (sentence > 0) {
            return sentence;
        }
        int space = text.lastIndexOf(' ', max - 1);
        if (space >= max / 2) {
            return space;
        }
        int cut = Math.max(1, max);
        if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }
}
