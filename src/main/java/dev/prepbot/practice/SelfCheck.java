package dev.prepbot.practice;

import dev.prepbot.bank.Question;
import dev.prepbot.search.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Reads a member's own answer to a question and says which of its key points the answer covers. A key
 * point is covered when some sentence of the answer (or two in a row) says the same by meaning, read
 * by the sentence model search uses, or shares enough of its words; until the model is loaded, by
 * words alone. An answer that only repeats the question covers nothing. Everything runs in-process,
 * and the answer is not kept.
 *
 * <p>The thresholds were calibrated on the labelled answers in the test tree, which the self-check
 * test scores against.
 */
public final class SelfCheck {

    /** Longer answers are cut here, as Discord's form is: enough for any spoken answer. */
    public static final int MAX_ANSWER = 2_000;

    /** A key point this close in meaning to a sentence of the answer is covered. */
    static final float CLOSE = 0.76f;
    /** Closer than this, it is covered when the sentence also holds this share of its words. */
    static final float NEAR = 0.40f;
    static final float NEAR_WORDS = 0.4f;
    /** Without the model: the share of a key point's words the answer must hold. */
    static final float WORDS_ALONE = 0.4f;
    /** An answer whose words are nearly all the question's own only restates it. */
    static final float RESTATES_QUESTION = 0.85f;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+|\\n+|\\s+-\\s+|,\\s+(?=and |but |so |which )");

    /** What one answer said of one key point. */
    record Evidence(float cosine, float words) {
    }

    /** Which key points the answer covered and which it missed, in the question's order. */
    public record Result(Question question, List<String> covered, List<String> missed) {
        public Result {
            covered = List.copyOf(covered);
            missed = List.copyOf(missed);
        }
    }

    private final Supplier<Optional<Embedder>> model;
    private final Analyzer analyzer = new EnglishAnalyzer();

    public SelfCheck(Supplier<Optional<Embedder>> model) {
        this.model = model;
    }

    /** Checks the answer against the question's key points; a question without key points covers none. */
    public Result check(Question question, String answer) {
        String text = answer.length() > MAX_ANSWER ? answer.substring(0, MAX_ANSWER) : answer;
        List<String> covered = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        Optional<Embedder> embedder = model.get();
        List<Evidence> evidence = evidence(question, text, embedder);
        for (int i = 0; i < question.keypoints().size(); i++) {
            (covers(evidence.get(i), embedder.isPresent()) ? covered : missed).add(question.keypoints().get(i));
        }
        return new Result(question, covered, missed);
    }

    /** Whether the evidence covers a key point, read by meaning and words or by words alone. */
    static boolean covers(Evidence e, boolean byMeaning) {
        if (!byMeaning) {
            return e.words() >= WORDS_ALONE;
        }
        return e.cosine() >= CLOSE || (e.cosine() >= NEAR && e.words() >= NEAR_WORDS);
    }

    /** For each key point, the closest sentence of the answer by meaning and the share of its words held. */
    List<Evidence> evidence(Question question, String answer, Optional<Embedder> embedder) {
        Set<String> answerWords = stems(answer);
        boolean restates = restatesQuestion(question, answerWords);
        List<String> pieces = pieces(answer);
        List<float[]> pieceVectors = embedder.isPresent() && !restates && !pieces.isEmpty()
                ? embedder.get().embedAll(pieces) : List.of();
        List<Evidence> evidence = new ArrayList<>();
        for (String point : question.keypoints()) {
            if (restates) {
                evidence.add(new Evidence(0f, 0f));
                continue;
            }
            Set<String> pointWords = stems(point);
            long held = pointWords.stream().filter(answerWords::contains).count();
            float words = pointWords.isEmpty() ? 0f : (float) held / pointWords.size();
            float cosine = 0f;
            if (!pieceVectors.isEmpty()) {
                float[] p = embedder.get().embed(point);
                for (float[] v : pieceVectors) {
                    cosine = Math.max(cosine, dot(p, v));
                }
            }
            evidence.add(new Evidence(cosine, words));
        }
        return evidence;
    }

    /** An answer that adds almost nothing to the question's own words says nothing about its points. */
    private boolean restatesQuestion(Question question, Set<String> answerWords) {
        if (answerWords.isEmpty()) {
            return true;
        }
        Set<String> questionWords = stems(question.question());
        long fromQuestion = answerWords.stream().filter(questionWords::contains).count();
        return (float) fromQuestion / answerWords.size() >= RESTATES_QUESTION;
    }

    /** The answer's sentences, each pair of neighbours (a point may take two), and the whole answer. */
    static List<String> pieces(String answer) {
        List<String> sentences = new ArrayList<>();
        for (String s : SENTENCE_END.split(answer.strip())) {
            if (!s.isBlank()) {
                sentences.add(s.strip());
            }
        }
        List<String> pieces = new ArrayList<>(sentences);
        for (int i = 0; i + 1 < sentences.size(); i++) {
            pieces.add(sentences.get(i) + " " + sentences.get(i + 1));
        }
        if (sentences.size() > 2) {
            pieces.add(answer.strip());
        }
        return pieces;
    }

    private Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                stems.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
