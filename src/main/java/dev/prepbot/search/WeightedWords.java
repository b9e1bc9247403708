package dev.prepbot.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
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
 * question keeps a field of its own too, with positions, for phrases and for marking what matched, and the
 * words that field reads are handed on to this one ({@link #question()}), as both read text alike.
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
    /** The question's words as its own field read them, when it did so before this field is read. */
    private char[] questionWords = new char[0];
    private int[] questionWordEnds = new int[0];
    private int questionWordCount = -1;

    WeightedWords(String question, String tags, String answer, String explanation) {
        super(FIELD, TYPE);
        this.parts = List.of(new Part(question, QUESTION), new Part(tags, TAGS), new Part(answer, ANSWER),
                new Part(explanation, EXPLANATION));
    }

    /**
     * The question's own field ({@link SearchIndex#QUESTION}, with positions, for phrases), which hands
     * the words it reads on to this one: added to the document before this field, the question is then
     * analysed once for both (about a tenth of indexing a question's short text). Without it, or when
     * Lucene reads this field first, this field analyses the question itself.
     */
    Field question() {
        return new Field(SearchIndex.QUESTION, TextField.TYPE_NOT_STORED) {
            @Override
            public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
                questionWordCount = 0;
                return new Recording(analyzer.tokenStream(SearchIndex.QUESTION, parts.get(0).text()));
            }
        };
    }

    /** Passes the question's words through, keeping a copy of each for the weighted field. */
    private final class Recording extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        Recording(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            int from = questionWordCount == 0 ? 0 : questionWordEnds[questionWordCount - 1];
            int to = from + term.length();
            if (to > questionWords.length) {
                questionWords = Arrays.copyOf(questionWords, Math.max(2 * questionWords.length, to + 32));
            }
            if (questionWordCount == questionWordEnds.length) {
                questionWordEnds = Arrays.copyOf(questionWordEnds, Math.max(16, 2 * questionWordEnds.length));
            }
            System.arraycopy(term.buffer(), 0, questionWords, from, term.length());
            questionWordEnds[questionWordCount++] = to;
            return true;
        }
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        // Lucene hands back the stream it used for this field before: its memory is used again.
        Weighed weighed = reuse instanceof Weighed again ? again : new Weighed();
        weighed.read(analyzer, this);
        return weighed;
    }

    /**
     * The words of each part in turn, as the analyzer reads them, each with its part's weight as its
     * count: Lucene adds up the counts of a word that comes again in the same document.
     */
    private static final class Weighed extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final TermFrequencyAttribute frequency = addAttribute(TermFrequencyAttribute.class);
        private Analyzer analyzer;
        /** The question's text being read, and the words its own field read, if it did. */
        private WeightedWords text;
        private int part;
        /** The question's word being replayed, when the question's own field read it. */
        private int questionWord;
        /** The words of the part being read, and the word they are at. */
        private TokenStream words;
        private CharTermAttribute word;

        void read(Analyzer analyzer, WeightedWords text) {
            this.analyzer = analyzer;
            this.text = text;
            this.part = -1;
            this.questionWord = 0;
        }

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            if (part == -1 && text.questionWordCount >= 0) {
                if (questionWord < text.questionWordCount) {
                    int from = questionWord == 0 ? 0 : text.questionWordEnds[questionWord - 1];
                    term.copyBuffer(text.questionWords, from, text.questionWordEnds[questionWord] - from);
                    frequency.setTermFrequency(QUESTION);
                    questionWord++;
                    return true;
                }
                part = 0;
            }
            while (words == null || !words.incrementToken()) {
                finishPart();
                do {
                    part++;
                } while (part < text.parts.size() && text.parts.get(part).text().isEmpty());
                if (part == text.parts.size()) {
                    return false;
                }
                words = analyzer.tokenStream(FIELD, text.parts.get(part).text());
                word = words.addAttribute(CharTermAttribute.class);
                words.reset();
            }
            term.copyBuffer(word.buffer(), 0, word.length());
            frequency.setTermFrequency(text.parts.get(part).weight());
            return true;
        }

        @Override
        public void close() throws IOException {
            finishPart();
            super.close();
        }

        private void finishPart() throws IOException {
            if (words != null) {
                words.end();
                words.close();
                words = null;
            }
        }
    }
}
