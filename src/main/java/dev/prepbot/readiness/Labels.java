package dev.prepbot.readiness;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text from members and banks, made safe to draw: any characters are welcome, but a label is one line,
 * fits its width and stays inside its box.
 */
final class Labels {

    /** Matches the hints {@link Canvas#graphics} sets, so measured widths are drawn widths. */
    static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    static final String ELLIPSIS = "…";

    /** No label can show more than this; measuring a 100,000-character name would only cost time. */
    private static final int MAX_CODE_POINTS = 200;

    private Labels() {
    }

    /**
     * One line of text: line breaks and tabs become spaces, other control characters and lone
     * surrogates go, and so do bidi embeddings and overrides, which would otherwise carry a trailing
     * ellipsis to the wrong end. Right-to-left text itself is kept and drawn right to left.
     */
    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), 2 * MAX_CODE_POINTS));
        int kept = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < raw.length() && kept < MAX_CODE_POINTS; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.SURROGATE || isBidiControl(cp)) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
            kept++;
        }
        return out.toString();
    }

    static double width(String text, Font font) {
        return text.isEmpty() ? 0 : font.getStringBounds(text, MEASURE).getWidth();
    }

    /** The text, or its longest start that fits with an ellipsis, cut between whole characters as a reader sees them. */
    static String fit(String text, Font font, double maxWidth) {
        if (width(text, font) <= maxWidth) {
            return text;
        }
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        List<Integer> ends = new ArrayList<>();
        for (int end = characters.next(); end != BreakIterator.DONE; end = characters.next()) {
            ends.add(end);
        }
        int low = 0;
        int high = ends.size() - 1;
        String best = ELLIPSIS;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            String candidate = text.substring(0, ends.get(middle)).stripTrailing() + ELLIPSIS;
            if (width(candidate, font) <= maxWidth) {
                best = candidate;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return best;
    }

    /** Draws within {@code box} only: stacked combining marks or a tall script cannot spill onto a neighbour. */
    static void draw(Graphics2D g, String text, float x, float baseline, Shape box) {
        Shape previous = g.getClip();
        g.clip(box);
        g.drawString(text, x, baseline);
        g.setClip(previous);
    }

    static String percent(double accuracy) {
        return Math.round(100 * accuracy) + "%";
    }

    /** At most five characters, so a count always fits its cell: 9999, 12.3k, 123k, 1.2M. */
    static String compact(int n) {
        if (n < 10_000) {
            return Integer.toString(n);
        }
        if (n < 100_000) {
            return String.format(Locale.ROOT, "%.1fk", Math.floor(n / 100.0) / 10);
        }
        if (n < 1_000_000) {
            return n / 1_000 + "k";
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1fM", Math.floor(n / 100_000.0) / 10);
        }
        return n / 1_000_000 + "M";
    }

    /** What to draw for a label that cleaning left empty, so the column or row is not silently blank. */
    static String orPlaceholder(String label) {
        return label.isEmpty() ? "?" : label;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
