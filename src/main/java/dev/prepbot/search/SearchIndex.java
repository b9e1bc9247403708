package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Question;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The Lucene index of a bank: ranked search that forgives typos and reads any text safely,
 * as-you-type suggestions, and "more like this" for similar questions. Built once at start and
 * read-only afterwards, so one instance serves any number of threads.
 */
public final class SearchIndex implements AutoCloseable {

    static final String ID = "id";
    static final String TOPIC = "topic";
    static final String QUESTION = "question";
    static final String TAGS = "tags";
    static final String ANSWER = "answer";
    static final String EXPLANATION = "explanation";
    static final String EXTRA = "extra";
    static final String QUESTION_PLAIN = "question_plain";
    static final String BODY_PLAIN = "body_plain";

    /** Fields "similar questions" compares; the explanation carries most of a question's meaning. */
    private static final String[] SIMILARITY_FIELDS = {QUESTION, TAGS, ANSWER, EXPLANATION};

    private final Bank bank;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final QueryBuilder queries;
    private final MatchHighlighter highlighter;
    private final Suggester suggester;
    private final Map<String, Integer> docIds;

    private SearchIndex(Bank bank, Directory directory, Analyzer analyzer) throws IOException {
        this.bank = bank;
        this.directory = directory;
        this.analyzer = analyzer;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.queries = new QueryBuilder();
        this.highlighter = new MatchHighlighter(searcher, analyzer, QUESTION, QUESTION_PLAIN);
        this.docIds = new LinkedHashMap<>();
        var stored = searcher.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            docIds.put(stored.document(doc).get(ID), doc);
        }
        this.suggester = new Suggester(bank, this);
    }

    /** Indexes the bank in memory. */
    public static SearchIndex build(Bank bank) {
        Analyzer analyzer = fieldAnalyzer();
        Directory directory = new ByteBuffersDirectory();
        try {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (Question q : bank.questions()) {
                    writer.addDocument(document(q));
                }
            }
            return new SearchIndex(bank, directory, analyzer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the search index", e);
        }
    }

    public Bank bank() {
        return bank;
    }

    /**
     * The best matches for what a user typed, best first. Any text is safe: words are taken from it by
     * the analyzer and never parsed as query syntax, so symbols are ignored rather than errors.
     */
    public List<SearchHit> search(String text, Optional<String> topic, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Optional<Query> query = queries.build(text, topic);
        if (query.isEmpty()) {
            return List.of();
        }
        try {
            TopDocs top = queries.search(searcher, query.get(), limit);
            List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Question q = bank.byId(stored.document(sd.doc).get(ID)).orElseThrow();
                hits.add(new SearchHit(q, sd.score, highlighter.highlight(query.get(), sd.doc, q.question())));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** Up to {@code limit} (at most 25) questions for a partly typed question, for autocomplete. */
    public List<Suggestion> suggest(String partial, int limit) {
        return suggester.suggest(partial, limit);
    }

    /** Questions most like the given one, most similar first, never the question itself. */
    public List<SimilarQuestion> similar(String id, int limit) {
        Integer doc = docIds.get(id);
        if (doc == null || limit <= 0) {
            return List.of();
        }
        try {
            MoreLikeThis mlt = new MoreLikeThis(reader);
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(SIMILARITY_FIELDS);
            // Banks are small next to the corpora MoreLikeThis was tuned for: every word counts.
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(3);
            mlt.setMaxQueryTerms(40);
            Query like = mlt.like(doc);
            TopDocs top = searcher.search(like, limit + 1);
            float self = selfScore(like, id, doc, top);
            List<SimilarQuestion> similar = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                if (sd.doc == doc || similar.size() == limit) {
                    continue;
                }
                Question q = bank.byId(stored.document(sd.doc).get(ID)).orElseThrow();
                similar.add(new SimilarQuestion(q, sd.score, self > 0 ? sd.score / self : 0f));
            }
            return similar;
        } catch (IOException e) {
            throw new UncheckedIOException("similar questions failed", e);
        }
    }

    private float selfScore(Query like, String id, int doc, TopDocs top) throws IOException {
        for (ScoreDoc sd : top.scoreDocs) {
            if (sd.doc == doc) {
                return sd.score;
            }
        }
        Query self = new BooleanQuery.Builder()
                .add(like, Occur.MUST)
                .add(new TermQuery(new Term(ID, id)), Occur.FILTER)
                .build();
        TopDocs own = searcher.search(self, 1);
        return own.scoreDocs.length == 0 ? 0f : own.scoreDocs[0].score;
    }

    Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public void close() {
        try {
            suggester.close();
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Analyzer fieldAnalyzer() {
        Analyzer plain = Analyzers.plain();
        return new PerFieldAnalyzerWrapper(Analyzers.stemmed(), Map.of(QUESTION_PLAIN, plain, BODY_PLAIN, plain));
    }

    private static final FieldType STORED_TEXT = storedTextWithVectors();

    /** Text that is stored (for highlighting) with term vectors (for "more like this" without re-analysis). */
    private static FieldType storedTextWithVectors() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.setStoreTermVectors(true);
        type.freeze();
        return type;
    }

    private static Document document(Question q) {
        Document doc = new Document();
        doc.add(new StringField(ID, q.id(), Field.Store.YES));
        doc.add(new StringField(TOPIC, q.topic(), Field.Store.NO));
        doc.add(new Field(QUESTION, q.question(), STORED_TEXT));
        doc.add(new Field(TAGS, String.join(" ", q.tags()).replace('-', ' '), STORED_TEXT));
        doc.add(new Field(ANSWER, q.answer(), STORED_TEXT));
        doc.add(new Field(EXPLANATION, q.explanation().orElse(""), STORED_TEXT));
        String extra = String.join(" ", q.example().orElse(""), String.join(" ", q.mistakes()), q.story().orElse(""));
        doc.add(new TextField(EXTRA, extra, Field.Store.NO));
        doc.add(new Field(QUESTION_PLAIN, q.question(), STORED_TEXT));
        String body = String.join(" ", String.join(" ", q.tags()).replace('-', ' '), q.answer(), q.explanation().orElse(""));
        doc.add(new TextField(BODY_PLAIN, body, Field.Store.NO));
        return doc;
    }
}
