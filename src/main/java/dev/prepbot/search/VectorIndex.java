package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;

/**
 * Each question's meaning as a vector in a Lucene HNSW graph: its text and short answer as the sentence
 * model reads them. Built once per bank and model (kept in the index cache beside the words), then
 * read-only, so one instance serves any number of threads.
 */
final class VectorIndex implements AutoCloseable {

    private static final String VECTOR = "vector";
    private static final String TOPIC = "topic";
    private static final String ORDINAL = "ordinal";
    /** Questions embedded per call to the model: large enough to batch, small enough to report progress. */
    private static final int BATCH = 32;

    /** One question near a query: its position in the bank and the cosine between the two. */
    record Neighbour(int ordinal, float cosine) {
    }

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int[] ordinalOfDoc;
    private final int[] docOfOrdinal;

    private VectorIndex(Directory directory, int bankSize) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        try {
            if (reader.numDocs() != bankSize) {
                throw new IOException("the vectors cover " + reader.numDocs() + " questions, the bank " + bankSize);
            }
            this.ordinalOfDoc = new int[reader.maxDoc()];
            this.docOfOrdinal = new int[bankSize];
            Arrays.fill(docOfOrdinal, -1);
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues values = DocValues.getNumeric(leaf.reader(), ORDINAL);
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    int ordinal = Math.toIntExact(values.longValue());
                    if (ordinal < 0 || ordinal >= bankSize) {
                        throw new IOException("the vectors name question " + ordinal + " of a bank of " + bankSize);
                    }
                    ordinalOfDoc[leaf.docBase + doc] = ordinal;
                    docOfOrdinal[ordinal] = leaf.docBase + doc;
                }
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        this.searcher = new IndexSearcher(reader);
    }

    /** Opens vectors written before for a bank of this size. */
    static VectorIndex open(Directory directory, int bankSize) throws IOException {
        return new VectorIndex(directory, bankSize);
    }

    /** Embeds every question of the bank and writes the vectors into the empty directory. */
    static void write(Bank bank, Embedder model, Directory directory, Progress progress) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        List<Question> questions = bank.questions();
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int from = 0; from < questions.size(); from += BATCH) {
                int to = Math.min(from + BATCH, questions.size());
                List<float[]> vectors = model.embedAll(questions.subList(from, to).stream().map(VectorIndex::text).toList());
                for (int i = from; i < to; i++) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField(VECTOR, vectors.get(i - from), VectorSimilarityFunction.DOT_PRODUCT));
                    doc.add(new StringField(TOPIC, questions.get(i).topic(), Field.Store.NO));
                    doc.add(new NumericDocValuesField(ORDINAL, i));
                    writer.addDocument(doc);
                }
                progress.update("Embedding questions", to, questions.size());
            }
            writer.forceMerge(1);
        }
    }

    /** What the model reads of a question: what it asks and the gist of its answer. */
    static String text(Question q) {
        return q.question() + " " + q.answer();
    }

    /** The questions nearest to the vector, nearest first, within the topic when one is given. */
    List<Neighbour> nearest(float[] vector, int k, Optional<String> topic) {
        return nearest(VECTOR, vector, k, topic);
    }

    private List<Neighbour> nearest(String field, float[] vector, int k, Optional<String> topic) {
        try {
            KnnFloatVectorQuery query = topic.isPresent()
                    ? new KnnFloatVectorQuery(field, vector, k, new TermQuery(new Term(TOPIC, topic.get())))
                    : new KnnFloatVectorQuery(field, vector, k);
            List<Neighbour> found = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(query, k).scoreDocs) {
                // Lucene scores a dot product d of unit vectors as (1 + d) / 2.
                found.add(new Neighbour(ordinalOfDoc[sd.doc], 2 * sd.score - 1));
            }
            return found;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("vector search failed", e);
        }
    }

    /** The stored vector of the question at this bank position. */
    Optional<float[]> vectorOf(int ordinal) {
        if (ordinal < 0 || ordinal >= docOfOrdinal.length || docOfOrdinal[ordinal] < 0) {
            return Optional.empty();
        }
        int doc = docOfOrdinal[ordinal];
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                if (doc < leaf.docBase || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                    continue;
                }
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                KnnVectorValues.DocIndexIterator it = values.iterator();
                if (it.advance(doc - leaf.docBase) == doc - leaf.docBase) {
                    return Optional.of(values.vectorValue(it.index()).clone());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read a question's vector", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
