package dev.prepbot.quiz;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.SimilarQuestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Picks a round's questions and builds their four options: the question's own choice and three of its
 * distractors, topped up with the choices of the most similar questions when it has fewer than three.
 */
final class QuestionPicker {

    private final Catalog bank;
    private final SearchIndex index;

    QuestionPicker(Catalog bank, SearchIndex index) {
        this.bank = bank;
        this.index = index;
    }

    /** Questions that can be asked: they have a choice, and enough options can be made for them. */
    List<Question> eligible(Optional<String> guild, Optional<String> topic) {
        return bank.select(guild, topic, Optional.empty()).stream().filter(Question::quizReady).toList();
    }

    /** {@code count} distinct questions in random order, fewer when the pool is smaller. */
    List<QuizQuestion> pick(Optional<String> guild, Optional<String> topic, int count, RandomGenerator random) {
        List<Question> pool = new ArrayList<>(eligible(guild, topic));
        Collections.shuffle(pool, asRandom(random));
        List<QuizQuestion> picked = new ArrayList<>();
        for (Question q : pool) {
            if (picked.size() == count) {
                break;
            }
            options(q, random).ifPresent(picked::add);
        }
        return picked;
    }

    Optional<QuizQuestion> options(Question q, RandomGenerator random) {
        String right = q.choice().orElseThrow();
        Set<String> seen = new LinkedHashSet<>();
        seen.add(key(right));
        List<String> wrong = new ArrayList<>();
        List<String> own = new ArrayList<>(q.distractors());
        Collections.shuffle(own, asRandom(random));
        for (String d : own) {
            if (wrong.size() < 3 && seen.add(key(d))) {
                wrong.add(d);
            }
        }
        if (wrong.size() < 3) {
            for (SimilarQuestion s : index.similar(q.id(), 10)) {
                Optional<String> other = s.question().choice();
                if (wrong.size() < 3 && other.isPresent() && seen.add(key(other.get()))) {
                    wrong.add(other.get());
                }
            }
        }
        if (wrong.size() < 3) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>(wrong);
        int correct = random.nextInt(4);
        options.add(correct, right);
        return Optional.of(new QuizQuestion(q, options, correct));
    }

    private static String key(String option) {
        return option.strip().toLowerCase(Locale.ROOT);
    }

    private static java.util.Random asRandom(RandomGenerator random) {
        return random instanceof java.util.Random r ? r : new java.util.Random(random.nextLong());
    }
}
