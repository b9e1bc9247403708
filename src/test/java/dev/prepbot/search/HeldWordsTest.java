package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.TextField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The share of a query's information a question holds, by which of its words the question holds. */
class HeldWordsTest {

    /** Four questions about servers, two about leaders: "server" tells less than "leader". */
    private static final List<String> QUESTIONS = List.of(
            "how does a server elect a leader",
            "how does a server cache responses",
            "how does a server queue requests",
            "how does a server pool connections",
            "what does a team leader do");

    private static Map<Integer, Float> shares(String query) throws IOException {
        return shares(QUESTIONS, query, 4, 1, 0);
    }

    /** The shares of the found questions (by position) of the query over these questions. */
    private static Map<Integer, Float> shares(List<String> questions, String query, int... foundDocs) throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            var analyzer = new PerFieldAnalyzerWrapper(Analyzers.stemmed(), Map.of(SearchIndex.WORDS, Analyzers.plain(),
                    SearchIndex.QUESTION_PLAIN, Analyzers.plain(), SearchIndex.SYMBOLS, new WhitespaceAnalyzer()));
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (String question : questions) {
                    Document doc = new Document();
                    doc.add(new TextField(SearchIndex.QUESTION, question, Field.Store.NO));
                    doc.add(new WeightedWords(question, "", "", ""));
                    doc.add(new TextField(SearchIndex.QUESTION_PLAIN, question, Field.Store.NO));
                    doc.add(new TextField(SearchIndex.WORDS, question, Field.Store.NO));
                    doc.add(new TextField(SearchIndex.SYMBOLS, String.join(" ", SymbolWords.of(question)), Field.Store.NO));
                    writer.addDocument(doc);
                    // A segment per question: what a word tells is counted over all of them.
                    writer.commit();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                QueryBuilder.Lexical words = new QueryBuilder(QueryWords.shared())
                        .build(query, Optional.empty(), reader).orElseThrow();
                ScoreDoc[] found = java.util.Arrays.stream(foundDocs).mapToObj(d -> new ScoreDoc(d, 1f)).toArray(ScoreDoc[]::new);
                return HeldWords.shares(reader, words.words(), found);
            }
        }
    }

    @Test
    void aQuestionHoldingEveryWordHoldsTheWholeQuery() throws IOException {
        assertEquals(1f, shares("server leader").get(0), 1e-6);
    }

    @Test
    void aRareWordHeldTellsMoreThanACommonOne() throws IOException {
        Map<Integer, Float> held = shares("server leader");
        assertTrue(held.get(4) > held.get(1), "'leader' alone holds more of the query than 'server' alone: " + held);
        assertEquals(1f, held.get(4) + held.get(1), 1e-6, "the two words are the whole query");
    }

    @Test
    void aCorrectedTypoCountsForPartOfTheWordMeant() throws IOException {
        Map<Integer, Float> typed = shares("server leader");
        Map<Integer, Float> misspelt = shares("server laeder");
        assertTrue(misspelt.get(4) > 0f && misspelt.get(4) < typed.get(4), misspelt.toString());
    }

    @Test
    void aHalfTypedLastWordIsHeldByAQuestionWithAWordItBegins() throws IOException {
        Map<Integer, Float> held = shares("server lead");
        assertEquals(1f, held.get(0), 1e-6, "'leader' begins with 'lead'");
        assertTrue(held.get(4) > held.get(1), held.toString());
    }

    @Test
    void questionsOutsideTheQueryHoldNothingOfIt() throws IOException {
        assertEquals(0f, shares("pool connections").get(4));
    }

    @Test
    void aWordWrittenWithSymbolsTellsMoreThanAPlainWordAsRare() throws IOException {
        // Each word is held by one question; "happens-before" names the subject, "relationship" could be any.
        Map<Integer, Float> held = shares(List.of("what is happens-before in java", "how do threads share memory",
                "what makes a good working relationship", "how do locks work"), "happens-before relationship", 0, 2);
        assertEquals(2f / 3, held.get(0), 1e-6, held.toString());
        assertEquals(1f / 3, held.get(2), 1e-6, held.toString());
    }
}
