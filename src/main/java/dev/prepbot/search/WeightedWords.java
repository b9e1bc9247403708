package dev.prepbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;

/**
 * A question's main text as one field in which each word counts as much as where it stands says: a word
 * in the question counts {@value #QUESTION} times, in the tags {@value #TAGS}, in the short answer
 * {@value #ANSWER}, in the explanation {@value #EXPLANATION}, and the field's length is the text's length
 * counted the same way. BM25 over this one field is BM25F over the four, so a word in a short field cannot
 * outweigh the rest of the query.
 *
 * <p>Lucene's {@code CombinedFieldQuery} computes the same at search time from four fields, but gives no
 * bound on the best score in a block of questions, so a search had to score every question holding any
 * word of the query: at 100,000 questions that was most of a search's time. Counted once while indexing,
 * each word is one posting list with those bounds, and a search skips the questions that cannot reach the
 * top. The analyzer the index writer passes in reads the words as stems, as a query's words are read; the
 * question keeps a field of its own too, with positions, for phrases and for marking what matched.
 */
final class WeightedWords extends Field {

    static final String FIELD = "weighted";

    static final int QUESTION = 4;
    static final int TAGS = 3;
    static final int ANSWER = 2;
    static final int EXPLANATION = 1;

    /** Counts without positions: Lucene takes a word's count from the analysis only for such fields. */
    private static final FieldType TYPE = type();

    private static FieldType type() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.freeze();
        return type;
    }

    /** One part of the text, and how much each of its words counts. */
    private record Part(String text, int weight) {
    }

    private final List<Part> parts;

    WeightedWords(String question, String tags, String answer, String explanation) {
        super(FIELD, TYPE);
        this.parts = List.of(new Part(question, QUESTION), new Part(tags, TAGS), new Part(answer, ANSWER),
                new Part(explanation, EXPLANATION));
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        // Looked up by the analyzer's own buffer: no string is made for a word already counted.
        CharArrayMap<int[]> counts = new CharArrayMap<>(64, false);
        for (Part part : parts) {
            if (part.text().isEmpty()) {
                continue;
            }
            try (TokenStream words = analyzer.tokenStream(FIELD, part.text())) {
                CharTermAttribute term = words.addAttribute(CharTermAttribute.class);
                words.reset();
                while (words.incrementToken()) {
                    int[] count = counts.get(term.buffer(), 0, term.length());
                    if (count == null) {
                        counts.put(Arrays.copyOf(term.buffer(), term.length()), new int[] {part.weight()});
                    } else {
                        count[0] += part.weight();
                    }
                }
                words.end();
            } catch (IOException e) {
                throw new UncheckedIOException("analysing text held in memory cannot fail", e);
            }
        }
        Counted counted = reuse instanceof Counted again ? again : new Counted();
        counted.counts = counts.entrySet().iterator();
        return counted;
    }

    /** Each word once, with its weighted count as the count Lucene indexes. */
    private static final class Counted extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final TermFrequencyAttribute frequency = addAttribute(TermFrequencyAttribute.class);
        private CharArrayMap<int[]>.EntryIterator counts;

        @Override
        public boolean incrementToken() {
            clearAttributes();
            if (!counts.hasNext()) {
                return false;
            }
            char[] word = counts.nextKey();
            term.copyBuffer(word, 0, word.length);
            frequency.setTermFrequency(counts.currentValue()[0]);
            return true;
        }
    }
}
