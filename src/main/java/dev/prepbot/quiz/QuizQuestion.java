package dev.prepbot.quiz;

import dev.prepbot.bank.Question;
import java.util.List;

/** A question as asked in a round: its four options in the order shown, and which one is right. */
public record QuizQuestion(Question question, List<String> options, int correct) {

    public static final String LETTERS = "ABCD";

    public QuizQuestion {
        options = List.copyOf(options);
    }

    public static String letter(int option) {
        return String.valueOf(LETTERS.charAt(option));
    }
}
