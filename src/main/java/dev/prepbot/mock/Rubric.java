package dev.prepbot.mock;

import dev.prepbot.bank.Question;
import java.util.List;

/**
 * What the interviewer ticks: the question's key points, or for a behavioral question the four steps of
 * a STAR answer (the key points then show what a strong story contains).
 */
public record Rubric(String heading, List<String> points, boolean star) {

    public static final String BEHAVIORAL = "behavioral";

    static final List<String> STAR = List.of(
            "Situation: sets the scene briefly (the team, the goal, what was at stake)",
            "Task: says what they had to achieve, and why it fell to them",
            "Action: what they did themselves, saying \"I\", with the decisions and trade-offs",
            "Result: a concrete or measurable outcome, and what they learned");

    public Rubric {
        points = List.copyOf(points);
    }

    /**
     * The questions a mock interview asks from: those with points of their own to tick (STAR steps or key
     * points), or when none has any, all of them, each then judged against its short answer as a whole.
     */
    static List<Question> toAskFrom(List<Question> all) {
        List<Question> withPoints = all.stream()
                .filter(q -> q.topic().equals(BEHAVIORAL) || q.hasKeypoints()).toList();
        return withPoints.isEmpty() ? all : withPoints;
    }

    public static Rubric of(Question question) {
        if (question.topic().equals(BEHAVIORAL)) {
            return new Rubric("STAR: tick each step", STAR, true);
        }
        if (!question.hasKeypoints()) {
            // A bank question without key points is judged against its short answer as a whole.
            return new Rubric("Key point", List.of("Gives the substance of the model answer"), false);
        }
        return new Rubric("Key points", question.keypoints(), false);
    }
}
