package dev.prepbot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * Turns what a user typed into a Lucene query, word by word, without any query-parser syntax: the
 * analyzer picks the words out and everything else ({@code ( " * AND ~ :} ...) is simply not a word.
 *
 * <p>Each word may match, in order of weight: its English stem in the question, tags, answer,
 * explanation and the rest; for a word no question contains (a typo), the bank's words within one or
 * two edits of it, searched the same way at a lower weight; and, for the last word of an as-you-type
 * query, any word of a question it begins. Words are optional (a longer question in natural language
 * still finds its match) and every matched word adds to the score, while the words as a phrase in the
 * question add the most, so exact phrases rank above scattered words.
 */
final class QueryBuilder {

    /** Enough for any real question; a 5,000-character paste is cut here rather than exploding the query. */
    static final int MAX_WORDS = 12;

    private static final float QUESTION_BOOST = 4f;
    private static final float TAGS_BOOST = 3f;
    private static final float ANSWER_BOOST = 2f;
    private static final float EXPLANATION_BOOST = 1f;
    private static final float EXTRA_BOOST = 0.5f;
    /** A corrected typo counts for less than a word typed right: the correction may be a guess. */
    private static final float CORRECTION_WEIGHT = 0.6f;
    private static final int CORRECTIONS = 3;
    private static final float PREFIX_QUESTION_BOOST = 1.5f;
    private static final float EXACT_PHRASE_BOOST = 8f;
    private static final float NEAR_PHRASE_BOOST = 3f;
    private static final float ID_BOOST = 50f;

    private final Analyzer plain = Analyzers.plain();
    private final Analyzer stemmed = Analyzers.stemmed();

    /**
     * The query for the text over the index the reader reads; the reader tells which words the bank
     * does not contain, and supplies the corrections for them.
     */
    Optional<Query> build(String text, Optional<String> topic, IndexReader reader) throws IOException {
        List<String> words = Analyzers.tokens(plain, text, MAX_WORDS);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        boolean lastIsPartial = endsInsideWord(text) && words.size() <= MAX_WORDS;
        List<String> stems = new ArrayList<>();
        BooleanQuery.Builder anyWord = new BooleanQuery.Builder();
        int clauses = 0;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            Optional<String> stem = stem(word);
            boolean last = i == words.size() - 1;
            boolean partial = last && lastIsPartial && word.length() >= 2;
            if (stem.isEmpty() && !partial) {
                // A stop word ("the", "and", "is") says nothing about which question is meant.
                continue;
            }
            // Every field of every word is one clause of a single disjunction: a question's score is the
            // sum over the words and fields it matches.
            if (stem.isPresent()) {
                stems.add(stem.get());
                addStemClauses(anyWord, stem.get(), 1f);
            }
            // A half-typed word that begins some word of the bank is being typed, not mistyped.
            List<String> corrections = partial && beginsAWord(reader, word) ? List.of() : corrections(reader, word);
            for (String correction : corrections) {
                Optional<String> corrected = stem(correction);
                if (corrected.isPresent() && !corrected.equals(stem)) {
                    addStemClauses(anyWord, corrected.get(), CORRECTION_WEIGHT);
                }
            }
            if (partial) {
                anyWord.add(boosted(new PrefixQuery(new Term(SearchIndex.QUESTION_PLAIN, word)), PREFIX_QUESTION_BOOST),
                        Occur.SHOULD);
            }
            clauses++;
        }
        if (stems.size() >= 2) {
            anyWord.add(boosted(phrase(stems, 0), EXACT_PHRASE_BOOST), Occur.SHOULD);
            anyWord.add(boosted(phrase(stems, 3), NEAR_PHRASE_BOOST), Occur.SHOULD);
        }
        String trimmed = text.strip();
        if (!trimmed.isEmpty() && trimmed.length() <= 64) {
            anyWord.add(boosted(new TermQuery(new Term(SearchIndex.ID, trimmed)), ID_BOOST), Occur.SHOULD);
        }
        if (clauses == 0) {
            return Optional.empty();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(anyWord.build(), Occur.MUST);
        topic.ifPresent(t -> query.add(new TermQuery(new Term(SearchIndex.TOPIC, t)), Occur.FILTER));
        return Optional.of(query.build());
    }

    private Optional<String> stem(String word) {
        return Analyzers.tokens(stemmed, word, 1).stream().findFirst();
    }

    private static void addStemClauses(BooleanQuery.Builder clause, String stem, float weight) {
        clause.add(boosted(new TermQuery(new Term(SearchIndex.QUESTION, stem)), QUESTION_BOOST * weight), Occur.SHOULD);
        clause.add(boosted(new TermQuery(new Term(SearchIndex.TAGS, stem)), TAGS_BOOST * weight), Occur.SHOULD);
        clause.add(boosted(new TermQuery(new Term(SearchIndex.ANSWER, stem)), ANSWER_BOOST * weight), Occur.SHOULD);
        clause.add(boosted(new TermQuery(new Term(SearchIndex.EXPLANATION, stem)), EXPLANATION_BOOST * weight), Occur.SHOULD);
        clause.add(boosted(new TermQuery(new Term(SearchIndex.EXTRA, stem)), EXTRA_BOOST * weight), Occur.SHOULD);
    }

    /**
     * The bank's words closest to a word no question contains, by Lucene's spell checker over the
     * bank's own words; none for a word the bank has. Only unknown words are corrected: expanding
     * every word into its near-misses cost a Levenshtein automaton per word per search, which
     * profiling showed was most of a search's time, and ranked near-misses beside the word meant.
     */
    private static List<String> corrections(IndexReader reader, String word) throws IOException {
        // Most typos are one edit away; the automaton for two edits costs far more to build, so it is
        // only built for a long word that has no correction one edit away.
        List<String> found = List.of();
        for (int edits = 1; edits <= allowedEdits(word) && found.isEmpty(); edits++) {
            found = corrections(reader, word, edits);
        }
        return found;
    }

    private static List<String> corrections(IndexReader reader, String word, int edits) throws IOException {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(edits);
        checker.setMinQueryLength(4);
        // The first letter is rarely the mistyped one; fixing it keeps the search for corrections cheap.
        checker.setMinPrefix(1);
        SuggestWord[] found = checker.suggestSimilar(new Term(SearchIndex.WORDS, word), CORRECTIONS, reader,
                SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return Arrays.stream(found).map(w -> w.string).toList();
    }

    private static boolean beginsAWord(IndexReader reader, String prefix) throws IOException {
        Terms words = MultiTerms.getTerms(reader, SearchIndex.WORDS);
        if (words == null) {
            return false;
        }
        TermsEnum terms = words.iterator();
        BytesRef start = new BytesRef(prefix);
        return terms.seekCeil(start) != TermsEnum.SeekStatus.END && StringHelper.startsWith(terms.term(), start);
    }

    /** One typo for words of four to seven letters, two from eight on; short words must be exact. */
    static int allowedEdits(String word) {
        int length = word.codePointCount(0, word.length());
        if (length >= 8) {
            return 2;
        }
        return length >= 4 ? 1 : 0;
    }

    private static Query phrase(List<String> stems, int slop) {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
        stems.forEach(s -> phrase.add(new Term(SearchIndex.QUESTION, s)));
        return phrase.build();
    }

    private static Query boosted(Query query, float boost) {
        return new BoostQuery(query, boost);
    }

    private static boolean endsInsideWord(String text) {
        return !text.isEmpty() && Character.isLetterOrDigit(text.codePointBefore(text.length()));
    }
}
