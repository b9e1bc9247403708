package dev.prepbot.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * How much of a query each of a few questions holds: the share of the query's information that lies in
 * the subject words the question holds, each word weighted by what it tells. A question holding only
 * "server" of "how do servers pick which one is in charge" holds a fifth of it; one holding "leader"
 * and "election" of "leader election" holds all of it.
 */
final class HeldWords {

    private HeldWords() {
    }

    /**
     * About how many questions hold the word: the most of any one field that a search weighs for any of
     * its stems (a question may hold one in several fields). Lucene keeps these counts, so no posting is read.
     */
    private static int holding(IndexReader reader, List<String> stems) throws IOException {
        int most = 0;
        for (String stem : stems) {
            for (String field : List.of(SearchIndex.QUESTION, SearchIndex.TAGS, SearchIndex.ANSWER, SearchIndex.EXPLANATION)) {
                most = Math.max(most, reader.docFreq(new Term(field, stem)));
            }
        }
        return most;
    }

    /**
     * BM25's inverse document frequency: what a word held by {@code holding} of {@code questions} tells.
     * A word no question holds (only a half-typed prefix matches) counts as one held by a single question.
     */
    static float information(int questions, int holding) {
        int n = Math.max(1, holding);
        return (float) Math.log(1 + (questions - n + 0.5) / (n + 0.5));
    }

    /** Each given document's share of the query's information, from 0 to 1. */
    static Map<Integer, Float> shares(IndexSearcher searcher, List<QueryBuilder.Word> words, int[] docs)
            throws IOException {
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        float total = 0f;
        float[] held = new float[sorted.length];
        IndexReader reader = searcher.getIndexReader();
        for (QueryBuilder.Word word : words) {
            float information = information(reader.numDocs(), holding(reader, word.stems()));
            total += information;
            Weight weight = searcher.createWeight(searcher.rewrite(word.presence()), ScoreMode.COMPLETE, 1f);
            int next = 0;
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                int end = leaf.docBase + leaf.reader().maxDoc();
                Scorer scorer = next < sorted.length && sorted[next] < end ? weight.scorer(leaf) : null;
                // The documents are sorted, so each leaf's are visited in the order its iterator advances.
                for (; next < sorted.length && sorted[next] < end; next++) {
                    if (scorer == null) {
                        continue;
                    }
                    int target = sorted[next] - leaf.docBase;
                    DocIdSetIterator it = scorer.iterator();
                    if (it.docID() < target) {
                        it.advance(target);
                    }
                    if (it.docID() == target) {
                        // A word typed right scores 1, one held only as a correction of a typo less.
                        held[next] += information * Math.min(1f, scorer.score());
                    }
                }
            }
        }
        Map<Integer, Float> shares = new HashMap<>();
        for (int i = 0; i < sorted.length; i++) {
            shares.put(sorted[i], total == 0f ? 0f : held[i] / total);
        }
        return shares;
    }
}
