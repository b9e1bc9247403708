package dev.prepbot.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.SimilarQuestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in bank is content, reviewed like code: these checks fail the build when a question is
 * incomplete, when its quiz options give the answer away, when two questions say the same thing, or
 * when a topic falls below what the product promises.
 */
class BuiltInBankContentTest {

    /** The sixteen topics the built-in bank covers. */
    static final List<String> TOPICS = List.of("algorithms", "behavioral", "concurrency", "containers", "databases",
            "distributed-systems", "git", "java", "javascript", "machine-learning", "networking", "operating-systems",
            "python", "system-design", "testing", "web");
    static final int MIN_PER_TOPIC = 13;
    static final int MIN_QUESTIONS = 208;

    /**
     * Two questions are near-duplicates when "more like this" scores one against the other at more than
     * this share of the score the first gets against itself. Distinct questions of one topic share
     * vocabulary and score well below it; a question written twice in other words scores near or above it.
     */
    static final float NEAR_DUPLICATE = 0.6f;

    private static Bank bank;
    private static SearchIndex index;

    @BeforeAll
    static void load() throws InvalidBankException {
        bank = new BankLoader().loadBuiltIn();
        index = SearchIndex.build(bank);
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void everyTopicHasEnoughQuestionsAndAMixOfDifficulties() {
        assertEquals(TOPICS, bank.topics());
        assertTrue(bank.size() >= MIN_QUESTIONS, "the bank has " + bank.size());
        for (TopicCount count : bank.counts()) {
            String topic = count.topic();
            assertTrue(count.total() >= MIN_PER_TOPIC, topic + " has " + count.total());
            assertTrue(count.easy() * 4 >= count.total(), topic + ": at least a quarter easy");
            assertTrue(count.medium() * 4 >= count.total(), topic + ": at least a quarter medium");
            assertTrue(count.hard() * 6 >= count.total(), topic + ": at least a sixth hard");
        }
    }

    @Test
    void everyQuestionFillsEveryField() {
        List<String> problems = new ArrayList<>();
        for (Question q : bank.questions()) {
            check(problems, q, q.explanation().isPresent(), "explanation");
            check(problems, q, q.example().isPresent(), "example");
            check(problems, q, q.story().isPresent(), "story");
            check(problems, q, q.mistakes().size() >= 2, "at least two mistakes");
            check(problems, q, q.tags().size() >= 2 && q.tags().size() <= 5, "two to five tags");
            check(problems, q, q.choice().isPresent(), "choice");
            check(problems, q, q.distractors().size() == 3, "three distractors");
            int words = q.explanation().map(e -> e.strip().split("\\s+").length).orElse(0);
            check(problems, q, words >= 80 && words <= 250, "explanation of 80-250 words, not " + words);
            check(problems, q, q.id().startsWith(q.topic() + "-"), "id starting with its topic");
            check(problems, q, q.keypoints().size() >= Question.MIN_KEYPOINTS && q.keypoints().size() <= Question.MAX_KEYPOINTS,
                    "three to six key points");
            int sentences = sentences(q.answer());
            check(problems, q, sentences >= 1 && sentences <= 3, "a short answer of one to three sentences, not " + sentences);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void keyPointsAreDistinctShortClaimsNotCopiesOfTheAnswer() {
        List<String> problems = new ArrayList<>();
        for (Question q : bank.questions()) {
            check(problems, q, q.keypoints().stream().map(BankLoader::normalize).distinct().count() == q.keypoints().size(),
                    "the same key point twice");
            for (String point : q.keypoints()) {
                int words = point.strip().split("\\s+").length;
                check(problems, q, words >= 4 && words <= 30, "a key point of 4-30 words, not " + words + ": " + point);
                check(problems, q, !BankLoader.normalize(q.answer()).equals(BankLoader.normalize(point)),
                        "a key point that copies the short answer");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void quizOptionsGiveNothingAwayByTheirLength() {
        List<String> problems = new ArrayList<>();
        for (Question q : bank.questions()) {
            String choice = q.choice().orElseThrow();
            String normalized = choice.strip().toLowerCase(Locale.ROOT);
            for (String distractor : q.distractors()) {
                String d = distractor.strip().toLowerCase(Locale.ROOT);
                check(problems, q, !d.contains(normalized), "distractor containing the choice: " + distractor);
                double ratio = (double) distractor.length() / choice.length();
                check(problems, q, ratio >= 0.5 && ratio <= 2.0,
                        String.format(Locale.ROOT, "distractor %.2fx the choice's length: %s", ratio, distractor));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noTwoQuestionsAreNearDuplicates() {
        List<String> problems = new ArrayList<>();
        for (Question q : bank.questions()) {
            for (SimilarQuestion s : index.similar(q.id(), 1)) {
                if (s.relative() > NEAR_DUPLICATE) {
                    problems.add(String.format(Locale.ROOT, "%s ~ %s (%.2f)", q.id(), s.question().id(), s.relative()));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theNearDuplicateCheckCatchesAQuestionWrittenTwice() {
        Question gil = bank.byId("python-gil").orElseThrow();
        Question copy = new Question("python-gil-again", "python", Difficulty.HARD, gil.tags(),
                "How does CPython's global interpreter lock limit threads?", gil.answer(), gil.explanation(),
                gil.example(), gil.mistakes(), gil.story(), gil.choice(), gil.distractors(), gil.keypoints());
        List<Question> questions = new ArrayList<>(bank.questions());
        questions.add(copy);
        try (SearchIndex withCopy = SearchIndex.build(new Bank(questions))) {
            SimilarQuestion nearest = withCopy.similar("python-gil-again", 1).get(0);
            assertEquals("python-gil", nearest.question().id());
            assertTrue(nearest.relative() > NEAR_DUPLICATE, "relative " + nearest.relative());
        }
    }

    @Test
    void theClassicsAreThere() {
        assertClassic("python", "try except else finally", "python-try-except-else-finally");
        assertClassic("python", "args kwargs", "python-args-kwargs");
        assertClassic("python", "== versus is: equality or identity", "python-equality-vs-identity");
        assertClassic("machine-learning", "k-fold cross-validation", "machine-learning-k-fold-cross-validation");
    }

    private static void assertClassic(String topic, String query, String id) {
        var hits = index.search(query, Optional.of(topic), 1);
        assertFalse(hits.isEmpty(), "no " + topic + " question about " + query);
        assertEquals(id, hits.get(0).question().id());
    }

    /** Sentence ends outside code spans, not counting "e.g." and "i.e.". */
    static int sentences(String text) {
        String plain = text.replaceAll("`[^`]*`", "code").replaceAll("\\b(e\\.g|i\\.e|etc|vs)\\.", "x");
        return (int) java.util.regex.Pattern.compile("[.!?](\\s|$)").matcher(plain).results().count();
    }

    private static void check(List<String> problems, Question q, boolean ok, String what) {
        if (!ok) {
            problems.add(q.id() + ": " + what);
        }
    }
}
