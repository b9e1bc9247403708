package dev.prepbot.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/**
 * When a result is worth showing, and how the ranking by words and the ranking by meaning are mixed:
 * every tuned number of Prepbot's search in one place. The numbers were calibrated on the labelled
 * queries in the test tree (the relevance test reports what they give).
 */
final class Relevance {

    /** How many questions each ranking proposes before they are mixed. */
    static final int CANDIDATES = 30;

    /**
     * Coverage is the share of a query's subject words that the one question holding the most of them
     * holds. Before the sentence model is ready, a query is answered when a question holds at least this
     * share; afterwards meaning and coverage decide together.
     */
    static final float WORDS_ALONE_COVERAGE = 0.5f;

    /**
     * A question holding every subject word of the query answers it, however far the model puts them:
     * the model knows little of jargon such as "mss clamping".
     */
    static final float WHOLE_QUERY = 0.99f;

    /** A question this close in meaning answers the query, whatever words it uses. */
    static final float CLOSE_IN_MEANING = 0.42f;
    /** Closer than this, a question answers the query when it also holds enough of the query's words. */
    static final float NEAR_IN_MEANING = 0.20f;
    static final float NEAR_COVERAGE = 0.4f;

    /** A topic is worth suggesting for an unanswered query when one of its questions is at least this close. */
    static final float NEAR_TOPIC = 0.25f;

    /** The weights of meaning (the cosine) and of words (the score relative to the best, times coverage). */
    static final float MEANING_WEIGHT = 1f;
    static final float WORDS_WEIGHT = 0.5f;

    private Relevance() {
    }

    /**
     * Whether words alone give a result worth showing: keywords all the bank's as typed always do, and
     * otherwise (typos, or no sentence model yet) a question must hold enough of the query.
     */
    static boolean wordsAlone(boolean exactKeywords, java.util.function.DoubleSupplier coverage) {
        // Keywords all the bank's own need no judgement, so the coverage search is spared them.
        return exactKeywords || coverage.getAsDouble() >= WORDS_ALONE_COVERAGE;
    }

    /**
     * Whether the closest question in meaning, with the share of the query's words one question holds,
     * answers the query. On the relevance set, unanswerable queries sit below a cosine of 0.3 and mostly
     * below 0.2 even when common words ("best", "time", "table") match; answerable ones in plain words
     * reach 0.2 to 0.4 with a few of their words matching, or pass 0.42 on meaning alone.
     */
    static boolean answers(float closestCosine, float coverage) {
        return closestCosine >= CLOSE_IN_MEANING || (closestCosine >= NEAR_IN_MEANING && coverage >= NEAR_COVERAGE)
                || coverage >= WHOLE_QUERY;
    }

    /**
     * Each candidate's mixed score by bank position. A question only the words found gets the cosine of
     * the farthest neighbour the model proposed, a bound on how close it can be.
     */
    static Map<Integer, Float> fuse(ScoreDoc[] byWords, int[] questionOfDoc, List<VectorIndex.Neighbour> byMeaning,
                                    float coverage) {
        Map<Integer, Float> cosine = new HashMap<>();
        for (VectorIndex.Neighbour n : byMeaning) {
            cosine.put(n.ordinal(), n.cosine());
        }
        float farthest = byMeaning.isEmpty() ? 0f : byMeaning.get(byMeaning.size() - 1).cosine();
        Map<Integer, Float> wordScore = new HashMap<>();
        float best = byWords.length == 0 ? 1f : byWords[0].score;
        for (ScoreDoc sd : byWords) {
            wordScore.put(questionOfDoc[sd.doc], sd.score / best);
        }
        Map<Integer, Float> mixed = new HashMap<>();
        for (Integer ordinal : union(cosine, wordScore)) {
            float meaning = cosine.getOrDefault(ordinal, farthest);
            float words = wordScore.getOrDefault(ordinal, 0f);
            mixed.put(ordinal, MEANING_WEIGHT * meaning + WORDS_WEIGHT * coverage * words);
        }
        return mixed;
    }

    private static java.util.Set<Integer> union(Map<Integer, Float> a, Map<Integer, Float> b) {
        java.util.Set<Integer> all = new java.util.HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
