package dev.prepbot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
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
 * <p>Chat filler ("how do I", "what's the difference between") weighs nothing. Each remaining word
 * is scored by BM25F over the question, tags, answer and explanation together (one field in which
 * each word counts by where it stands, {@link WeightedWords}), so a word in a short field cannot
 * outweigh the rest of the query. A word the bank lacks is corrected to the bank's nearest words only
 * when it is not an English word: "pyhton" is a typo, "undo" is a word the bank simply does not have.
 * The last word of an as-you-type query also matches any word of a question it begins, and the words
 * as a phrase in the question add the most, so exact phrases rank above scattered words. A word written
 * with symbols that the bank holds too ("happens-before", "--from", "===") is also searched whole, and
 * counts as one subject word in place of the words it is made of.
 *
 * <p>Besides the query, the builder reports how much of what was asked the bank's words cover: the
 * evidence {@link SearchIndex} weighs before it shows a result rather than "no match".
 */
final class QueryBuilder {

    /** Enough for any real question; a 5,000-character paste is cut here rather than exploding the query. */
    static final int MAX_WORDS = 16;

    private static final float EXTRA_BOOST = 0.3f;
    /** A corrected typo counts for less than a word typed right: the correction may be a guess. */
    static final float CORRECTION_WEIGHT = 0.6f;
    private static final int CORRECTIONS = 3;
    private static final float PREFIX_QUESTION_BOOST = 1.5f;
    private static final float EXACT_PHRASE_BOOST = 8f;
    private static final float NEAR_PHRASE_BOOST = 3f;
    private static final float ID_BOOST = 50f;
    /** A word written with symbols is as telling as a word in the question, wherever it is. */
    private static final float SYMBOL_WEIGHT = 2f;

    /**
     * A query and what it says about the words typed. {@code coverage} scores each question by how many
     * of the subject words it holds (a corrected typo counts part), so the best score over
     * {@link #subjectWords()} is the share of the query one question covers; {@code words} are those
     * subject words; {@code keywords} is true for a short query of words the bank knows or typos of them,
     * and no filler: one that words alone answer well; {@code exact} when every word is the bank's as typed.
     * {@code corrected} is the query's words with each typo replaced by its likeliest correction, for the
     * sentence models to read; empty when no word was corrected. {@code unmarked} are terms the query
     * searches that a result should not show as matched: "before" of "happens-before" ranks a question
     * holding that word, but "before" alone in it is not what was asked for.
     */
    record Lexical(Query query, Query coverage, List<Word> words, boolean keywords, boolean exact,
                   Optional<String> corrected, Set<Term> unmarked) {

        Lexical {
            words = List.copyOf(words);
            unmarked = Set.copyOf(unmarked);
        }

        /** How many subject words the query has, at least one (a query of an id alone has none). */
        int subjectWords() {
            return Math.max(words.size(), 1);
        }

        /** The same words, with the query and the coverage query changed (rewritten, or limited to a server). */
        Lexical with(Query query, Query coverage) {
            return new Lexical(query, coverage, words, keywords, exact, corrected, unmarked);
        }

        /**
         * Whether one of the subject words is written with symbols and held by the bank too
         * ({@link SymbolWords}).
         */
        boolean symbolic() {
            return words.stream().anyMatch(Word::writtenWithSymbols);
        }
    }

    /**
     * One subject word of a query, as the coverage query matches it: a question holds it when its
     * {@code field} holds its stem, or its question begins a word with {@code prefix} (a half-typed last
     * word); it holds it in part when the field holds only one of the stems of its corrections.
     */
    record Word(Optional<String> stem, List<String> corrections, Optional<String> prefix, String field) {

        Word {
            corrections = List.copyOf(corrections);
        }

        /**
         * A word as the analyzer reads it, held where the question, tags, answer or explanation holds it:
         * all of them are in {@link WeightedWords}.
         */
        Word(Optional<String> stem, List<String> corrections, Optional<String> prefix) {
            this(stem, corrections, prefix, WeightedWords.FIELD);
        }

        /** A word written with symbols, held where the question's text holds it whole. */
        static Word symbol(String word) {
            return new Word(Optional.of(word), List.of(), Optional.empty(), SearchIndex.SYMBOLS);
        }

        /** Whether this is a word written with symbols, held whole or not at all. */
        boolean writtenWithSymbols() {
            return field.equals(SearchIndex.SYMBOLS);
        }
    }

    private final Analyzer plain = Analyzers.plain();
    private final Analyzer stemmed = Analyzers.stemmed();
    private final QueryWords words;

    QueryBuilder(QueryWords words) {
        this.words = words;
    }

    /**
     * The query for the text over the index the reader reads; the reader tells which words the bank
     * does not contain, and supplies the corrections for them.
     */
    Optional<Lexical> build(String text, Optional<String> topic, IndexReader reader) throws IOException {
        List<String> typed = Analyzers.tokens(plain, text, MAX_WORDS);
        List<String> symbols = bankSymbols(text, typed, reader);
        // "what is", "how do I", "( AND )": no word says what the query is about, so nothing answers it,
        // rather than whatever question happens to hold the same joining words.
        if (symbols.isEmpty() && typed.stream().allMatch(QueryWords::isJoining)) {
            return Optional.empty();
        }
        // A query of nothing but filler ("is vs", "what about") has nothing better to go on.
        boolean allFiller = symbols.isEmpty() && typed.stream().allMatch(QueryWords::isFiller);
        return build(text, typed, symbols, allFiller, topic, reader);
    }

    /**
     * The query's words written with symbols that the bank holds too ("happens-before", "--from", "==="),
     * except those the tokenizer keeps whole anyway ("node.js"): each is one more subject word.
     */
    private static List<String> bankSymbols(String text, List<String> typed, IndexReader reader) throws IOException {
        List<String> held = new ArrayList<>();
        for (String word : SymbolWords.of(text)) {
            if (held.size() + typed.size() >= MAX_WORDS) {
                break;
            }
            if (!typed.contains(word) && reader.docFreq(new Term(SearchIndex.SYMBOLS, word)) > 0) {
                held.add(word);
            }
        }
        return held;
    }

    private Optional<Lexical> build(String text, List<String> typed, List<String> symbols, boolean fillerCounts,
                                    Optional<String> topic, IndexReader reader) throws IOException {
        boolean lastIsPartial = endsInsideWord(text);
        List<String> stems = new ArrayList<>();
        // The same with each typo's likeliest correction, for the phrase the user meant ("tcp handshke").
        List<String> meantStems = new ArrayList<>();
        BooleanQuery.Builder anyWord = new BooleanQuery.Builder();
        BooleanQuery.Builder eachWord = new BooleanQuery.Builder();
        List<Word> subjectWords = new ArrayList<>();
        List<String> reading = new ArrayList<>(typed);
        int known = 0;
        int corrected = 0;
        boolean filler = false;
        Set<String> spelledOut = new HashSet<>();
        symbols.forEach(symbol -> spelledOut.addAll(Analyzers.tokens(plain, symbol, MAX_WORDS)));
        // Stems of the parts of words written with symbols, and of the words typed on their own.
        Set<String> partStems = new HashSet<>();
        Set<String> ownStems = new HashSet<>();
        for (int i = 0; i < typed.size(); i++) {
            String word = typed.get(i);
            boolean partial = i == typed.size() - 1 && lastIsPartial && word.length() >= 2;
            boolean inBank = isBankWord(reader, word);
            boolean begun = partial && !inBank && beginsAWord(reader, word);
            boolean typedFiller = QueryWords.isFiller(word);
            // Not the bank's and not English: most likely a typo of one of the bank's words.
            List<String> found = inBank || begun || typedFiller || words.isEnglish(word)
                    ? List.of() : corrections(reader, word);
            if (!found.isEmpty()) {
                reading.set(i, found.get(0));
            }
            // A typo of a joining or vague word ("wolud") says no more than the word itself: only the
            // corrections that say something are searched, and a typo with none of those is filler.
            List<String> searched = found.stream().filter(correction -> !QueryWords.isFiller(correction)).toList();
            if (typedFiller || (!found.isEmpty() && searched.isEmpty())) {
                filler = true;
                if (!fillerCounts) {
                    continue;
                }
            }
            Optional<String> stem = stem(word);
            if (stem.isEmpty() && !partial) {
                continue;
            }
            BooleanQuery.Builder exact = new BooleanQuery.Builder();
            BooleanQuery.Builder typoFixes = new BooleanQuery.Builder();
            List<String> fixes = new ArrayList<>();
            // Stemmed once: for the phrase meant (the likeliest correction) and for the corrections searched.
            List<Optional<String>> fixedStems = searched.stream().map(this::stem).toList();
            if (stem.isPresent()) {
                stems.add(stem.get());
                Optional<String> meant = fixedStems.isEmpty() ? Optional.empty() : fixedStems.get(0);
                meantStems.add(meant.orElse(stem.get()));
                addStemClauses(anyWord, stem.get(), 1f);
                addPresence(exact, stem.get());
            }
            // "before" of "happens-before" still ranks, but is held as part of that word, not as one more.
            if (spelledOut.contains(word)) {
                stem.ifPresent(partStems::add);
                continue;
            }
            stem.ifPresent(ownStems::add);
            if (inBank || begun) {
                known += 1;
            } else if (!searched.isEmpty()) {
                boolean anyFix = false;
                for (Optional<String> fixed : fixedStems) {
                    if (fixed.isPresent() && !fixed.equals(stem)) {
                        addStemClauses(anyWord, fixed.get(), CORRECTION_WEIGHT);
                        addPresence(typoFixes, fixed.get());
                        fixes.add(fixed.get());
                        anyFix = true;
                    }
                }
                corrected += anyFix ? 1 : 0;
            }
            if (partial) {
                Query prefix = new PrefixQuery(new Term(SearchIndex.QUESTION_PLAIN, word));
                anyWord.add(boosted(prefix, PREFIX_QUESTION_BOOST), Occur.SHOULD);
                exact.add(prefix, Occur.SHOULD);
            }
            // Each word counts once per question: fully when typed right, in part when only a correction matched.
            eachWord.add(new DisjunctionMaxQuery(List.of(
                    new ConstantScoreQuery(exact.build()),
                    boosted(new ConstantScoreQuery(typoFixes.build()), CORRECTION_WEIGHT)), 0f), Occur.SHOULD);
            subjectWords.add(new Word(stem, fixes, partial ? Optional.of(word) : Optional.empty()));
        }
        for (String symbol : symbols) {
            Query held = new TermQuery(new Term(SearchIndex.SYMBOLS, symbol));
            anyWord.add(boosted(held, SYMBOL_WEIGHT), Occur.SHOULD);
            eachWord.add(new ConstantScoreQuery(held), Occur.SHOULD);
            subjectWords.add(Word.symbol(symbol));
            known += 1;
        }
        if (stems.size() >= 2) {
            anyWord.add(boosted(phrase(stems, 0), EXACT_PHRASE_BOOST), Occur.SHOULD);
            anyWord.add(boosted(phrase(stems, 3), NEAR_PHRASE_BOOST), Occur.SHOULD);
            if (!meantStems.equals(stems)) {
                anyWord.add(boosted(phrase(meantStems, 0), EXACT_PHRASE_BOOST * CORRECTION_WEIGHT), Occur.SHOULD);
                anyWord.add(boosted(phrase(meantStems, 3), NEAR_PHRASE_BOOST * CORRECTION_WEIGHT), Occur.SHOULD);
            }
        }
        String trimmed = text.strip();
        boolean idTyped = false;
        if (!trimmed.isEmpty() && trimmed.length() <= 64) {
            anyWord.add(boosted(new TermQuery(new Term(SearchIndex.ID, trimmed)), ID_BOOST), Occur.SHOULD);
            idTyped = reader.docFreq(new Term(SearchIndex.ID, trimmed)) > 0;
        }
        int subject = subjectWords.size();
        if (subject == 0 && !idTyped) {
            return Optional.empty();
        }
        boolean keywords = idTyped || (!filler && subject <= 3 && known + corrected == subject);
        boolean exact = idTyped || (keywords && known == subject);
        Optional<String> readable = reading.equals(typed) ? Optional.empty() : Optional.of(String.join(" ", reading));
        partStems.removeAll(ownStems);
        Set<Term> unmarked = new HashSet<>();
        partStems.forEach(part -> unmarked.add(new Term(SearchIndex.QUESTION, part)));
        return Optional.of(new Lexical(inTopic(anyWord.build(), topic), inTopic(eachWord.build(), topic),
                subjectWords, keywords, exact, readable, unmarked));
    }

    private static Query inTopic(Query query, Optional<String> topic) {
        BooleanQuery.Builder within = new BooleanQuery.Builder().add(query, Occur.MUST);
        topic.ifPresent(t -> within.add(new TermQuery(new Term(SearchIndex.TOPIC, t)), Occur.FILTER));
        return within.build();
    }

    /** Matches a question holding the stem in any of the text a search weighs. */
    private static void addPresence(BooleanQuery.Builder any, String stem) {
        any.add(new TermQuery(new Term(WeightedWords.FIELD, stem)), Occur.SHOULD);
    }

    private Optional<String> stem(String word) {
        return Analyzers.tokens(stemmed, word, 1).stream().findFirst();
    }

    /**
     * BM25F over the main text ({@link WeightedWords}), where the question counts most, and a little for
     * the example and story.
     */
    private static void addStemClauses(BooleanQuery.Builder clause, String stem, float weight) {
        clause.add(boosted(new TermQuery(new Term(WeightedWords.FIELD, stem)), weight), Occur.SHOULD);
        clause.add(boosted(new TermQuery(new Term(SearchIndex.EXTRA, stem)), EXTRA_BOOST * weight), Occur.SHOULD);
    }

    private static boolean isBankWord(IndexReader reader, String word) throws IOException {
        return reader.docFreq(new Term(SearchIndex.WORDS, word)) > 0;
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
