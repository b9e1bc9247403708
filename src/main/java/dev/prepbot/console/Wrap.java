package dev.prepbot.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Fits a line of styled text to a terminal's width, breaking it between words. Left to the terminal, a
 * long paragraph breaks wherever the edge falls, often mid-word. Continuation lines keep the line's
 * indent, and a list item's ("- ", "• ", "1. ", "[2] ") continuation lines align under its text. Only
 * spaces separate words, so hyphenated words and URLs stay whole; a word wider than the whole line,
 * and only such a word, is cut, starting on a line of its own. Widths are in terminal columns, so wide
 * characters such as ✅ count double.
 */
final class Wrap {

    /** A list item's marker after the indent: its continuation lines align with the text after it. */
    private static final Pattern MARKER = Pattern.compile("([-•*]|\\d{1,3}[.)]|[A-Za-z][.)]|\\[\\d{1,3}]) +");

    private Wrap() {
    }

    /** The lines that show {@code line} (which holds no newline) within {@code width} columns. */
    static List<AttributedString> lines(AttributedString line, int width) {
        if (line.columnLength() <= width) {
            return List.of(line);
        }
        String text = line.toString();
        int indent = 0;
        while (indent < text.length() && text.charAt(indent) == ' ') {
            indent++;
        }
        Matcher marker = MARKER.matcher(text).region(indent, text.length());
        int textStart = marker.lookingAt() ? marker.end() : indent;
        int hanging = line.subSequence(0, textStart).columnLength();
        // An indent that would leave too little room for words is dropped on continuation lines.
        if (hanging > width / 2) {
            hanging = 0;
        }
        Lines out = new Lines(width, line.subSequence(0, Math.min(indent, width / 2)), " ".repeat(hanging));
        int at = indent;
        int gapStart = indent;
        while (at < text.length()) {
            int end = text.indexOf(' ', at);
            end = end < 0 ? text.length() : end;
            out.word(line.subSequence(gapStart, at), line.subSequence(at, end));
            at = end;
            gapStart = end;
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
        return out.finish();
    }

    /** The wrapped lines being built: the current line and the ones already full. */
    private static final class Lines {
        private final int width;
        private final AttributedString continuation;
        private final List<AttributedString> done = new ArrayList<>();
        private AttributedStringBuilder current = new AttributedStringBuilder();
        private boolean hasWords;

        Lines(int width, AttributedString firstIndent, String continuationIndent) {
            this.width = width;
            this.continuation = new AttributedString(continuationIndent);
            current.append(firstIndent);
        }

        /** Adds a word, with the spaces that preceded it when it stays on the same line. */
        void word(AttributedString gap, AttributedString word) {
            int used = current.columnLength();
            if (hasWords && used + gap.columnLength() + word.columnLength() <= width) {
                current.append(gap).append(word);
                return;
            }
            if (hasWords) {
                newLine();
                used = current.columnLength();
            }
            AttributedString rest = word;
            // Only a word wider than a whole line is cut, and then at the edge of every line it fills.
            while (used + rest.columnLength() > width && width - used > 0) {
                AttributedString piece = rest.columnSubSequence(0, width - used);
                if (piece.length() == 0) {
                    break;
                }
                current.append(piece);
                rest = rest.subSequence(piece.length(), rest.length());
                newLine();
                used = current.columnLength();
            }
            current.append(rest);
            hasWords = rest.length() > 0 || hasWords;
        }

        private void newLine() {
            done.add(current.toAttributedString());
            current = new AttributedStringBuilder();
            current.append(continuation);
            hasWords = false;
        }

        List<AttributedString> finish() {
            if (current.length() > 0 && (hasWords || done.isEmpty())) {
                done.add(current.toAttributedString());
            }
            return done;
        }
    }
}
