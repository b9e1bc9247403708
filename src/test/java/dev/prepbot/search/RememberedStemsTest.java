package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Question;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.CharArraySet;
import org.junit.jupiter.api.Test;

class RememberedStemsTest {

    private static Analyzer chain(boolean remembered) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                WhitespaceTokenizer source = new WhitespaceTokenizer();
                // A keyword marked before stemming stays as it is, remembered or not.
                TokenStream marked = new SetKeywordMarkerFilter(source, new CharArraySet(List.of("running"), false));
                return new TokenStreamComponents(source,
                        remembered ? RememberedStems.stem(marked) : new PorterStemFilter(marked));
            }
        };
    }

    private static List<String> words(Analyzer analyzer, String text) {
        return Analyzers.tokens(analyzer, text, Integer.MAX_VALUE);
    }

    @Test
    void stemsAreExactlyPortersTheFirstTimeAndEveryTimeAfter() throws Exception {
        Analyzer porter = chain(false);
        Analyzer remembered = chain(true);
        List<String> texts = new ArrayList<>();
        for (Question q : new BankLoader().loadBuiltIn().questions()) {
            texts.add(q.question().toLowerCase());
            texts.add(q.answer().toLowerCase());
        }
        // Twice over: the second pass reads every word from memory.
        for (int pass = 0; pass < 2; pass++) {
            for (String text : texts) {
                assertEquals(words(porter, text), words(remembered, text), text);
            }
        }
    }

    @Test
    void aWordMarkedAsKeywordIsLeftAsItIs() {
        Analyzer remembered = chain(true);
        assertEquals(List.of("running", "run", "running"), words(remembered, "running runs running"));
    }

    @Test
    void pastItsBoundNewWordsAreStillStemmed() {
        Analyzer porter = chain(false);
        Analyzer remembered = chain(true);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < RememberedStems.REMEMBERED + 100; i++) {
            many.append("connect").append(letters(i)).append("ing ");
        }
        String text = many + " connecting connections connected";
        assertEquals(words(porter, text), words(remembered, text));
    }

    /** A different word of letters alone for each number. */
    private static String letters(int n) {
        StringBuilder word = new StringBuilder();
        do {
            word.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return word.toString();
    }
}
