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
        return out.append(message).toString();
    }
}
