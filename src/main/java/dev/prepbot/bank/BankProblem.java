package dev.prepbot.bank;

import java.util.Optional;

/**
 * One thing wrong with a bank file, printed as {@code FILE:LINE:COL: question 'ID': FIELD: message}.
 * Line and column are 0 when the parser does not know them; the question and field are absent for
 * problems of the file as a whole.
 */
public record BankProblem(String file, int line, int column, Optional<String> questionId,
                          Optional<String> field, String message) {

    public static BankProblem ofFile(String file, int line, int column, String message) {
        return new BankProblem(file, line, column, Optional.empty(), Optional.empty(), message);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ");
        questionId.ifPresent(id -> out.append("question '").append(id).append("': "));
        field.ifPresent(f -> out.append(f).append(": "));
        return oneLine(out.append(message).toString());
    }

    /**
     * Ids, field names and values in messages come from the file itself and may hold line breaks or
     * control characters; escaping them keeps every problem on one line. The command line echoes what
     * was typed through the same escaping.
     */
    public static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
