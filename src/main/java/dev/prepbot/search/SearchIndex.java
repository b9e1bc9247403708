package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankSnapshot;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.suggest.analyzing.AnalyzingInfixSuggester;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of a bank: ranked search that forgives typos and reads any text safely,
 * as-you-type suggestions, and "more like this" for similar questions. Built once at start and
 * read-only afterwards, so one instance serves any number of threads; a first start moves once from
 * the index it built in memory to the same index stored in the cache.
 */
public final class SearchIndex implements AutoCloseable {

    static final String ID = "id";
    static final String TOPIC = "topic";
    static final String QUESTION = "question";
    static final String EXTRA = "extra";
    static final String QUESTION_PLAIN = "question_plain";
    /**
     * The words of the question, tags, answer and explanation as typed, indexed only for which
     * questions hold them: the words typos are corrected to and half-typed words are completed to.
     */
    static final String WORDS = "words";
    /** The words written with symbols in any of the question's text, whole ("happens-before", "--from"): see {@link SymbolWords}. */
    static final String SYMBOLS = "symbols";

    /** Doc values field holding each document's position in {@link Bank#questions()}. */
    static final String ORDINAL = "ordinal";

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    /** Memory for the questions being indexed, shared by the cores indexing them. */
    private static final double INDEXING_BUFFER_MB = 96;
    /**
     * How long closing waits for a new index to be stored: about ten seconds at 100,000 questions. A
     * stop that cannot wait leaves a half-written folder, which a later start removes.
     */
    private static final Duration STORING_WAIT = Duration.ofMinutes(2);
    /** A smaller bank is indexed on one core: a part of its own costs more than it saves. */
    static final int PART_AT_LEAST = 1_000;
    /**
     * From this size on, a bank new to the cache is first searched by its questions' short text while all
     * of its text is indexed: indexing all of the text of 20,000 questions takes about two seconds here.
     */
    public static final int SHORT_TEXT_FIRST_AT = 20_000;

    /** How much of each question an index holds. */
    public enum Coverage {
        /** The question, its tags and its short answer: a fifth of the built-in bank's text, and what results show. */
        SHORT_TEXT,
        /** Everything searched: the short text, the explanation, the example, the mistakes and the story. */
        ALL_TEXT
    }

    private final Bank bank;
    private final Analyzer analyzer;
    private final QueryBuilder queries;
    /** Highlights questions by their bank position. */
    private final MatchHighlighter highlighter;
    private final Meaning meaning;
    /** What searches read; replaced once, when a first start has stored the index it searched in memory. */
    private volatile Opened opened;
    /** Done when the index is in the cache for the next start, or needs no storing. */
    private volatile CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
    /** Done when searches read all of each question's text, or never will before the next start. */
    private volatile CompletableFuture<Void> allText = CompletableFuture.completedFuture(null);

    /**
     * The index searches read, with the bank position of each of its documents (hits become questions
     * without reading stored fields) and its autocomplete. Each search reads one throughout, even when
     * another replaces it meanwhile.
     */
    private record Opened(IndexReader reader, IndexSearcher searcher, int[] questionOfDoc, Suggester suggester,
                          List<Closeable> resources) implements Closeable {

        @Override
        public void close() throws IOException {
            IOUtils.close(resources);
        }
    }

    private SearchIndex(Bank bank, Meaning meaning) {
        this.bank = bank;
        this.meaning = meaning;
        this.analyzer = fieldAnalyzer();
        this.queries = new QueryBuilder(QueryWords.shared());
        this.highlighter = new MatchHighlighter(analyzer, ordinal -> bank.questions().get(ordinal).question(),
                QUESTION, QUESTION_PLAIN, SYMBOLS);
    }

    /**
     * Opens the reader for searching, with autocomplete from the infix index when there is one (else by
     * ranked search); closing what it returns closes the reader, the infix index and {@code others}.
     * Closes the reader when it does not hold this bank.
     */
    private Opened open(IndexReader reader, Optional<AnalyzingInfixSuggester> infix, List<? extends Closeable> others)
            throws IOException {
        try {
            if (reader.numDocs() != bank.size()) {
                throw new IOException("the index holds " + reader.numDocs() + " questions, the bank " + bank.size());
            }
            int[] questionOfDoc = ordinals(reader, bank.size());
            Suggester suggester = new Suggester(bank, this, infix);
            List<Closeable> resources = new ArrayList<>();
            resources.add(suggester);
            resources.add(reader);
            resources.addAll(others);
            return new Opened(reader, new IndexSearcher(reader), questionOfDoc, suggester, resources);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(reader);
            throw e;
        }
    }

    /** Indexes the bank in memory, for search by words only. */
    public static SearchIndex build(Bank bank) {
        return build(bank, Optional.empty(), Progress.none());
    }

    /** Indexes the bank in memory, searching by meaning too once {@code meaning} is ready. */
    public static SearchIndex build(Bank bank, Meaning meaning) {
        return build(bank, Optional.empty(), Progress.none(), meaning);
    }

    public static SearchIndex build(Bank bank, Optional<IndexCache> cache, Progress progress) {
        return build(bank, cache, progress, Meaning.none());
    }

    /** The same, storing a new index in the cache before it returns. */
    public static SearchIndex build(Bank bank, Optional<IndexCache> cache, Progress progress, Meaning meaning) {
        // Nothing to serve before it returns, so nothing is gained by indexing short text first.
        return build(bank, cache, progress, meaning, Runnable::run, Integer.MAX_VALUE);
    }

    /**
     * The index of the bank: opened from the cache when this bank was indexed there before, otherwise
     * built (into the cache when there is one, for the next start). A cache that cannot be read or
     * written costs only the time to index in memory.
     *
     * <p>A bank new to the cache is searched as soon as its text is indexed, from the parts indexed in
     * memory; {@code storing} then merges them into the cache with the autocomplete index and the bank's
     * snapshot, and searches move to the stored index. At 100,000 questions that storing took about 9 of
     * a first start's 23 s; until it is done, autocomplete comes from ranked search. From
     * {@link #SHORT_TEXT_FIRST_AT} questions on, the parts searched first hold each question's short text
     * only; {@code storing} indexes all of the text first, and searches read it as soon as it is indexed.
     */
    public static SearchIndex build(Bank bank, Optional<IndexCache> cache, Progress progress, Meaning meaning,
                                    Executor storing) {
        return build(bank, cache, progress, meaning, storing, SHORT_TEXT_FIRST_AT);
    }

    /**
     * The same, searching a bank new to the cache by its questions' short text first when it has at least
     * {@code shortTextFirstAt} questions.
     */
    static SearchIndex build(Bank bank, Optional<IndexCache> cache, Progress progress, Meaning meaning,
                             Executor storing, int shortTextFirstAt) {
        if (cache.isPresent() && bank.checksum().isPresent()) {
            try {
                return cached(bank, cache.get(), bank.checksum().get(), progress, meaning, storing, shortTextFirstAt);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot use the index cache in {} ({}); indexing in memory instead.", cache.get().root(),
                        e.getMessage());
            }
        }
        SearchIndex index = new SearchIndex(bank, meaning);
        try {
            List<Directory> parts = invert(bank, Coverage.ALL_TEXT, progress);
            try {
                index.opened = index.inMemory(parts, progress);
            } finally {
                IOUtils.close(parts);
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the search index", e);
        }
    }

    /** The parts merged into an index in memory, with an autocomplete index in memory. */
    private Opened inMemory(List<Directory> parts, Progress progress) throws IOException {
        Directory main = InMemory.directory();
        mergeInOrder(parts, main);
        AnalyzingInfixSuggester infix = Suggester.write(bank, InMemory.directory(), progress);
        return open(DirectoryReader.open(main), Optional.of(infix), List.of(main));
    }

    private static SearchIndex cached(Bank bank, IndexCache cache, String checksum, Progress progress, Meaning meaning,
                                      Executor storing, int shortTextFirstAt) throws IOException {
        String key = IndexCache.key(checksum);
        SearchIndex index = new SearchIndex(bank, meaning);
        Optional<Path> found = cache.find(key);
        if (found.isPresent()) {
            try {
                index.opened = index.openStored(found.get());
                return index;
            } catch (IOException | RuntimeException e) {
                LOG.info("The stored index in {} cannot be read ({}); indexing again.", found.get(), e.getMessage());
                cache.discard(key);
            }
        }
        LOG.info("Indexing {} questions into {}.", bank.size(), cache.root());
        if (bank.size() < shortTextFirstAt) {
            List<Directory> parts = invert(bank, Coverage.ALL_TEXT, progress);
            index.opened = index.openParts(parts);
            index.stored = CompletableFuture.runAsync(() -> index.store(cache, key, parts, progress), storing);
            return index;
        }
        index.opened = index.openParts(invert(bank, Coverage.SHORT_TEXT, progress));
        CompletableFuture<Void> allText = new CompletableFuture<>();
        index.allText = allText;
        index.stored = CompletableFuture.runAsync(() -> {
            List<Directory> parts;
            try {
                parts = invert(bank, Coverage.ALL_TEXT, progress);
                index.opened = index.openParts(parts);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot index all of the bank's text ({}); searching its questions' short text until the"
                        + " next start.", e.getMessage());
                return;
            } finally {
                allText.complete(null);
            }
            index.store(cache, key, parts, progress);
        }, storing);
        return index;
    }

    /**
     * Searches the parts as they are, without merging them; closing what it returns closes them. The parts
     * are closed here when they cannot be opened.
     */
    private Opened openParts(List<Directory> parts) throws IOException {
        try {
            List<IndexReader> readers = new ArrayList<>(parts.size());
            for (Directory part : parts) {
                readers.add(DirectoryReader.open(part));
            }
            return open(new MultiReader(readers.toArray(IndexReader[]::new), true), Optional.empty(), parts);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(parts);
            throw e;
        }
    }

    /**
     * Stores the index for the next start and moves searches to it. Searches begun on the parts finish
     * on them: the parts are left to the garbage collector rather than closed, which frees everything
     * they hold. When the index cannot be stored, it is merged in memory instead.
     */
    private void store(IndexCache cache, String key, List<Directory> parts, Progress progress) {
        try {
            Path folder = cache.store(key, into -> {
                try (Directory main = FSDirectory.open(into.resolve("main"))) {
                    mergeInOrder(parts, main);
                }
                Suggester.write(bank, FSDirectory.open(into.resolve("suggest")), progress).close();
                BankSnapshot.write(bank, into.resolve(IndexCache.SNAPSHOT));
            });
            opened = openStored(folder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot store the search index in {} ({}); keeping it in memory.", cache.root(), e.getMessage());
            try {
                opened = inMemory(parts, progress);
            } catch (IOException | RuntimeException again) {
                // The parts go on serving, with autocomplete by ranked search.
                LOG.warn("Cannot merge the search index in memory either ({}).", again.getMessage());
            }
        }
    }

    /** The index and autocomplete index stored in the folder. */
    private Opened openStored(Path folder) throws IOException {
        Directory main = FSDirectory.open(folder.resolve("main"));
        AnalyzingInfixSuggester lookup = null;
        try {
            lookup = Suggester.open(FSDirectory.open(folder.resolve("suggest")));
            return open(DirectoryReader.open(main), Optional.of(lookup), List.of(main));
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(lookup, main);
            throw e;
        }
    }

    /**
     * Waits up to the timeout for a new index to be stored in the cache, as a benchmark does before it
     * measures memory; true when stored, or when there was nothing to store.
     */
    public boolean awaitStored(Duration timeout) {
        return BackgroundWork.await(stored, timeout);
    }

    /**
     * Indexes every question into parts held in memory, one per core, which read in order hold the
     * questions in bank order: questions that score the same (a query of one common word) come in bank
     * order, whichever thread indexed them, rather than in an order that changed from one build to the
     * next.
     *
     * <p>Each core indexes its own contiguous share of the bank into a part of its own, on one thread, so
     * a part holds its questions in bank order. {@link #mergeInOrder} then merges them into one segment.
     * An index sort on the bank position gave the same order by sorting every buffer flushed and the
     * merge: first starts of 100,000 questions took 25.1-25.8 s with it, 22.3-22.7 s without.
     * One segment because every search seeks each word in every segment: a search by words at 1,000
     * questions took 0.28 ms at p50 instead of 0.43, at 10,000 0.39 instead of 0.58.
     *
     * <p>The parts are about a tenth of the bank's text, which is in memory too. Writing the autocomplete
     * index and the snapshot while they merge, on the core the merge leaves idle, was tried: first starts
     * of 100,000 questions were no sooner (23.6, 22.5 and 29.9 s against 24.3, 23.7 and 28.6 s,
     * alternating), the autocomplete index taking 4-5 s instead of 2-3 s.
     */
    private static List<Directory> invert(Bank bank, Coverage coverage, Progress progress) throws IOException {
        String step = coverage == Coverage.ALL_TEXT ? "Indexing questions" : "Indexing questions' short text";
        // The parts' writers open on several threads at once.
        LuceneClasses.initialize();
        List<Question> questions = bank.questions();
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), questions.size() / PART_AT_LEAST));
        List<Directory> written = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            written.add(new ByteBuffersDirectory());
        }
        AtomicInteger done = new AtomicInteger();
        try {
            IntStream.range(0, parts).parallel().forEach(part -> {
                int from = (int) ((long) questions.size() * part / parts);
                int to = (int) ((long) questions.size() * (part + 1) / parts);
                IndexWriterConfig config = new IndexWriterConfig(fieldAnalyzer())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                        // Merging would join segments out of order; the parts are merged once, in order.
                        .setMergePolicy(NoMergePolicy.INSTANCE)
                        .setRAMBufferSizeMB(INDEXING_BUFFER_MB / parts);
                try (IndexWriter writer = new IndexWriter(written.get(part), config)) {
                    for (int i = from; i < to; i++) {
                        writer.addDocument(document(questions.get(i), i, coverage));
                        int n = done.incrementAndGet();
                        if (n % 1_000 == 0 || n == questions.size()) {
                            progress.update(step, n, questions.size());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return written;
        } catch (UncheckedIOException e) {
            IOUtils.closeWhileHandlingException(written);
            throw e.getCause();
        } catch (RuntimeException | Error e) {
            IOUtils.closeWhileHandlingException(written);
            throw e;
        }
    }

    /**
     * Merges the parts into one segment in the directory: each part's segments in the order it wrote
     * them, part after part.
     */
    private static void mergeInOrder(List<Directory> parts, Directory directory) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(fieldAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        List<DirectoryReader> readers = new ArrayList<>(parts.size());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            List<CodecReader> segments = new ArrayList<>();
            for (Directory part : parts) {
                DirectoryReader reader = DirectoryReader.open(part);
                readers.add(reader);
                for (LeafReaderContext leaf : reader.leaves()) {
                    segments.add((CodecReader) leaf.reader());
                }
            }
            writer.addIndexes(segments.toArray(CodecReader[]::new));
        } finally {
            IOUtils.close(readers);
        }
    }

    private static int[] ordinals(IndexReader reader, int bankSize) throws IOException {
        int[] ordinals = new int[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
            NumericDocValues values = DocValues.getNumeric(leaf.reader(), ORDINAL);
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                long ordinal = values.longValue();
                if (ordinal < 0 || ordinal >= bankSize) {
                    throw new IOException("the index names question " + ordinal + " of a bank of " + bankSize);
                }
                ordinals[leaf.docBase + doc] = (int) ordinal;
            }
        }
        return ordinals;
    }

    private Question question(Opened o, int doc) {
        return bank.questions().get(o.questionOfDoc()[doc]);
    }

    public Bank bank() {
        return bank;
    }

    /**
     * The best matches for what a user typed, best first, or none when nothing in the bank answers it.
     * Any text is safe: words are taken from it by the analyzer and never parsed as query syntax, so
     * symbols are ignored rather than errors.
     */
    public List<SearchHit> search(String text, Optional<String> topic, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Opened o = opened;
        // Built once: the ranking and the highlighter share the words and their corrections.
        Optional<QueryBuilder.Lexical> words = lexical(o, text, topic);
        List<Ranked> ranked = rank(o, text, words, topic, limit);
        if (ranked.isEmpty()) {
            return List.of();
        }
        try {
            int[] ordinals = ranked.stream().mapToInt(Ranked::ordinal).toArray();
            List<Highlight> highlights = words.isPresent()
                    ? highlighter.highlight(words.get().query(), words.get().unmarked(), ordinals) : List.of();
            List<SearchHit> hits = new ArrayList<>(ranked.size());
            for (int i = 0; i < ranked.size(); i++) {
                Question q = bank.questions().get(ranked.get(i).ordinal());
                Highlight highlight = highlights.isEmpty() ? new Highlight(q.question(), List.of()) : highlights.get(i);
                hits.add(new SearchHit(q, ranked.get(i).score(), highlight));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /**
     * The ranking by words alone, without the "no match" judgement: for as-you-type lookups, which must
     * be fast and offer what begins to match.
     */
    public List<Question> find(String text, Optional<String> topic, int limit) {
        List<Question> found = new ArrayList<>();
        Opened o = opened;
        Optional<QueryBuilder.Lexical> query = limit > 0 ? lexical(o, text, topic) : Optional.empty();
        if (query.isEmpty()) {
            return found;
        }
        try {
            for (ScoreDoc sd : best(o, query.get().query(), limit).scoreDocs) {
                found.add(question(o, sd.doc));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** One ranked question: its bank position and the score it was ranked by. */
    private record Ranked(int ordinal, float score) {
    }

    /**
     * Ranks by words, and by meaning when the sentence model is ready and the query is more than a few
     * known keywords; returns nothing when the evidence says the bank does not answer the query.
     */
    private List<Ranked> rank(Opened o, String text, Optional<QueryBuilder.Lexical> words, Optional<String> topic,
                              int limit) {
        // No word to read (blank, symbols, only joining words) is nothing to ask the model about either.
        if (words.isEmpty()) {
            return List.of();
        }
        QueryBuilder.Lexical typed = words.get();
        Optional<Meaning.Ready> model = meaning.ready();
        try {
            int[] questionOfDoc = o.questionOfDoc();
            if (model.isEmpty() || typed.keywords()) {
                if (!Relevance.wordsAlone(typed.exact(), () -> coverage(o, typed))) {
                    return List.of();
                }
                // Only the best few: the fewer wanted, the sooner Lucene skips what cannot make them.
                return Arrays.stream(best(o, typed.query(), limit).scoreDocs)
                        .map(sd -> new Ranked(questionOfDoc[sd.doc], sd.score)).toList();
            }
            TopDocs byWords = best(o, typed.query(), Relevance.CANDIDATES);
            float coverage = coverage(o, typed);
            // A typo garbles what the model reads ("tigth dedline storry"), so it reads the corrections.
            float[] vector = model.get().model().embed(typed.corrected().orElse(text));
            List<Integer> foundByWords = Arrays.stream(byWords.scoreDocs).map(sd -> questionOfDoc[sd.doc]).toList();
            List<VectorIndex.Neighbour> near = model.get().vectors().closest(vector, Relevance.CANDIDATES, topic, foundByWords);
            float closest = near.isEmpty() ? -1f : near.get(0).closeness();
            if (!Relevance.WHOLE_AND_PARTS.answers(closest, coverage) || model.get().aboutEverydayLife(near, vector)
                    || model.get().aboutOtherComputing(near, vector)) {
                return List.of();
            }
            Map<Integer, Float> held = new HashMap<>();
            HeldWords.shares(o.reader(), typed.words(), byWords.scoreDocs)
                    .forEach((doc, share) -> held.put(questionOfDoc[doc], share));
            List<Ranked> best = Relevance.fuse(byWords.scoreDocs, questionOfDoc, near, held, typed.symbolic())
                    .entrySet().stream()
                    .sorted(Map.Entry.<Integer, Float>comparingByValue().reversed())
                    .limit(limit)
                    .map(e -> new Ranked(e.getKey(), e.getValue()))
                    .toList();
            // A question found by words alone counts as far as the farthest one the model proposed.
            Map<Integer, Float> closeness = new HashMap<>();
            near.forEach(n -> closeness.put(n.ordinal(), n.closeness()));
            float farthest = near.isEmpty() ? 0f : near.get(near.size() - 1).closeness();
            return Relevance.WHOLE_AND_PARTS.nearTheBest(best, r -> closeness.getOrDefault(r.ordinal(), farthest));
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /**
     * The word query for what a user typed, with its typo and prefix expansions already turned into
     * terms. Rewriting once up front lets the search and the highlighter share the expansion of a
     * half-typed last word instead of each expanding it again.
     */
    private Optional<QueryBuilder.Lexical> lexical(Opened o, String text, Optional<String> topic) {
        try {
            Optional<QueryBuilder.Lexical> built = queries.build(text, topic, o.reader());
            if (built.isEmpty()) {
                return built;
            }
            QueryBuilder.Lexical q = built.get();
            return Optional.of(q.with(o.searcher().rewrite(q.query()), q.coverage()));
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /**
     * The n best matches, without counting every match: nothing reads the total, and once n are found
     * Lucene may skip what cannot beat them (the coverage query stops at the first question holding
     * every word).
     */
    private static TopDocs best(Opened o, Query query, int n) throws IOException {
        return best(o.searcher(), query, n);
    }

    static TopDocs best(IndexSearcher searcher, Query query, int n) throws IOException {
        return searcher.search(query, new TopScoreDocCollectorManager(n, null, n));
    }

    /** The share of the query's subject words that the question holding the most of them holds. */
    private static float coverage(Opened o, QueryBuilder.Lexical words) {
        try {
            ScoreDoc[] best = best(o, words.coverage(), 1).scoreDocs;
            return best.length == 0 ? 0f : Math.min(1f, best[0].score / words.subjectWords());
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** What the relevance judgement of a query rests on, for tuning and tests. */
    record Evidence(float coverage, boolean keywords, float closest) {
    }

    Evidence evidence(String text) {
        Opened o = opened;
        Optional<QueryBuilder.Lexical> words = lexical(o, text, Optional.empty());
        float coverage = words.isPresent() ? coverage(o, words.get()) : 0f;
        // As search reads it: with its typos corrected.
        String read = words.flatMap(QueryBuilder.Lexical::corrected).orElse(text);
        float closest = meaning.ready().map(r -> {
            List<VectorIndex.Neighbour> near = r.vectors().closest(r.model().embed(read), Relevance.CANDIDATES,
                    Optional.empty(), List.of());
            return near.isEmpty() ? -1f : near.get(0).closeness();
        }).orElse(-1f);
        return new Evidence(coverage, words.map(QueryBuilder.Lexical::keywords).orElse(false), closest);
    }

    /**
     * The questions nearest in meaning to the text, nearest first, with their cosines; empty until the
     * sentence model is ready.
     */
    public Map<Question, Float> nearestInMeaning(String text, int limit) {
        Map<Question, Float> found = new java.util.LinkedHashMap<>();
        if (text.isBlank()) {
            return found;
        }
        meaning.ready().ifPresent(r -> r.vectors().nearest(r.model().embed(text), Math.max(1, limit), Optional.empty())
                .forEach(n -> found.put(bank.questions().get(n.ordinal()), n.closeness())));
        return found;
    }

    /**
     * The sentence model, once it is loaded (perhaps before the bank is embedded); other features that
     * read meaning share it.
     */
    public Optional<Embedder> sentenceModel() {
        return meaning.model();
    }

    /** Waits up to the timeout for the sentence model alone, as the self-check does; true when loaded. */
    public boolean awaitSentenceModel(Duration timeout) {
        return meaning.awaitModel(timeout);
    }

    /** Whether search by meaning is on: the model is loaded and the bank embedded. */
    public boolean searchesByMeaning() {
        return meaning.isReady();
    }

    /**
     * Waits up to the timeout for searches to read all of each question's text, for a one-off search from
     * the command line: a large bank new to the cache is searched by its questions' short text first.
     * True when they do.
     */
    public boolean awaitAllText(Duration timeout) {
        return BackgroundWork.await(allText, timeout);
    }

    /**
     * Waits up to the timeout for search by meaning, for a one-off search from the command line that
     * should be as good as the bot's; true when it is on.
     */
    public boolean awaitMeaning(Duration timeout) {
        return meaning.await(timeout);
    }

    /**
     * The same for a bot about to listen, which waits for the sentence model and vectors read from the
     * cache but not for a bank being embedded (minutes, for a large bank): true when search by meaning is on.
     */
    public boolean awaitMeaningUnlessEmbedding(Duration timeout) {
        return meaning.awaitUnlessEmbedding(timeout);
    }

    /**
     * The topics nearest to a query the bank has no answer for, nearest first: where to look instead.
     * By meaning when the model is ready, else by whatever words matched; empty when nothing is near.
     */
    public List<String> nearestTopics(String text, int limit) {
        Optional<String> read = whatTheModelReads(text);
        if (read.isEmpty()) {
            return List.of();
        }
        Optional<Map<String, List<Float>>> byMeaning = closenessByTopic(read.get());
        if (byMeaning.isPresent()) {
            return Relevance.nearTopics(byMeaning.get()).stream().limit(limit).toList();
        }
        return find(text, Optional.empty(), Relevance.CANDIDATES).stream().map(Question::topic).distinct().limit(limit).toList();
    }

    /**
     * How close the questions nearest in meaning to the text are, by topic; empty while the model is not
     * ready, so that callers fall back to words. Callers pass {@link #whatTheModelReads what the model
     * reads} of a query: the model reads something into symbols alone.
     */
    Optional<Map<String, List<Float>>> closenessByTopic(String text) {
        Optional<Meaning.Ready> model = meaning.ready();
        if (model.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Float>> byTopic = new HashMap<>();
        float[] vector = model.get().model().embed(text);
        List<VectorIndex.Neighbour> near = model.get().vectors().closest(vector, Relevance.CANDIDATES, Optional.empty(), List.of());
        if (model.get().aboutEverydayLife(near, vector)) {
            return Optional.of(byTopic); // about everyday life: no topic of the bank is where to look
        }
        near.forEach(n -> byTopic.computeIfAbsent(bank.questions().get(n.ordinal()).topic(), t -> new ArrayList<>())
                .add(n.closeness()));
        return Optional.of(byTopic);
    }

    /**
     * What the sentence models read of a query, as search gives it to them: its typos replaced by their
     * likeliest corrections. Empty when the text has no word to read: blank text, symbols and joining
     * words alone ("( AND ~ )", "how do I") have none, so nothing is near them in meaning either.
     */
    Optional<String> whatTheModelReads(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        return lexical(opened, text, Optional.empty()).map(words -> words.corrected().orElse(text));
    }

    /**
     * Questions related to the given one by meaning, closest first, never the question itself; by
     * shared words ("more like this") until the sentence model is ready.
     */
    public List<Question> related(String id, int limit) {
        Opened o = opened;
        int doc = docOf(o, id);
        Optional<Meaning.Ready> model = meaning.ready();
        if (doc < 0 || limit <= 0) {
            return List.of();
        }
        int ordinal = o.questionOfDoc()[doc];
        if (model.isEmpty()) {
            return similar(id, limit).stream().map(SimilarQuestion::question).toList();
        }
        Optional<float[]> vector = model.get().vectors().vectorOf(ordinal);
        if (vector.isEmpty()) {
            return List.of();
        }
        List<VectorIndex.Neighbour> near = model.get().vectors()
                .nearest(vector.get(), Relevance.RELATED_CANDIDATES + 1, Optional.empty()).stream()
                .filter(n -> n.ordinal() != ordinal && n.closeness() >= Relevance.RELATED)
                .toList();
        Map<Integer, Float> words = wordsInCommon(o, bank.questions().get(ordinal),
                near.stream().map(VectorIndex.Neighbour::ordinal).toList());
        return near.stream()
                .sorted(Comparator.comparingDouble((VectorIndex.Neighbour n) ->
                        Relevance.relatedScore(n.closeness(), words.getOrDefault(n.ordinal(), 0f))).reversed())
                .limit(limit)
                .map(n -> bank.questions().get(n.ordinal()))
                .toList();
    }

    /**
     * How much each of the candidates (bank positions) has in common in words with the question, relative
     * to the candidate with the most: "more like this" limited to them.
     */
    private Map<Integer, Float> wordsInCommon(Opened o, Question original, List<Integer> candidates) {
        Map<Integer, Float> relative = new HashMap<>();
        if (candidates.isEmpty()) {
            return relative;
        }
        try {
            BooleanQuery.Builder among = new BooleanQuery.Builder().add(likeThis(o, original), Occur.MUST);
            among.add(new TermInSetQuery(ID, candidates.stream()
                    .map(c -> new BytesRef(bank.questions().get(c).id())).toList()), Occur.FILTER);
            ScoreDoc[] found = o.searcher().search(among.build(), candidates.size()).scoreDocs;
            for (ScoreDoc sd : found) {
                relative.put(o.questionOfDoc()[sd.doc], sd.score / found[0].score);
            }
            return relative;
        } catch (IOException e) {
            throw new UncheckedIOException("related questions failed", e);
        }
    }

    private static int docOf(Opened o, String id) {
        try {
            TopDocs own = o.searcher().search(new TermQuery(new Term(ID, id)), 1);
            return own.scoreDocs.length == 0 ? -1 : own.scoreDocs[0].doc;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** Up to {@code limit} (at most 25) questions for a partly typed question, for autocomplete. */
    public List<Suggestion> suggest(String partial, int limit) {
        return opened.suggester().suggest(partial, limit);
    }

    /** Questions most like the given one, most similar first, never the question itself. */
    public List<SimilarQuestion> similar(String id, int limit) {
        Optional<Question> original = bank.byId(id);
        if (original.isEmpty() || limit <= 0) {
            return List.of();
        }
        Opened o = opened;
        try {
            int doc = docOf(o, id);
            if (doc < 0) {
                return List.of();
            }
            Query like = likeThis(o, original.get());
            TopDocs top = o.searcher().search(like, limit + 1);
            float self = selfScore(o, like, id, doc, top);
            List<SimilarQuestion> similar = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                if (sd.doc == doc || similar.size() == limit) {
                    continue;
                }
                similar.add(new SimilarQuestion(question(o, sd.doc), sd.score, self > 0 ? sd.score / self : 0f));
            }
            return similar;
        } catch (IOException e) {
            throw new UncheckedIOException("similar questions failed", e);
        }
    }

    /** "More like this": the question's most telling words, each weighed by how much it tells. */
    private Query likeThis(Opened o, Question original) throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(o.reader());
        mlt.setAnalyzer(analyzer);
        mlt.setFieldNames(new String[] {WeightedWords.FIELD});
        // Banks are small next to the corpora MoreLikeThis was tuned for: every word counts.
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(1);
        mlt.setMinWordLen(3);
        mlt.setMaxQueryTerms(40);
        return mlt.like(similarityText(original));
    }

    private static float selfScore(Opened o, Query like, String id, int doc, TopDocs top) throws IOException {
        for (ScoreDoc sd : top.scoreDocs) {
            if (sd.doc == doc) {
                return sd.score;
            }
        }
        Query self = new BooleanQuery.Builder()
                .add(like, Occur.MUST)
                .add(new TermQuery(new Term(ID, id)), Occur.FILTER)
                .build();
        TopDocs own = o.searcher().search(self, 1);
        return own.scoreDocs.length == 0 ? 0f : own.scoreDocs[0].score;
    }

    /**
     * The text "similar questions" compares: the question's main text, each part repeated as often as
     * {@link WeightedWords} counts its words, so a word of the question weighs as much here as in a search.
     * The explanation carries most of a question's meaning, the question the most telling words.
     */
    private static Map<String, Collection<Object>> similarityText(Question q) {
        List<Object> texts = new ArrayList<>();
        texts.addAll(Collections.nCopies(WeightedWords.QUESTION, q.question()));
        texts.addAll(Collections.nCopies(WeightedWords.TAGS, tagText(q)));
        texts.addAll(Collections.nCopies(WeightedWords.ANSWER, q.answer()));
        texts.addAll(Collections.nCopies(WeightedWords.EXPLANATION, q.explanation().orElse("")));
        return Map.of(WeightedWords.FIELD, texts);
    }

    Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public void close() {
        closeWithin(STORING_WAIT);
    }

    /**
     * Closes, waiting up to {@code patience} for a new index being stored in the cache, so that the next
     * start finds it. Past that, storing is given up: what it was writing is left to the process's exit,
     * and the next start indexes the bank again, as after a stop that cannot wait.
     */
    public void closeWithin(Duration patience) {
        try {
            if (awaitStored(patience)) {
                opened.close();
            } else {
                LOG.info("Stopping before the search index was stored; the next start indexes the bank again.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            meaning.close();
        }
    }

    static Analyzer fieldAnalyzer() {
        Analyzer plain = Analyzers.plain();
        return new PerFieldAnalyzerWrapper(Analyzers.stemmed(),
                Map.of(QUESTION_PLAIN, plain, WORDS, plain, SYMBOLS, new WhitespaceAnalyzer()));
    }

    /**
     * Text indexed with how often each word occurs, for ranking, but not where: only the question's
     * stemmed words are searched as phrases, and leaving positions out of the rest makes indexing cheaper.
     */
    private static final FieldType WORDS_AND_COUNTS = wordsAndCounts();

    private static FieldType wordsAndCounts() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.freeze();
        return type;
    }

    /** Text indexed for which documents hold a word, nothing more: enough to know the bank's words. */
    private static final FieldType WORDS_ONLY = wordsOnly();

    private static FieldType wordsOnly() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /**
     * The question's document holding its short text only, or all of its text. Nothing is stored: the
     * bank holds every question's text, the highlighter and "more like this" read it there, and a hit
     * finds its question through the {@link #ORDINAL} doc value.
     */
    static Document document(Question q, int ordinal, Coverage coverage) {
        boolean all = coverage == Coverage.ALL_TEXT;
        Document doc = new Document();
        doc.add(new StringField(ID, q.id(), Field.Store.NO));
        doc.add(new NumericDocValuesField(ORDINAL, ordinal));
        doc.add(new StringField(TOPIC, q.topic(), Field.Store.NO));
        String tags = tagText(q);
        String explanation = all ? q.explanation().orElse("") : "";
        String extra = all ? String.join(" ", q.example().orElse(""), String.join(" ", q.mistakes()), q.story().orElse("")) : "";
        WeightedWords weighted = new WeightedWords(q.question(), tags, q.answer(), explanation);
        doc.add(weighted.question());
        doc.add(weighted);
        if (all) {
            doc.add(new Field(EXTRA, extra, WORDS_AND_COUNTS));
        }
        doc.add(new Field(QUESTION_PLAIN, q.question(), WORDS_AND_COUNTS));
        // One field of several values: the same words as one joined text, without joining it.
        for (String text : List.of(q.question(), tags, q.answer(), explanation)) {
            doc.add(new Field(WORDS, text, WORDS_ONLY));
        }
        String symbols = String.join(" ", SymbolWords.of(List.of(q.question(), String.join(" ", q.tags()),
                q.answer(), explanation, extra)));
        doc.add(new Field(SYMBOLS, symbols, WORDS_AND_COUNTS));
        return doc;
    }

    /** Tags are slugs ("binary-search"); their words are searched apart. */
    private static String tagText(Question q) {
        return String.join(" ", q.tags()).replace('-', ' ');
    }
}
