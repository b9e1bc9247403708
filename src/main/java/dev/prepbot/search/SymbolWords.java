package dev.prepbot.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a text that are written with symbols: options ("--from", "-9"), hyphenated terms
 * ("happens-before", "copy-on-write"), code ("o(1)", "c++", "i/o", "1=1") and operators ("===", "+=").
 *
 * <p>Lucene's standard tokenizer splits such a word at its symbols and drops them, so "happens-before"
 * is searched as "happens" and "before", two of the commonest words there are, and "==" is not searched
 * at all; kept whole, they are among the most telling words of a query. No analyzer of Lucene's keeps
 * them whole while trimming the sentence around them ("(see `--from`)." is "--from"), hence this class.
 *
 * <p>A word is what lies between spaces or backticks, lowercased, without quotes (so "'1'='1'" reads as
 * "1=1", and "don't" is a plain word), trimmed of the sentence's punctuation and of brackets it does not
 * close. It is kept when it mixes letters or digits with symbols, or is an operator of two to six symbols
 * other than dashes or dots alone ("--" is more often a dash than a comment). An option with a value
 * ("--from=builder") is also kept as its parts ("--from"), which is how it is usually mentioned.
 */
final class SymbolWords {

    /** Longer runs without spaces are addresses, paths or pastes, not words anyone searches for. */
    static final int LONGEST = 64;

    private static final String QUOTES = "'\"‘’“”";
    private static final String SENTENCE_ENDS = ".,;:!?";
    private static final String OPENING = "([{<";
    private static final String CLOSING = ")]}>";

    /** What a character is to the scan for words (see {@link #kind}). */
    private static final int LETTER_OR_DIGIT = 0;
    private static final int SEPARATOR = 1;
    private static final int SENTENCE_END = 2;
    private static final int QUOTE = 3;
    private static final int SYMBOL = 4;

    private SymbolWords() {
    }

    /** The text's symbol words, each once, in order of first appearance. */
    static List<String> of(String text) {
        return of(List.of(text));
    }

    /** The same for several texts, as for the texts joined by spaces, without joining them. */
    static List<String> of(List<String> texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            collect(text, words);
        }
        return new ArrayList<>(words);
    }

    private static void collect(String text, Set<String> words) {
        // One pass, with no copy of a chunk until it is known to hold a symbol other than a quote or the
        // punctuation ending a sentence: most words have none ("word", "word,", "don't"), and indexing
        // reads every word of the bank here.
        int start = -1;
        boolean symbols = false;
        boolean sentenceEnd = false;
        for (int i = 0; i <= text.length(); i++) {
            int kind = i == text.length() ? SEPARATOR : kind(text.charAt(i));
            if (kind == SEPARATOR) {
                if (start >= 0 && symbols) {
                    add(text.substring(start, i), words);
                }
                start = -1;
                symbols = false;
                sentenceEnd = false;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (kind == SENTENCE_END) {
                // A symbol only when something follows it within the word: "node.js", not "word.".
                sentenceEnd = true;
            } else if (kind != QUOTE) {
                symbols |= kind == SYMBOL || sentenceEnd;
            }
        }
    }

    private static int kind(char c) {
        if (c < 128 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            return LETTER_OR_DIGIT;
        }
        if (c == '`' || Character.isWhitespace(c)) {
            return SEPARATOR;
        }
        if (SENTENCE_ENDS.indexOf(c) >= 0) {
            return SENTENCE_END;
        }
        if (QUOTES.indexOf(c) >= 0) {
            return QUOTE;
        }
        return Character.isLetterOrDigit(c) ? LETTER_OR_DIGIT : SYMBOL;
    }

    private static void add(String chunk, Set<String> words) {
        if (chunk.length() > LONGEST) {
            return;
        }
        String word = trim(unquoted(chunk.toLowerCase(Locale.ROOT)));
        if (!isSymbolWord(word)) {
            return;
        }
        words.add(word);
        if (word.indexOf('=') >= 0 && hasLetterOrDigit(word)) {
            for (String part : word.split("=")) {
                String trimmed = trim(part);
                if (hasLetterOrDigit(trimmed) && isSymbolWord(trimmed)) {
                    words.add(trimmed);
                }
            }
        }
    }

    private static String unquoted(String chunk) {
        StringBuilder kept = new StringBuilder(chunk.length());
        for (int i = 0; i < chunk.length(); i++) {
            if (QUOTES.indexOf(chunk.charAt(i)) < 0) {
                kept.append(chunk.charAt(i));
            }
        }
        return kept.toString();
    }

    /** Without the sentence's punctuation at either end, nor a bracket the word does not close or open. */
    static String trim(String word) {
        int from = 0;
        int to = word.length();
        boolean trimmed = true;
        while (trimmed && from < to) {
            trimmed = false;
            char last = word.charAt(to - 1);
            char first = word.charAt(from);
            int closing = CLOSING.indexOf(last);
            int opening = OPENING.indexOf(first);
            if (SENTENCE_ENDS.indexOf(last) >= 0) {
                to--;
                trimmed = true;
            } else if (closing >= 0 && count(word, from, to, last) > count(word, from, to, OPENING.charAt(closing))) {
                to--;
                trimmed = true;
            } else if (first != '.' && SENTENCE_ENDS.indexOf(first) >= 0) {
                // A leading dot is part of the word: ".net", "./gradlew".
                from++;
                trimmed = true;
            } else if (opening >= 0 && count(word, from, to, first) > count(word, from, to, CLOSING.charAt(opening))) {
                from++;
                trimmed = true;
            }
        }
        return word.substring(from, to);
    }

    private static int count(String word, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += word.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    private static boolean isSymbolWord(String word) {
        boolean letters = false;
        boolean symbols = false;
        boolean onlyDashesOrDots = true;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                letters = true;
            } else {
                symbols = true;
                onlyDashesOrDots &= c == '-' || c == '.';
            }
        }
        if (letters) {
            return symbols;
        }
        return word.length() >= 2 && word.length() <= 6 && !onlyDashesOrDots;
    }

    private static boolean hasLetterOrDigit(String word) {
        return word.chars().anyMatch(Character::isLetterOrDigit);
    }
}
