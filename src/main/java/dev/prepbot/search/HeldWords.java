package dev.prepbot.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * How much of a query each of a few questions holds: the share of the query's information that lies in
 * the subject words the question holds, each word weighted by what it tells, its inverse document
 * frequency in the bank. A question holding only "server" of "how do servers pick which one is in
 * charge" holds a fifth of it; one holding "leader" and "election" of "leader election" holds all of it.
 * A word written with symbols ("happens-before") names its subject and tells more than a plain word as
 * rare, by {@link Relevance#SYMBOLIC_WORDS}.
 *
 * <p>It reads the postings of the words' stems directly, one terms dictionary per field and segment,
 * rather than running a query per word: the counts that weigh a word and the questions that hold it
 * then come from the same lookup, which halved the time this took on the built-in bank.
 */
final class HeldWords {

    private HeldWords() {
    }

    /** Each found document's share of the query's information, from 0 to 1, by document number. */
    static Map<Integer, Float> shares(IndexReader reader, List<QueryBuilder.Word> words, ScoreDoc[] found)
            throws IOException {
        int[] sorted = Arrays.stream(found).mapToInt(sd -> sd.doc).sorted().toArray();
        // held[w][i]: how much of word w document sorted[i] holds; holding[w][s]: how many questions
        // hold stem s of word w (the typed word's, then its corrections').
        float[][] held = new float[words.size()][sorted.length];
        int[][] holding = new int[words.size()][];
        for (int w = 0; w < words.size(); w++) {
            holding[w] = new int[1 + words.get(w).corrections().size()];
        }
        int next = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            int from = next;
            while (next < sorted.length && sorted[next] < leaf.docBase + leaf.reader().maxDoc()) {
                next++;
            }
            Candidates inLeaf = new Candidates(leaf.docBase, Arrays.copyOfRange(sorted, from, next), from);
            // One dictionary per field and segment, shared by the words held in that field.
            Map<String, TermsEnum> dictionaries = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                QueryBuilder.Word word = words.get(w);
                TermsEnum dictionary = dictionary(leaf, word.field(), dictionaries);
                if (dictionary == null) {
                    continue;
                }
                if (word.stem().isPresent()) {
                    holding[w][0] += inLeaf.mark(dictionary, word.stem().get(), 1f, held[w]);
                }
                for (int c = 0; c < word.corrections().size(); c++) {
                    holding[w][1 + c] += inLeaf.mark(dictionary, word.corrections().get(c),
                            QueryBuilder.CORRECTION_WEIGHT, held[w]);
                }
            }
            Terms plain = leaf.reader().terms(SearchIndex.QUESTION_PLAIN);
            for (int w = 0; w < words.size() && plain != null; w++) {
                Optional<String> prefix = words.get(w).prefix();
                if (prefix.isPresent()) {
                    inLeaf.markPrefix(plain.iterator(), prefix.get(), held[w]);
                }
            }
        }
        float total = 0f;
        float[] share = new float[sorted.length];
        for (int w = 0; w < words.size(); w++) {
            // Weighed by its most held stem, the typed word's or a correction's: the least the word may tell.
            int most = Arrays.stream(holding[w]).max().orElse(0);
            float information = information(reader.numDocs(), most)
                    * (words.get(w).writtenWithSymbols() ? Relevance.SYMBOLIC_WORDS : 1f);
            total += information;
            for (int i = 0; i < sorted.length; i++) {
                share[i] += information * held[w][i];
            }
        }
        Map<Integer, Float> shares = new HashMap<>();
        for (int i = 0; i < sorted.length; i++) {
            shares.put(sorted[i], total == 0f ? 0f : share[i] / total);
        }
        return shares;
    }

    private static TermsEnum dictionary(LeafReaderContext leaf, String field, Map<String, TermsEnum> open)
            throws IOException {
        if (!open.containsKey(field)) {
            Terms terms = leaf.reader().terms(field);
            open.put(field, terms == null ? null : terms.iterator());
        }
        return open.get(field);
    }

    /**
     * BM25's inverse document frequency: what a word held by {@code holding} of {@code questions} tells.
     * A word no question holds (only a half-typed prefix matches) counts as one held by a single question.
     */
    static float information(int questions, int holding) {
        int n = Math.max(1, holding);
        return (float) Math.log(1 + (questions - n + 0.5) / (n + 0.5));
    }

    /** The candidates of one segment, by their numbers within it, in order; {@code offset} places them in the whole list. */
    private record Candidates(int docBase, int[] docs, int offset) {

        /**
         * Marks the candidates holding the term as holding {@code amount} of the word (never lowering what
         * they hold already) and returns how many of the segment's questions hold it.
         */
        int mark(TermsEnum dictionary, String term, float amount, float[] held) throws IOException {
            if (!dictionary.seekExact(new BytesRef(term))) {
                return 0;
            }
            if (docs.length > 0) {
                mark(dictionary.postings(null, PostingsEnum.NONE), amount, held);
            }
            return dictionary.docFreq();
        }

        /** Marks the candidates holding any word beginning with the prefix as holding the word. */
        void markPrefix(TermsEnum dictionary, String prefix, float[] held) throws IOException {
            BytesRef start = new BytesRef(prefix);
            if (docs.length == 0 || dictionary.seekCeil(start) == TermsEnum.SeekStatus.END) {
                return;
            }
            PostingsEnum postings = null;
            do {
                if (!StringHelper.startsWith(dictionary.term(), start)) {
                    return;
                }
                postings = dictionary.postings(postings, PostingsEnum.NONE);
                mark(postings, 1f, held);
            } while (dictionary.next() != null);
        }

        private void mark(PostingsEnum postings, float amount, float[] held) throws IOException {
            for (int i = 0; i < docs.length; i++) {
                int target = docs[i] - docBase;
                int at = postings.docID() < target ? postings.advance(target) : postings.docID();
                if (at == DocIdSetIterator.NO_MORE_DOCS) {
                    return;
                }
                if (at == target) {
                    held[offset + i] = Math.max(held[offset + i], amount);
                }
            }
        }
    }
}
