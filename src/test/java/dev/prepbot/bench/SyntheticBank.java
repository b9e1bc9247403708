package dev.prepbot.bench;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic synthetic banks of any size, made by recombining the built-in bank's vocabulary and
 * sentences: realistic word statistics for measuring search at scale, without shipping data. The same
 * seed and size always give the same bank.
 */
final class SyntheticBank {

    private static final String[] TEMPLATES = {
        "How does %s %s affect %s in %s?",
        "What is the difference between %s and %s when %s meets %s?",
        "Why would you choose %s %s over %s for %s?",
        "When does %s break %s, and how do you protect %s from %s?",
        "Explain %s %s and its impact on %s and %s.",
    };

    private final List<String> words;
    private final List<String> sentences;
    private final List<Question> sources;

    SyntheticBank(Bank source) {
        Set<String> vocabulary = new LinkedHashSet<>();
        List<String> allSentences = new ArrayList<>();
        for (Question q : source.questions()) {
            String text = q.question() + " " + q.answer() + " " + q.explanation().orElse("");
            for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (w.length() >= 5) {
                    vocabulary.add(w);
                }
            }
            for (String s : (q.answer() + " " + q.explanation().orElse("")).split("(?<=[.!?])\\s+")) {
                if (s.length() > 30) {
                    allSentences.add(s);
                }
            }
        }
        this.words = List.copyOf(vocabulary);
        this.sentences = List.copyOf(allSentences);
        this.sources = source.questions();
    }

    /** A bank of {@code size} questions; question i's distinctive words are {@link #keywords}. */
    Bank generate(int size, long seed) {
        Random random = new Random(seed);
        List<Question> questions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Question base = sources.get(i % sources.size());
            String[] picked = new String[4];
            for (int w = 0; w < 4; w++) {
                picked[w] = words.get(random.nextInt(words.size()));
            }
            String question = String.format(Locale.ROOT, TEMPLATES[random.nextInt(TEMPLATES.length)], (Object[]) picked);
            StringBuilder explanation = new StringBuilder();
            for (int s = 0; s < 5; s++) {
                explanation.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
            }
            String answer = sentences.get(random.nextInt(sentences.size()));
            questions.add(new Question("synthetic-" + i, base.topic(), Difficulty.values()[i % 3],
                    List.of(picked[0].length() > 1 ? picked[0] : "topic", base.tags().isEmpty() ? "bench" : base.tags().get(0)),
                    question, answer, Optional.of(explanation.toString().strip()), base.example(), base.mistakes(),
                    base.story(), base.choice(), base.distractors(), base.keypoints()));
        }
        return new Bank(questions);
    }

    /** A query for question i of a generated bank, of one of four kinds, and the id it should find. */
    record LabelledQuery(String kind, String text, String expectedId) {
    }

    static List<LabelledQuery> queries(Bank bank, int count, long seed) {
        Random random = new Random(seed);
        List<LabelledQuery> queries = new ArrayList<>();
        String[] kinds = {"keyword", "typo", "prefix", "natural"};
        for (int i = 0; i < count; i++) {
            Question q = bank.questions().get(random.nextInt(bank.size()));
            List<String> distinct = new ArrayList<>();
            for (String w : q.question().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (w.length() >= 5 && !distinct.contains(w)) {
                    distinct.add(w);
                }
            }
            if (distinct.size() < 3) {
                i--;
                continue;
            }
            String a = distinct.get(0);
            String b = distinct.get(1);
            String c = distinct.get(2);
            String kind = kinds[i % kinds.length];
            String text = switch (kind) {
                case "keyword" -> a + " " + b + " " + c;
                case "typo" -> typo(a, random) + " " + b + " " + c;
                case "prefix" -> a + " " + b + " " + c.substring(0, Math.max(3, c.length() / 2));
                default -> "how does " + a + " relate to " + b + " and " + c;
            };
            queries.add(new LabelledQuery(kind, text, q.id()));
        }
        return queries;
    }

    /** The queries answered by words as typed: keywords, a typo, a half-typed last word; not natural language. */
    static List<LabelledQuery> lexical(List<LabelledQuery> queries) {
        return queries.stream().filter(q -> !q.kind().equals("natural")).toList();
    }

    /** The start of each query's question, 14 to 23 characters of it, as someone typing it would have. */
    static List<LabelledQuery> partials(Bank bank, List<LabelledQuery> queries) {
        List<LabelledQuery> partials = new ArrayList<>();
        for (LabelledQuery q : queries) {
            String question = bank.byId(q.expectedId()).orElseThrow().question();
            String typed = question.substring(0, Math.min(question.length(), 14 + partials.size() % 10));
            partials.add(new LabelledQuery("partial", typed, q.expectedId()));
        }
        return partials;
    }

    /** Swaps two adjacent letters in the middle of a word, the commonest typing slip. */
    private static String typo(String word, Random random) {
        int at = 1 + random.nextInt(word.length() - 2);
        char[] chars = word.toCharArray();
        char t = chars[at];
        chars[at] = chars[at + 1 == chars.length ? at - 1 : at + 1];
        chars[at + 1 == chars.length ? at - 1 : at + 1] = t;
        return new String(chars);
    }
}
