package dev.prepbot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The words a query is checked against: whether a typed word is known, which known words a typo is
 * near, and which ones a half-typed word begins. A bank's index has one vocabulary; the servers' index
 * has one per server, each server's words kept under its own prefix in one field, so a server's typo is
 * corrected towards its own words only and the spell checker walks that server's words, not everyone's.
 */
final class Vocabulary {

    /** Separates a server from a word in the servers' vocabulary field: no analysed word holds it. */
    static final char SEPARATOR = '\u001f';
    /** Completions of a half-typed word looked up in one server's words; far more than a server has. */
    private static final int MAX_COMPLETIONS = 1_024;

    private final IndexReader reader;
    private final String field;
    private final String prefix;

    private Vocabulary(IndexReader reader, String field, String prefix) {
        this.reader = reader;
        this.field = field;
        this.prefix = prefix;
    }

    /** Every word of the index, in the bank's words field. */
    static Vocabulary of(IndexReader reader) {
        return new Vocabulary(reader, SearchIndex.WORDS, "");
    }

    /** One server's words, in the field that holds each server's words under its prefix. */
    static Vocabulary ofServer(IndexReader reader, String field, String guild) {
        return new Vocabulary(reader, field, guild + SEPARATOR);
    }

    /** The term a server's word is indexed as in the servers' vocabulary field. */
    static String serverWord(String guild, String word) {
        return guild + SEPARATOR + word;
    }

    IndexReader reader() {
        return reader;
    }

    boolean holds(String word) throws IOException {
        return reader.docFreq(new Term(field, prefix + word)) > 0;
    }

    boolean begins(String start) throws IOException {
        Terms words = MultiTerms.getTerms(reader, field);
        if (words == null) {
            return false;
        }
        TermsEnum terms = words.iterator();
        BytesRef first = new BytesRef(prefix + start);
        return terms.seekCeil(first) != TermsEnum.SeekStatus.END && StringHelper.startsWith(terms.term(), first);
    }

    /**
     * The known words at most {@code edits} edits from a word no question holds, by Lucene's spell
     * checker; none for a word under four letters. The first letter is kept, as it is rarely the
     * mistyped one and fixing it keeps the search cheap.
     */
    List<String> corrections(String word, int edits, int count) throws IOException {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(edits);
        checker.setMinQueryLength(prefix.length() + 4);
        checker.setMinPrefix(prefix.length() + 1);
        SuggestWord[] found = checker.suggestSimilar(new Term(field, prefix + word), count, reader,
                SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return Arrays.stream(found).map(w -> w.string.substring(prefix.length())).toList();
    }

    /** Matches the words of {@code textField} that begin with {@code start} and belong to this vocabulary. */
    Query beginning(String textField, String start) throws IOException {
        if (prefix.isEmpty()) {
            return new PrefixQuery(new Term(textField, start));
        }
        List<BytesRef> completions = new ArrayList<>();
        Terms words = MultiTerms.getTerms(reader, field);
        if (words != null) {
            TermsEnum terms = words.iterator();
            BytesRef first = new BytesRef(prefix + start);
            if (terms.seekCeil(first) != TermsEnum.SeekStatus.END) {
                for (BytesRef term = terms.term(); term != null && StringHelper.startsWith(term, first)
                        && completions.size() < MAX_COMPLETIONS; term = terms.next()) {
                    completions.add(new BytesRef(term.utf8ToString().substring(prefix.length())));
                }
            }
        }
        return new TermInSetQuery(textField, completions);
    }
}
