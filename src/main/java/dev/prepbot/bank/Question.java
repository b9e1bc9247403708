package dev.prepbot.bank;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One interview question with its model answer in five parts (short answer, explanation, example,
 * common mistakes, production story), when it can be quizzed its right choice and distractors, and
 * optionally the key points a good spoken answer covers, for self-checks and mock interviews.
 *
 * <p>A value like a record, but not one: the long parts of the answer (explanation, example, mistakes,
 * story) may be read from a bank snapshot only when asked for. They are most of a bank's text, and a
 * large bank kept every one of them decoded in the heap although only the questions a user opens are
 * shown in full (100,000 questions: most of a 420 MB heap, and most of an unchanged start's decoding).
 */
public final class Question {

    /** The fewest and most key points a question may have, and the longest one. */
    public static final int MIN_KEYPOINTS = 3;
    public static final int MAX_KEYPOINTS = 6;
    public static final int MAX_KEYPOINT = 200;

    /** The long parts of the answer; a supplier of itself, as read from a file or made in memory. */
    record Details(Optional<String> explanation, Optional<String> example, List<String> mistakes,
                   Optional<String> story) implements Supplier<Details> {
        Details {
            explanation = Objects.requireNonNull(explanation, "explanation");
            example = Objects.requireNonNull(example, "example");
            mistakes = List.copyOf(mistakes);
            story = Objects.requireNonNull(story, "story");
        }

        @Override
        public Details get() {
            return this;
        }
    }

    private final String id;
    private final String topic;
    private final Difficulty difficulty;
    private final List<String> tags;
    private final String question;
    private final String answer;
    /** Decoded on every call when read lazily: keeping them would fill the heap back as a bank is embedded. */
    private final Supplier<Details> details;
    private final Optional<String> choice;
    private final List<String> distractors;
    private final List<String> keypoints;

    public Question(String id, String topic, Difficulty difficulty, List<String> tags, String question, String answer,
                    Optional<String> explanation, Optional<String> example, List<String> mistakes,
                    Optional<String> story, Optional<String> choice, List<String> distractors, List<String> keypoints) {
        this(id, topic, difficulty, tags, question, answer, new Details(explanation, example, mistakes, story), choice,
                distractors, keypoints);
    }

    /** A question whose long parts {@code details} supplies when they are asked for. */
    Question(String id, String topic, Difficulty difficulty, List<String> tags, String question, String answer,
             Supplier<Details> details, Optional<String> choice, List<String> distractors, List<String> keypoints) {
        this.id = Objects.requireNonNull(id, "id");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.difficulty = Objects.requireNonNull(difficulty, "difficulty");
        this.question = Objects.requireNonNull(question, "question");
        this.answer = Objects.requireNonNull(answer, "answer");
        this.tags = List.copyOf(tags);
        this.details = Objects.requireNonNull(details, "details");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.distractors = List.copyOf(distractors);
        this.keypoints = List.copyOf(keypoints);
    }

    public String id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public Difficulty difficulty() {
        return difficulty;
    }

    public List<String> tags() {
        return tags;
    }

    public String question() {
        return question;
    }

    public String answer() {
        return answer;
    }

    public Optional<String> explanation() {
        return details.get().explanation();
    }

    public Optional<String> example() {
        return details.get().example();
    }

    public List<String> mistakes() {
        return details.get().mistakes();
    }

    public Optional<String> story() {
        return details.get().story();
    }

    public Optional<String> choice() {
        return choice;
    }

    public List<String> distractors() {
        return distractors;
    }

    public List<String> keypoints() {
        return keypoints;
    }

    /** A question can be asked in a quiz only when it has a right choice written for quizzes. */
    public boolean quizReady() {
        return choice.isPresent();
    }

    /** Equal when every part is, as a record's would be. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Question q && id.equals(q.id) && topic.equals(q.topic) && difficulty == q.difficulty
                && tags.equals(q.tags) && question.equals(q.question) && answer.equals(q.answer)
                && choice.equals(q.choice) && distractors.equals(q.distractors) && keypoints.equals(q.keypoints)
                && details.get().equals(q.details.get());
    }

    /** From the parts always in memory, so that a map of questions never decodes their long parts. */
    @Override
    public int hashCode() {
        return Objects.hash(id, topic, difficulty, tags, question, answer, choice, distractors, keypoints);
    }

    @Override
    public String toString() {
        return "Question[id=" + id + ", topic=" + topic + ", difficulty=" + difficulty + ", question=" + question + "]";
    }
}
