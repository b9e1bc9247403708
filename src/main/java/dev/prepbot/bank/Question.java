package dev.prepbot.bank;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One interview question with its model answer in five parts (short answer, explanation, example,
 * common mistakes, production story), when it can be quizzed its right choice and distractors, and
 * optionally the key points a good spoken answer covers, for self-checks and mock interviews.
 */
public record Question(
        String id,
        String topic,
        Difficulty difficulty,
        List<String> tags,
        String question,
        String answer,
        Optional<String> explanation,
        Optional<String> example,
        List<String> mistakes,
        Optional<String> story,
        Optional<String> choice,
        List<String> distractors,
        List<String> keypoints) {

    /** The fewest and most key points a question may have, and the longest one. */
    public static final int MIN_KEYPOINTS = 3;
    public static final int MAX_KEYPOINTS = 6;
    public static final int MAX_KEYPOINT = 200;

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(difficulty, "difficulty");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        tags = List.copyOf(tags);
        mistakes = List.copyOf(mistakes);
        distractors = List.copyOf(distractors);
        keypoints = List.copyOf(keypoints);
        explanation = Objects.requireNonNull(explanation, "explanation");
        example = Objects.requireNonNull(example, "example");
        story = Objects.requireNonNull(story, "story");
        choice = Objects.requireNonNull(choice, "choice");
    }

    /** A question can be asked in a quiz only when it has a right choice written for quizzes. */
    public boolean quizReady() {
        return choice.isPresent();
    }
}
