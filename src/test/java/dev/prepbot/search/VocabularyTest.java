package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One server's words are its own: typos and half-typed words are read against them, not everyone's. */
class VocabularyTest {

    private static final String FIELD = "server_words";
    private static final String ACME = "1001";
    private static final String OTHER = "2002";

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private DirectoryReader reader;

    @BeforeEach
    void index() throws Exception {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(SearchIndex.fieldAnalyzer()))) {
            writer.addDocument(doc(ACME, "merchant ledger"));
            writer.addDocument(doc(OTHER, "mercury ledger"));
        }
        reader = DirectoryReader.open(directory);
    }

    private static Document doc(String guild, String text) {
        Document doc = new Document();
        doc.add(new StringField(ServerIndex.GUILD, guild, Field.Store.NO));
        doc.add(new TextField(SearchIndex.QUESTION_PLAIN, text, Field.Store.NO));
        for (String word : text.split(" ")) {
            doc.add(new StringField(FIELD, Vocabulary.serverWord(guild, word), Field.Store.NO));
        }
        return doc;
    }

    @AfterEach
    void close() throws Exception {
        reader.close();
    }

    @Test
    void aServerKnowsOnlyItsOwnWords() throws Exception {
        Vocabulary acme = Vocabulary.ofServer(reader, FIELD, ACME);
        Vocabulary other = Vocabulary.ofServer(reader, FIELD, OTHER);
        assertTrue(acme.holds("merchant"));
        assertFalse(other.holds("merchant"));
        assertTrue(other.holds("ledger") && acme.holds("ledger"));
        assertTrue(other.begins("merc") && other.begins("mercu"));
        assertFalse(other.begins("merch"), "only another server has a word beginning so");
    }

    @Test
    void aTypoIsCorrectedTowardsTheServersOwnWords() throws Exception {
        assertEquals(List.of("merchant"), Vocabulary.ofServer(reader, FIELD, ACME).corrections("merchnat", 2, 3));
        assertEquals(List.of(), Vocabulary.ofServer(reader, FIELD, OTHER).corrections("merchnat", 2, 3));
        assertEquals(List.of("mercury"), Vocabulary.ofServer(reader, FIELD, OTHER).corrections("mercuyr", 2, 3));
        assertEquals(List.of(), Vocabulary.ofServer(reader, FIELD, OTHER).corrections("mer", 2, 3), "too short to correct");
    }

    @Test
    void aHalfTypedWordMatchesTheServersWordsItBegins() throws Exception {
        IndexSearcher searcher = new IndexSearcher(reader);
        var begun = Vocabulary.ofServer(reader, FIELD, OTHER).beginning(SearchIndex.QUESTION_PLAIN, "merc");
        var inOther = new BooleanQuery.Builder().add(begun, Occur.MUST)
                .add(new TermQuery(new Term(ServerIndex.GUILD, OTHER)), Occur.FILTER).build();
        assertEquals(1, searcher.count(inOther));
        assertEquals(0, searcher.count(Vocabulary.ofServer(reader, FIELD, OTHER).beginning(SearchIndex.QUESTION_PLAIN, "merch")));
    }
}
