package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;
import org.junit.jupiter.api.Test;

/** One field holding a question's main text, each word counted by where it stands: BM25F at index time. */
class WeightedWordsTest {

    /** The question, tags, answer and explanation of each document, indexed as a question's are. */
    private static DirectoryReader index(ByteBuffersDirectory directory, List<String[]> texts) throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(SearchIndex.fieldAnalyzer()))) {
            for (int i = 0; i < texts.size(); i++) {
                String[] t = texts.get(i);
                Document doc = new Document();
                doc.add(new StringField(SearchIndex.ID, "q" + i, Field.Store.YES));
                doc.add(new WeightedWords(t[0], t[1], t[2], t[3]));
                writer.addDocument(doc);
            }
        }
        return DirectoryReader.open(directory);
    }

    @Test
    void eachWordCountsAsOftenAsTheFieldsItStandsInWeighIt() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             DirectoryReader reader = index(directory, List.<String[]>of(
                     new String[] {"raft quorum", "raft", "quorum quorum", "raft raft"}))) {
            LeafReader leaf = reader.leaves().get(0).reader();
            TermsEnum words = leaf.terms(WeightedWords.FIELD).iterator();
            assertTrue(words.seekExact(new BytesRef("raft")));
            assertEquals(WeightedWords.QUESTION + WeightedWords.TAGS + 2 * WeightedWords.EXPLANATION, count(words));
            assertTrue(words.seekExact(new BytesRef("quorum")));
            assertEquals(WeightedWords.QUESTION + 2 * WeightedWords.ANSWER, count(words));
            // The length BM25 normalises by is the text's length counted the same way.
            NumericDocValues norms = leaf.getNormValues(WeightedWords.FIELD);
            assertTrue(norms.advanceExact(0));
            int length = 2 * WeightedWords.QUESTION + WeightedWords.TAGS + 2 * WeightedWords.ANSWER + 2 * WeightedWords.EXPLANATION;
            assertEquals(SmallFloat.intToByte4(length), (byte) norms.longValue());
        }
    }

    @Test
    void theWordsAreTheStemsAQueryLooksUp() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             DirectoryReader reader = index(directory, List.<String[]>of(
                     new String[] {"How are leaders elected?", "", "", ""}))) {
            List<String> indexed = new ArrayList<>();
            TermsEnum words = reader.leaves().get(0).reader().terms(WeightedWords.FIELD).iterator();
            for (BytesRef word = words.next(); word != null; word = words.next()) {
                indexed.add(word.utf8ToString());
            }
            List<String> stems = Analyzers.tokens(Analyzers.stemmed(), "How are leaders elected?", 10)
                    .stream().distinct().sorted().toList();
            assertTrue(stems.contains(Analyzers.tokens(Analyzers.stemmed(), "leader", 1).get(0)));
            assertEquals(stems, indexed);
        }
    }

    @Test
    void aWordInTheQuestionOutranksTheSameWordInTheTagsTheAnswerAndTheExplanation() throws IOException {
        // Each holds the word once and one other word: only where the word stands differs.
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             DirectoryReader reader = index(directory, List.of(
                     new String[] {"cache", "", "", "memory"},
                     new String[] {"", "", "cache", "memory"},
                     new String[] {"", "cache", "", "memory"},
                     new String[] {"", "", "memory", "cache"}))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            String cache = Analyzers.tokens(Analyzers.stemmed(), "cache", 1).get(0);
            ScoreDoc[] found = searcher.search(new TermQuery(new Term(WeightedWords.FIELD, cache)), 10).scoreDocs;
            int[] order = Arrays.stream(found).mapToInt(sd -> sd.doc).toArray();
            assertArrayEquals(new int[] {0, 2, 1, 3}, order, "question, tags, answer, explanation");
        }
    }

    @Test
    void theQuestionAnalysedOnceForItsOwnFieldGivesTheSameCountsAsAnalysedAgain() throws IOException {
        String[] text = {"Why are leader elections in Raft randomised?", "raft consensus",
                "Random timeouts keep two candidates from splitting the vote.", "Each follower waits a random time."};
        try (ByteBuffersDirectory alone = new ByteBuffersDirectory();
             ByteBuffersDirectory shared = new ByteBuffersDirectory()) {
            try (DirectoryReader again = index(alone, List.<String[]>of(text));
                 IndexWriter writer = new IndexWriter(shared, new IndexWriterConfig(SearchIndex.fieldAnalyzer()))) {
                WeightedWords weighted = new WeightedWords(text[0], text[1], text[2], text[3]);
                Document doc = new Document();
                doc.add(weighted.question());
                doc.add(weighted);
                writer.addDocument(doc);
                writer.commit();
                try (DirectoryReader once = DirectoryReader.open(shared)) {
                    assertEquals(counts(again), counts(once));
                    assertTrue(counts(once).containsKey("raft"));
                    LeafReader question = once.leaves().get(0).reader();
                    assertTrue(question.terms(SearchIndex.QUESTION).iterator().seekExact(new BytesRef("raft")),
                            "the question's own field is indexed as before");
                }
            }
        }
    }

    /** Each word of the weighted field with its count and the field's length, of the first document. */
    private static Map<String, Integer> counts(DirectoryReader reader) throws IOException {
        LeafReader leaf = reader.leaves().get(0).reader();
        Map<String, Integer> counts = new TreeMap<>();
        TermsEnum words = leaf.terms(WeightedWords.FIELD).iterator();
        for (BytesRef word = words.next(); word != null; word = words.next()) {
            counts.put(word.utf8ToString(), count(words));
        }
        NumericDocValues norms = leaf.getNormValues(WeightedWords.FIELD);
        norms.advanceExact(0);
        counts.put("(length)", (int) norms.longValue());
        return counts;
    }

    private static int count(TermsEnum words) throws IOException {
        PostingsEnum postings = words.postings(null, PostingsEnum.FREQS);
        postings.nextDoc();
        return postings.freq();
    }
}
