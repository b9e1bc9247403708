package dev.prepbot.search;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Lucene's Porter stemming, with the stem of each word it has stemmed remembered: a bank's text repeats
 * a few thousand words over and over, and stemming them afresh was about a ninth of indexing a large bank
 * (a profile of a first start at 100,000 questions). The stems are exactly Porter's, which Lucene keeps
 * to its own package: a word seen before is handed on as its remembered stem, marked as a keyword so the
 * stemmer leaves it alone, and a new word's stem is remembered as it comes out of the stemmer.
 *
 * <p>One instance serves one analysis chain, which Lucene uses on one thread at a time, so the memory
 * needs no locking; it stops growing at {@link #REMEMBERED} words, which holds a bank's vocabulary
 * while bounding what a chain kept for each searching thread can hold.
 */
final class RememberedStems {

    static final int REMEMBERED = 20_000;

    private final CharArrayMap<char[]> stems = new CharArrayMap<>(256, false);
    /** The word the stemmer is stemming now, when its stem is still to be remembered. */
    private char[] unstemmed = new char[16];
    private int unstemmedLength;
    private boolean toRemember;

    /** The words of {@code input}, stemmed. */
    static TokenStream stem(TokenStream input) {
        RememberedStems memory = new RememberedStems();
        return memory.new Remember(new PorterStemFilter(memory.new Recall(input)));
    }

    /** Before the stemmer: a word stemmed before gets its stem at once. */
    private final class Recall extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        Recall(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            toRemember = false;
            if (!input.incrementToken()) {
                return false;
            }
            if (keyword.isKeyword()) {
                return true;
            }
            char[] stem = stems.get(term.buffer(), 0, term.length());
            if (stem != null) {
                term.copyBuffer(stem, 0, stem.length);
                keyword.setKeyword(true);
            } else if (stems.size() < REMEMBERED) {
                unstemmed = ArrayUtil.grow(unstemmed, term.length());
                System.arraycopy(term.buffer(), 0, unstemmed, 0, term.length());
                unstemmedLength = term.length();
                toRemember = true;
            }
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            toRemember = false;
        }
    }

    /** After the stemmer: a new word's stem is remembered. */
    private final class Remember extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        Remember(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (toRemember) {
                stems.put(Arrays.copyOf(unstemmed, unstemmedLength), Arrays.copyOf(term.buffer(), term.length()));
                toRemember = false;
            }
            return true;
        }
    }
}
