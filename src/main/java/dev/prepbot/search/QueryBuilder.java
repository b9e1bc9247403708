package dev.prepbot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Turns what a user typed into a Lucene query, word by word, without any query-parser syntax: the
 * analyzer picks the words out and everything else ({@code ( " * AND ~ :} ...) is simply not a word.
 *
 * <p>Each word may match, in order of weight: its English stem in the question, tags, answer,
 * explanation and the rest; a misspelling of it (fuzzy, for words of four letters or more); and, for
 * the last word of an as-you-type query, any word it begins. Words are optional (a longer question
 * in natural language still finds its match) and every matched word adds to the score, while the
 * words as a phrase in the question add the most, so exact phrases rank above scattered words.
 */
final class QueryBuilder {

    /** Enough for any real question; a 5,000-character paste is cut here rather than exploding the query. */
    static final int MAX_WORDS = 12;

    private static final float QUESTION_BOOST = 4f;
    private static final float TAGS_BOOST = 3f;
    private static final float ANSWER_BOOST = 2f;
    private static final float EXPLANATION_BOOST = 1f;
    private static final float EXTRA_BOOST = 0.5f;
    private static final float FUZZY_QUESTION_BOOST = 1.5f;
    private static final float FUZZY_BODY_BOOST = 0.5f;
    private static final float PREFIX_QUESTION_BOOST = 1.5f;
    private static final float PREFIX_BODY_BOOST = 0.3f;
    private static final float EXACT_PHRASE_BOOST = 8f;
    private static final float NEAR_PHRASE_BOOST = 3f;
    private static final float ID_BOOST = 50f;
    private static final int FUZZY_EXPANSIONS = 20;

    private final Analyzer plain = Analyzers.plain();
    private final Analyzer stemmed = Analyzers.stemmed();

    Optional<Query> build(String text, Optional<String> topic) {
        return build(text, topic, true);
    }

    private Optional<Query> build(String text, Optional<String> topic, boolean fuzzy) {
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
            List<String> stem = Analyzers.tokens(stemmed, word, 1);
            boolean last = i == words.size() - 1;
            boolean partial = last && lastIsPartial && word.length() >= 2;
            if (stem.isEmpty() && !partial) {
                // A stop word ("the", "and", "is") says nothing about which question is meant.
                continue;
            }
            BooleanQuery.Builder clause = new BooleanQuery.Builder();
            if (!stem.isEmpty()) {
                String s = stem.get(0);
                stems.add(s);
                clause.add(boosted(new TermQuery(new Term(SearchIndex.QUESTION, s)), QUESTION_BOOST), Occur.SHOULD);
                clause.add(boosted(new TermQuery(new Term(SearchIndex.TAGS, s)), TAGS_BOOST), Occur.SHOULD);
                clause.add(boosted(new TermQuery(new Term(SearchIndex.ANSWER, s)), ANSWER_BOOST), Occur.SHOULD);
                clause.add(boosted(new TermQuery(new Term(SearchIndex.EXPLANATION, s)), EXPLANATION_BOOST), Occur.SHOULD);
                clause.add(boosted(new TermQuery(new Term(SearchIndex.EXTRA, s)), EXTRA_BOOST), Occur.SHOULD);
            }
            int edits = allowedEdits(word);
            if (fuzzy && edits > 0) {
                clause.add(boosted(fuzzy(SearchIndex.QUESTION_PLAIN, word, edits), FUZZY_QUESTION_BOOST), Occur.SHOULD);
                clause.add(boosted(fuzzy(SearchIndex.BODY_PLAIN, word, edits), FUZZY_BODY_BOOST), Occur.SHOULD);
            }
            if (partial) {
                clause.add(boosted(new PrefixQuery(new Term(SearchIndex.QUESTION_PLAIN, word)), PREFIX_QUESTION_BOOST), Occur.SHOULD);
                clause.add(boosted(new PrefixQuery(new Term(SearchIndex.BODY_PLAIN, word)), PREFIX_BODY_BOOST), Occur.SHOULD);
            }
            anyWord.add(clause.build(), Occur.SHOULD);
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

    /**
     * Runs the query; should its typo expansions ever exceed Lucene's clause limit, the same words are
     * searched again without them rather than failing the user's search.
     */
    TopDocs search(IndexSearcher searcher, Query query, int limit) throws IOException {
        try {
            return searcher.search(query, limit);
        } catch (IndexSearcher.TooManyClauses e) {
            return searcher.search(stripFuzzy(query), limit);
        }
    }

    private Query stripFuzzy(Query query) {
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder copy = new BooleanQuery.Builder();
            bool.clauses().stream()
                    .filter(c -> !(unboost(c.query()) instanceof FuzzyQuery))
                    .forEach(c -> copy.add(stripFuzzy(c.query()), c.occur()));
            return copy.build();
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(stripFuzzy(boost.getQuery()), boost.getBoost());
        }
        return query;
    }

    private static Query unboost(Query query) {
        return query instanceof BoostQuery b ? b.getQuery() : query;
    }

    /** One typo for words of four to seven letters, two from eight on; short words must be exact. */
    static int allowedEdits(String word) {
        int length = word.codePointCount(0, word.length());
        if (length >= 8) {
            return 2;
        }
        return length >= 4 ? 1 : 0;
    }

    private static Query fuzzy(String field, String word, int edits) {
        // The first letter is rarely the mistyped one; fixing it keeps expansion cheap.
        return new FuzzyQuery(new Term(field, word), edits, 1, FUZZY_EXPANSIONS, true);
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
