package dev.prepbot.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * What the words of a query are: chat filler that says nothing about which question is meant ("how do
 * I", "what's the difference between"), or a real English word, which is never "corrected" into some
 * other word just because the bank lacks it ("undo", "sourdough"). The English word list is the
 * en_US Hunspell dictionary from SCOWL, shipped in the jar and read by Lucene's Hunspell.
 */
final class QueryWords {

    /**
     * Question words, pronouns, auxiliaries and chat words: on top of Lucene's English stop words, the
     * words that only join a question together. A query of nothing else asks nothing.
     */
    private static final Set<String> JOINING = Set.of(
            "how", "what", "what's", "whats", "why", "when", "where", "which", "who", "whom", "whose",
            "do", "does", "did", "doing", "done", "don't", "dont", "doesn't", "doesnt", "didn't",
            "i", "i'm", "im", "i've", "me", "my", "mine", "myself", "we", "our", "us", "you", "your", "yours",
            "can", "can't", "cant", "could", "should", "would", "shall", "may", "might", "must", "am", "been",
            "being", "have", "has", "had", "having", "please", "hi", "hello", "hey", "so", "just", "really",
            "actually", "from", "than", "too", "very", "also", "its", "it's", "isn't", "isnt", "aren't",
            "there's", "here", "about", "some", "any", "ok", "okay");

    /**
     * Words that say little in a sentence ("explain the difference between ...") but may be what a
     * short query is about ("go", "make").
     */
    private static final Set<String> VAGUE = Set.of(
            "get", "gets", "got", "getting", "go", "goes",
            "tell", "explain", "describe", "mean", "means", "meant", "difference", "differences", "different",
            "between", "vs", "versus", "thing", "things", "stuff", "way", "ways",
            "best", "good", "better", "like", "want", "wants", "need", "needs", "know", "understand", "question",
            "questions", "someone", "something", "anything", "one", "ones", "make", "makes", "happen", "happens",
            "keep", "keeps", "kept", "work", "works", "working", "use", "using", "used", "all", "other", "out",
            "up", "same", "much", "many", "more", "most", "each", "every", "lot", "lots", "kind",
            "while", "instead", "over", "again", "still", "even", "say");

    private final CompletableFuture<Hunspell> english;

    private QueryWords(CompletableFuture<Hunspell> english) {
        this.english = english;
    }

    /**
     * The process's one English word list: it never changes, so every index shares it. Reading it takes a
     * few hundred milliseconds, so it is read in the background from the first use: a start does not wait
     * for it, and the first query with a word the bank lacks waits for what is left.
     */
    static QueryWords shared() {
        return Shared.WORDS;
    }

    private static final class Shared {
        static final QueryWords WORDS = new QueryWords(CompletableFuture.supplyAsync(QueryWords::read));
    }

    private static Hunspell read() {
        try (InputStream affix = resource("en_US.aff"); InputStream words = resource("en_US.dic")) {
            return new Hunspell(new Dictionary(new ByteBuffersDirectory(), "hunspell", affix, words));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the English dictionary", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the English dictionary is damaged: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = QueryWords.class.getResourceAsStream("hunspell/" + name);
        if (in == null) {
            throw new IOException("hunspell/" + name + " is missing from the jar");
        }
        return in;
    }

    /**
     * Whether a lowercased word says nothing about the subject of a query. Filler still reaches the
     * sentence model, which reads whole sentences; it only stops counting as evidence for lexical matching.
     */
    static boolean isFiller(String word) {
        return VAGUE.contains(word) || isJoining(word);
    }

    /** Whether a lowercased word only joins others: a query of nothing but these asks nothing. */
    static boolean isJoining(String word) {
        return JOINING.contains(word) || EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word);
    }

    /**
     * Whether a lowercased word is spelled as English spells it; a word that is not may be a typo.
     * Lucene's Hunspell reuses buffers between calls, hence one call at a time; it is only asked about
     * words the bank does not contain, and answers in microseconds.
     */
    synchronized boolean isEnglish(String word) {
        if (word.length() > 40 || !word.chars().allMatch(c -> Character.isLetter(c) || c == '\'')) {
            return false;
        }
        Hunspell dictionary = english.join();
        return dictionary.spell(word) || dictionary.spell(word.toLowerCase(Locale.ROOT));
    }
}
