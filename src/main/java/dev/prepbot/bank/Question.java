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
 * <p>A value like a record, but not one: everything but what search and selection read (the id, topic,
 * difficulty, tags and the question itself) may be read from a bank snapshot only when asked for: the
 * answer, the quiz's choices and the key points. They are most of a bank's text, and a large bank kept
 * every one of them decoded in the heap although only the questions a user opens, quizzes or checks
 * need them (100,000 questions: most of a 400 MB heap, and most of an unchanged start, spent by the
 * garbage collector copying them).
 */
public final class Question {

    /** The fewest and most key points a question may have, and the longest one. */
    public static final int MIN_KEYPOINTS = 3;
    public static final int MAX_KEYPOINTS = 6;
    public static final int MAX_KEYPOINT = 200;

    /** The parts read only when asked for; a supplier of itself, as read from a file or made in memory. */
    record Details(String answer, Optional<String> choice, Optional<String> explanation, Optional<String> example,
                   List<String> mistakes, Optional<String> story, List<String> distractors, List<String> keypoints)
            implements Supplier<Details> {
        Details {
            answer = Objects.requireNonNull(answer, "answer");
            choice = Objects.requireNonNull(choice, "choice");
            explanation = Objects.requireNonNull(explanation, "explanation");
            example = Objects.requireNonNull(example, "example");
            mistakes = List.copyOf(mistakes);
            story = Objects.requireNonNull(story, "story");
            distractors = List.copyOf(distractors);
            keypoints = List.copyOf(keypoints);
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
    /** Decoded on every call when read lazily: keeping them would fill the heap back as a bank is embedded. */
    private final Supplier<Details> details;
    /** Known without reading the choice or the key points, so that finding the questions that have them reads none. */
    private final boolean quizReady;
    private final int keypointCount;

    public Question(String id, String topic, Difficulty difficulty, List<String> tags, String question, String answer,
                    Optional<String> explanation, Optional<String> example, List<String> mistakes,
                    Optional<String> story, Optional<String> choice, List<String> distractors, List<String> keypoints) {
        this(id, topic, difficulty, tags, question,
                new Details(answer, choice, explanation, example, mistakes, story, distractors, keypoints),
                choice.isPresent(), keypoints.size());
    }

    /**
     * A question whose other parts {@code details} supplies when they are asked for; whether it has a
     * choice and how many key points it has are given, so that they are known without reading them.
     */
    Question(String id, String topic, Difficulty difficulty, List<String> tags, String question,
             Supplier<Details> details, boolean quizReady, int keypointCount) {
        this.id = Objects.requireNonNull(id, "id");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.difficulty = Objects.requireNonNull(difficulty, "difficulty");
        this.question = Objects.requireNonNull(question, "question");
        this.tags = List.copyOf(tags);
        this.details = Objects.requireNonNull(details, "details");
        this.quizReady = quizReady;
        this.keypointCount = keypointCount;
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
        return details.get().answer();
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
        return details.get().choice();
    }

    public List<String> distractors() {
        return details.get().distractors();
    }

    public List<String> keypoints() {
        return details.get().keypoints();
    }

    /** Whether the question has key points to check an answer against, without reading them. */
    public boolean hasKeypoints() {
        return keypointCount > 0;
    }

    /** A question can be asked in a quiz only when it has a right choice written for quizzes. */
    public boolean quizReady() {
        return quizReady;
    }

    /** Equal when every part is, as a record's would be. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Question q && id.equals(q.id) && topic.equals(q.topic) && difficulty == q.difficulty
                && tags.equals(q.tags) && question.equals(q.question)
                && quizReady == q.quizReady && keypointCount == q.keypointCount
                && details.get().equals(q.details.get());
    }

    /** From the parts always in memory, so that a map of questions never decodes the others. */
    @Override
    public int hashCode() {
        return Objects.hash(id, topic, difficulty, tags, question, quizReady, keypointCount);
    }

    @Override
    public String toString() {
        return "Question[id=" + id + ", topic=" + topic + ", difficulty=" + difficulty + ", question=" + question + "]";
    }
}
