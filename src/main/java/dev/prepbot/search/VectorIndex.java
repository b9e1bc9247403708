package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.apache.lucene.util.VectorUtil;

/**
 * Each question's meaning as vectors in Lucene HNSW graphs: the whole of it (its text and short answer,
 * as the sentence model reads them) and its parts (the question alone, each sentence of the short answer,
 * the first sentences of the explanation). A query phrased like one sentence of an answer can sit far
 * from the question as a whole and close to that sentence, so a query is judged against both.
 * Built once per bank and model (kept in the index cache beside the words), then read-only, so one
 * instance serves any number of threads.
 */
final class VectorIndex implements AutoCloseable {

    /** Names what is embedded, so vectors cached by an earlier layout are never read as this one. */
    static final String LAYOUT = "whole-and-parts-1";

    private static final String VECTOR = "vector";
    private static final String PART = "part";
    private static final String TOPIC = "topic";
    private static final String ORDINAL = "ordinal";
    /** Questions embedded per call to the model: large enough to batch, small enough to report progress. */
    private static final int BATCH = 32;
    /**
     * The explanation's opening sentences say in plain words what the question is about; later ones go
     * into detail that matches queries by accident.
     */
    private static final int EXPLANATION_SENTENCES = 2;

    /** One question near a query: its position in the bank and how close the two are in meaning. */
    record Neighbour(int ordinal, float closeness) {
    }

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int[] ordinalOfDoc;
    private final int[] docOfOrdinal;
    /** Per question: the leaf holding it, its whole vector's position there, and its parts' positions. */
    private final int[] leafOfOrdinal;
    private final int[] wholeOfOrdinal;
    private final int[] partsFrom;
    private final int[] partOrds;

    private VectorIndex(Directory directory, int bankSize) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        try {
            this.ordinalOfDoc = new int[reader.maxDoc()];
            this.docOfOrdinal = new int[bankSize];
            this.leafOfOrdinal = new int[bankSize];
            this.wholeOfOrdinal = new int[bankSize];
            Arrays.fill(docOfOrdinal, -1);
            int[] partCount = new int[bankSize];
            int wholes = 0;
            for (LeafReaderContext leaf : reader.leaves()) {
                int leafIndex = leaf.ord;
                wholes += forEachVector(leaf, VECTOR, bankSize, (doc, ord, ordinal) -> {
                    ordinalOfDoc[leaf.docBase + doc] = ordinal;
                    docOfOrdinal[ordinal] = leaf.docBase + doc;
                    leafOfOrdinal[ordinal] = leafIndex;
                    wholeOfOrdinal[ordinal] = ord;
                });
                forEachVector(leaf, PART, bankSize, (doc, ord, ordinal) -> {
                    ordinalOfDoc[leaf.docBase + doc] = ordinal;
                    partCount[ordinal]++;
                });
            }
            if (wholes != bankSize || Arrays.stream(docOfOrdinal).anyMatch(d -> d < 0)) {
                throw new IOException("the vectors cover " + wholes + " questions, the bank " + bankSize);
            }
            this.partsFrom = new int[bankSize + 1];
            for (int i = 0; i < bankSize; i++) {
                partsFrom[i + 1] = partsFrom[i] + partCount[i];
            }
            this.partOrds = new int[partsFrom[bankSize]];
            int[] next = Arrays.copyOf(partsFrom, bankSize);
            for (LeafReaderContext leaf : reader.leaves()) {
                int leafIndex = leaf.ord;
                forEachVector(leaf, PART, bankSize, (doc, ord, ordinal) -> {
                    if (leafOfOrdinal[ordinal] != leafIndex) {
                        throw new IOException("question " + ordinal + "'s parts lie apart from the whole");
                    }
                    partOrds[next[ordinal]++] = ord;
                });
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        this.searcher = new IndexSearcher(reader);
    }

    private interface VectorVisitor {
        void visit(int doc, int ord, int ordinal) throws IOException;
    }

    /** Visits each vector of the field in the leaf with its question's bank position; returns how many. */
    private static int forEachVector(LeafReaderContext leaf, String field, int bankSize, VectorVisitor visitor)
            throws IOException {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
        if (values == null) {
            return 0;
        }
        NumericDocValues ordinals = DocValues.getNumeric(leaf.reader(), ORDINAL);
        KnnVectorValues.DocIndexIterator it = values.iterator();
        int count = 0;
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
            if (!ordinals.advanceExact(doc)) {
                throw new IOException("a vector names no question");
            }
            int ordinal = Math.toIntExact(ordinals.longValue());
            if (ordinal < 0 || ordinal >= bankSize) {
                throw new IOException("the vectors name question " + ordinal + " of a bank of " + bankSize);
            }
            visitor.visit(doc, it.index(), ordinal);
            count++;
        }
        return count;
    }

    /** Opens vectors written before for a bank of this size. */
    static VectorIndex open(Directory directory, int bankSize) throws IOException {
        return new VectorIndex(directory, bankSize);
    }

    /** Embeds every question of the bank, whole and in parts, and writes the vectors into the empty directory. */
    static void write(Bank bank, Embedder model, Directory directory, Progress progress) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        List<Question> questions = bank.questions();
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int from = 0; from < questions.size(); from += BATCH) {
                int to = Math.min(from + BATCH, questions.size());
                List<String> texts = new ArrayList<>();
                for (Question q : questions.subList(from, to)) {
                    texts.add(text(q));
                    texts.addAll(parts(q));
                }
                Iterator<float[]> vectors = model.embedAll(texts).iterator();
                for (int i = from; i < to; i++) {
                    Question q = questions.get(i);
                    // One block per question keeps its parts in the same segment as its whole.
                    List<Document> block = new ArrayList<>();
                    block.add(doc(VECTOR, vectors.next(), q.topic(), i));
                    for (int p = parts(q).size(); p > 0; p--) {
                        block.add(doc(PART, vectors.next(), q.topic(), i));
                    }
                    writer.addDocuments(block);
                }
                progress.update("Embedding questions", to, questions.size());
            }
            writer.forceMerge(1);
        }
    }

    private static Document doc(String field, float[] vector, String topic, int ordinal) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(field, vector, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StringField(TOPIC, topic, Field.Store.NO));
        doc.add(new NumericDocValuesField(ORDINAL, ordinal));
        return doc;
    }

    /** What the model reads of a question as a whole: what it asks and the gist of its answer. */
    static String text(Question q) {
        return q.question() + " " + q.answer();
    }

    /** The parts of a question the model reads on their own. */
    static List<String> parts(Question q) {
        List<String> parts = new ArrayList<>();
        parts.add(q.question());
        parts.addAll(sentences(q.answer()));
        q.explanation().ifPresent(e -> parts.addAll(sentences(e).stream().limit(EXPLANATION_SENTENCES).toList()));
        return parts;
    }

    private static List<String> sentences(String text) {
        BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        breaks.setText(text);
        List<String> sentences = new ArrayList<>();
        for (int start = breaks.first(), end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    /**
     * The questions closest to a query, closest first: those nearest to it as a whole or in one of their
     * parts, and the extra candidates given (found by words), each judged by {@link Relevance#closeness}.
     */
    List<Neighbour> closest(float[] query, int k, Optional<String> topic, Collection<Integer> extra) {
        Set<Integer> candidates = new LinkedHashSet<>(extra);
        nearest(VECTOR, query, k, topic).forEach(n -> candidates.add(n.ordinal()));
        nearest(PART, query, k, topic).forEach(n -> candidates.add(n.ordinal()));
        try {
            FloatVectorValues[] wholes = new FloatVectorValues[reader.leaves().size()];
            FloatVectorValues[] parts = new FloatVectorValues[wholes.length];
            List<Neighbour> found = new ArrayList<>(candidates.size());
            for (int ordinal : candidates) {
                int leaf = leafOfOrdinal[ordinal];
                if (wholes[leaf] == null) {
                    // Each search reads through its own copies: the values keep a read position.
                    wholes[leaf] = reader.leaves().get(leaf).reader().getFloatVectorValues(VECTOR);
                    parts[leaf] = reader.leaves().get(leaf).reader().getFloatVectorValues(PART);
                }
                float whole = VectorUtil.dotProduct(query, wholes[leaf].vectorValue(wholeOfOrdinal[ordinal]));
                float bestPart = whole;
                for (int i = partsFrom[ordinal]; i < partsFrom[ordinal + 1]; i++) {
                    bestPart = Math.max(bestPart, VectorUtil.dotProduct(query, parts[leaf].vectorValue(partOrds[i])));
                }
                found.add(new Neighbour(ordinal, Relevance.closeness(whole, bestPart)));
            }
            found.sort(Comparator.comparingDouble(Neighbour::closeness).reversed());
            return found;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("vector search failed", e);
        }
    }

    /**
     * The questions nearest to the vector as wholes, nearest first, within the topic when one is given:
     * how alike two questions are.
     */
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
