package dev.prepbot.serverbank;

import java.util.Map;
import java.util.Optional;

/**
 * How a question fared in a server's quizzes: times asked (answers given), right answers, the median
 * time to answer, and how often each wrong choice was picked (by its text, most picked first).
 */
public record QuestionStats(String questionId, int answers, int correct, long medianMillis,
                            Map<String, Integer> wrongPicks) {

    public QuestionStats {
        wrongPicks = Map.copyOf(wrongPicks);
    }

    public double accuracy() {
        return answers == 0 ? 0 : (double) correct / answers;
    }

    /**
     * The wrong choice most players picked, when it is picked by more players than the right one: the
     * sign of a wrong key more often than of a hard question.
     */
    public Optional<Map.Entry<String, Integer>> suspectChoice() {
        return wrongPicks.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .filter(e -> e.getValue() * 2 > answers && e.getValue() > correct);
    }
}
