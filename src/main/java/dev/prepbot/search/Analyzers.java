package dev.prepbot.search;

import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The two ways Prepbot reads text. {@link #stemmed()} folds English word forms together ("indexes",
 * "indexing" and "index" meet), for relevance; {@link #plain()} keeps words as typed, lowercased and
 * accent-folded, so that typos and half-typed words can be matched against real words rather than stems.
 */
final class Analyzers {

    private Analyzers() {
    }

    static Analyzer stemmed() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream chain = new EnglishPossessiveFilter(source);
                chain = new LowerCaseFilter(chain);
                chain = new ASCIIFoldingFilter(chain);
                chain = new StopFilter(chain, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                chain = RememberedStems.stem(chain);
                return new TokenStreamComponents(source, chain);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    static Analyzer plain() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream chain = new LowerCaseFilter(source);
                chain = new ASCIIFoldingFilter(chain);
                return new TokenStreamComponents(source, chain);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** The tokens the analyzer makes of the text, at most {@code limit} of them. */
    static List<String> tokens(Analyzer analyzer, String text, int limit) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (tokens.size() < limit && stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            // Analysis of an in-memory string cannot fail on I/O.
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
