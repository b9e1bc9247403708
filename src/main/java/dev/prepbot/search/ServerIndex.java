package dev.prepbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import dev.prepbot.bank.Question;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LiveIndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every server's own questions in one index that changes while it is searched: Lucene's near-real-time
 * search (one {@link IndexWriter}, a {@link SearcherManager} refreshed after each change), so a question
 * added or approved is found at once, with no restart and no re-index of the rest. Each document carries
 * its server, and every search is filtered to one server: servers never see each other's questions.
 *
 * <p>The database is the record. With a cache folder the index is kept on disk between starts, its last
 * commit labelled with the version of the servers' questions it holds, so a start catches up on the
 * changes since instead of indexing (and embedding) everything again; without one, or when the folder is
 * missing, stale beyond repair or held by another process, it is built from the database. Documents are
 * ranked as the built-in index ranks (the same fields and query), judged by the same relevance rules,
 * and carry a sentence vector once the model is ready.
 */
public final class ServerIndex implements AutoCloseable {

    static final String GUILD = "guild";
    /** Server and id together: what a change replaces or deletes. */
    private static final String KEY = "key";
    private static final String STORED_ID = "stored_id";
    private static final String STORED_QUESTION = "stored_question";
    private static final String VECTOR = "vector";
    /** Whether a document has its vector yet ("yes"/"no"): the ones to embed once the model is ready. */
    private static final String EMBEDDED = "embedded";

    /** Cosine of two questions' vectors from which they say the same thing. */
    static final float SAME_MEANING = 0.9f;

    /** How long closing waits for a rebuilt index to be merged: about 2 s at 100,000 questions. */
    private static final Duration MERGE_WAIT = Duration.ofMinutes(2);
    /** The writer's buffer while the whole index is built again; Lucene's default 16 MB otherwise. */
    private static final double REBUILD_BUFFER_MB = 96;
    /**
     * Commit data: the version of the servers' questions the index holds, the layout it was built with,
     * and its scope (whose questions it holds).
     */
    private static final String VERSION_KEY = "version";
    private static final String LAYOUT_KEY = "layout";
    private static final String SCOPE_KEY = "scope";
    private static final String LAYOUT = "lucene-" + Version.LATEST + "/layout-"
            + IndexCache.LAYOUT + "/servers-1";
    /**
     * The label of an index still holding some servers' short text only: not a layout a start reads,
     * so a start after a stop in the middle builds the index again.
     */
    private static final String SHORT_TEXT_LAYOUT = LAYOUT + "/short-text";
    private static final Logger LOG = LoggerFactory.getLogger(ServerIndex.class);

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final QueryBuilder queries = new QueryBuilder(QueryWords.shared());
    /** Reads the matched questions for highlighting; an analyzer keeps its parts per thread for reuse. */
    private final Analyzer highlighting = SearchIndex.fieldAnalyzer();
    private final Supplier<Optional<Embedder>> model;
    private final OptionalLong committedVersion;
    /** Whose questions the index holds (every server's, or those of some shards'), kept in its label. */
    private final Scope scope;
    /** Where a rebuilt index is merged into one segment, while searches already read it as it was flushed. */
    private final Executor background;
    /** Done when the last rebuild is merged into one segment (at once before any rebuild). */
    private volatile CompletableFuture<Void> merged = CompletableFuture.completedFuture(null);
    /** Guards the commit label, which says whether all of every question's text is indexed. */
    private final Object labelling = new Object();
    /** Whether a rebuild indexed questions' short text, not yet all replaced by all of their text. */
    private boolean holdsShortText;
    private volatile boolean givenUp;
    private final AtomicLong changeCount = new AtomicLong();
    /** The version of the servers' questions the index was last labelled with. */
    private OptionalLong labelledVersion = OptionalLong.empty();

    /**
     * Whose questions an index holds: {@code holds} says which servers', {@code label} names them in the
     * kept index, so that a process started for other servers builds it again.
     */
    public record Scope(String label, Predicate<String> holds) {
        /** Every server's questions: a process not started with shards, or the command line. */
        public static final Scope EVERY_SERVER = new Scope("every server", guild -> true);

        /**
         * Where this scope's index is kept, given the folder of every server's: a folder of its own beside
         * it, named after the label, so that processes taking turns with other shards on one cache folder
         * (a bot and the command line run in its environment, say) each find their own index kept instead
         * of building the other's again.
         */
        Path folderBeside(Path everyServer) {
            if (label.equals(EVERY_SERVER.label())) {
                return everyServer;
            }
            String name = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            if (name.length() > FOLDER_NAME) {
                // A hundred shards' numbers would pass the 255 bytes a file name may hold: the start of the
                // label stays readable, its digest tells it from other labels.
                String digest = HexFormat.of().formatHex(sha256(label)).substring(0, 16);
                name = name.substring(0, FOLDER_NAME / 2) + "-" + digest;
            }
            return everyServer.resolveSibling(everyServer.getFileName() + "-" + name);
        }

        /** Room for a few shards' numbers in a folder's name. */
        private static final int FOLDER_NAME = 64;

        private static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }

    /** An index in memory, filled from the database on every start. */
    public ServerIndex(Supplier<Optional<Embedder>> model) {
        this(InMemory.directory(), OptionalLong.empty(), Scope.EVERY_SERVER, model, Runnable::run);
    }

    private ServerIndex(Directory directory, OptionalLong committedVersion, Scope scope,
                        Supplier<Optional<Embedder>> model, Executor background) {
        this.directory = directory;
        this.committedVersion = committedVersion;
        this.scope = scope;
        this.model = model;
        this.background = background;
        try {
            this.writer = new IndexWriter(directory, new IndexWriterConfig(SearchIndex.fieldAnalyzer())
                    .setOpenMode(committedVersion.isPresent() ? IndexWriterConfig.OpenMode.APPEND
                            : IndexWriterConfig.OpenMode.CREATE));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the server questions' index", e);
        }
    }

    /**
     * The index kept in {@code folder}, or a new one there; in memory when the folder cannot be used (for
     * example another process on this machine holds it).
     */
    public static ServerIndex open(Optional<Path> folder, Supplier<Optional<Embedder>> model) {
        return open(folder, model, Runnable::run);
    }

    /** The same, merging a rebuilt index into one segment with {@code background} after it serves. */
    public static ServerIndex open(Optional<Path> folder, Supplier<Optional<Embedder>> model, Executor background) {
        return open(folder, Scope.EVERY_SERVER, model, background);
    }

    /**
     * The same for an index of the questions of {@code scope} only (a process's shards, say), kept in a
     * folder of its own beside {@code everyServerFolder} ({@link Scope#folderBeside}); an index found
     * labelled with another scope is built again, as it holds other servers' questions.
     */
    public static ServerIndex open(Optional<Path> everyServerFolder, Scope scope, Supplier<Optional<Embedder>> model,
                                   Executor background) {
        Optional<Path> folder = everyServerFolder.map(scope::folderBeside);
        if (folder.isEmpty()) {
            return new ServerIndex(InMemory.directory(), OptionalLong.empty(), scope, model, background);
        }
        try {
            Files.createDirectories(folder.get());
            Directory directory = FSDirectory.open(folder.get());
            OptionalLong version = OptionalLong.empty();
            if (DirectoryReader.indexExists(directory)) {
                try {
                    Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
                    boolean sameScope = scope.label().equals(data.getOrDefault(SCOPE_KEY, Scope.EVERY_SERVER.label()));
                    if (LAYOUT.equals(data.get(LAYOUT_KEY)) && sameScope && data.containsKey(VERSION_KEY)) {
                        version = OptionalLong.of(Long.parseLong(data.get(VERSION_KEY)));
                    }
                } catch (IOException | NumberFormatException e) {
                    LOG.info("The servers' questions index in {} is unreadable; building it again.", folder.get());
                }
            }
            try {
                return new ServerIndex(directory, version, scope, model, background);
            } catch (UncheckedIOException e) {
                directory.close();
                throw e.getCause();
            }
        } catch (IOException e) {
            LOG.info("Keeping the servers' questions index in memory: {} cannot be used ({}).", folder.get(),
                    e.getMessage());
            return new ServerIndex(InMemory.directory(), OptionalLong.empty(), scope, model, background);
        }
    }

    /** The version of the servers' questions the index held when it was last committed; empty for a new one. */
    public OptionalLong committedVersion() {
        return committedVersion;
    }

    /**
     * Makes what the index holds durable, labelled with the version of the servers' questions it holds.
     * Nothing to do for an index in memory.
     */
    public void commit(long version) {
        if (directory instanceof ByteBuffersDirectory) {
            return;
        }
        try {
            synchronized (labelling) {
                label(version);
            }
            writer.commit();
        } catch (IOException e) {
            LOG.warn("could not save the servers' questions index: {}", e.getMessage());
        }
    }

    /** Labels the next commit with the version and with whether all text is indexed. */
    private void label(long version) {
        labelledVersion = OptionalLong.of(version);
        writer.setLiveCommitData(Map.of(VERSION_KEY, Long.toString(version),
                LAYOUT_KEY, holdsShortText ? SHORT_TEXT_LAYOUT : LAYOUT, SCOPE_KEY, scope.label()).entrySet());
    }

    /** Whether this index holds the questions of {@code guild}: whether its changes are indexed here. */
    public boolean holds(String guild) {
        return scope.holds().test(guild);
    }

    /** How many questions the index holds, over every server. */
    public int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Indexes a server's question, replacing an earlier version; searchable when this returns. */
    public void put(String guild, Question question) {
        putAll(guild, List.of(question));
    }

    /** Indexes many of a server's questions with one refresh; nothing for a server outside its scope. */
    public void putAll(String guild, List<Question> questions) {
        if (!holds(guild)) {
            return;
        }
        replace(guild, questions);
        changeCount.incrementAndGet();
    }

    private void replace(String guild, List<Question> questions) {
        add(guild, questions, true);
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index a server's question", e);
        }
    }

    /**
     * How many changes of servers' questions the index has taken (put, removed or applied), counted
     * after each is made; giving questions all of their text or their vectors is not one. Work that reads
     * questions and writes them later compares it before and after, to know whether a change came between.
     */
    public long changes() {
        return changeCount.get();
    }

    /**
     * Builds the index again from every server's questions, which {@code questionsOf} gives one server at
     * a time, servers on every core, each core taking the next server ({@link EveryCore}): one refresh at
     * the end rather than one per server. Every document is new once the old ones are deleted, so none is
     * looked for to be replaced, and a larger buffer flushes fewer, bigger segments. Searches read them as
     * soon as this returns; they are merged into one afterwards, in the background (see
     * {@link #mergeIntoOne}).
     */
    public void rebuild(Collection<String> guilds, java.util.function.Function<String, List<Question>> questionsOf) {
        rebuild(guilds, questionsOf, SearchIndex.Coverage.ALL_TEXT);
    }

    /**
     * The same, indexing only each question's short text when {@code wanted} says so and the sentence
     * model is not loaded (embedding a question takes far longer than indexing all of its text, and would
     * be done twice); returns what it indexed. After short text, the caller gives every server's
     * questions all of their text ({@link #indexAllText}) and says when it is done
     * ({@link #allTextIndexed}), after which the index is merged. Until then the index is committed
     * with a label no start reads, so a stop in between builds it again at the next start.
     */
    public SearchIndex.Coverage rebuild(Collection<String> guilds,
                                        java.util.function.Function<String, List<Question>> questionsOf,
                                        SearchIndex.Coverage wanted) {
        boolean shortText = wanted == SearchIndex.Coverage.SHORT_TEXT && model.get().isEmpty();
        SearchIndex.Coverage coverage = shortText ? SearchIndex.Coverage.SHORT_TEXT : SearchIndex.Coverage.ALL_TEXT;
        synchronized (labelling) {
            holdsShortText = shortText;
        }
        LiveIndexWriterConfig config = writer.getConfig();
        double buffer = config.getRAMBufferSizeMB();
        MergePolicy merging = config.getMergePolicy();
        try {
            writer.deleteAll();
            // Nothing is merged while the servers are added, only once at the end: merges running beside
            // the indexing took the cores from it and were then merged again.
            config.setRAMBufferSizeMB(REBUILD_BUFFER_MB).setMergePolicy(NoMergePolicy.INSTANCE);
            // With the sentence model loaded, servers go one at a time: the model embeds on threads of its own.
            if (model.get().isPresent()) {
                guilds.forEach(guild -> add(guild, questionsOf.apply(guild), false, coverage));
            } else {
                EveryCore.forEach(guilds, guild -> add(guild, questionsOf.apply(guild), false, coverage));
            }
            config.setMergePolicy(merging);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the server questions' index", e);
        } finally {
            config.setRAMBufferSizeMB(buffer).setMergePolicy(merging);
        }
        merged = shortText ? new CompletableFuture<>() : CompletableFuture.runAsync(this::mergeIntoOne, background);
        return coverage;
    }

    /**
     * Replaces one server's questions with all of their text, in one step (searches see the old or the
     * new, never half); searches read them at the next change or at {@link #allTextIndexed}.
     */
    public void indexAllText(String guild, List<Question> questions) {
        Optional<Embedder> embedder = model.get();
        try {
            writer.updateDocuments(new Term(GUILD, guild),
                    documents(guild, questions, embedder, SearchIndex.Coverage.ALL_TEXT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index a server's questions", e);
        }
        if (embedder.isEmpty() && model.get().isPresent()) {
            // The model came in meanwhile, perhaps after embedding what lacked vectors: these get theirs now.
            indexAllText(guild, questions);
        }
    }

    /**
     * Ends a rebuild that indexed short text first: with {@code complete}, every server's questions now
     * have all of their text and commits say so; without, some may not, and a commit keeps the label no
     * start reads. Then searches read the index as it is, and it is merged into one segment and committed.
     */
    public void allTextIndexed(boolean complete) {
        try {
            synchronized (labelling) {
                if (complete) {
                    holdsShortText = false;
                    labelledVersion.ifPresent(this::label);
                }
            }
            searchers.maybeRefreshBlocking();
            mergeIntoOne();
        } catch (IOException | RuntimeException e) {
            if (!givenUp) {
                LOG.warn("Could not search all of the servers' questions' text: {}", e.getMessage());
            }
        } finally {
            merged.complete(null);
        }
    }

    /**
     * Merges the index into one segment, searches it and commits it, labelled as the last commit was:
     * every search looks each of its words up in every segment, and at a million questions the ten
     * segments a rebuild leaves made per-server search twice as slow (2.1 ms against 0.9 ms at p50). Done
     * after the rebuild serves: it was about an eighth of a first start (a profile at 100,000 questions).
     * Changes made meanwhile are merged or committed with it; a commit that lands between a change and
     * its label only makes the next start apply that change again.
     */
    private void mergeIntoOne() {
        try {
            writer.forceMerge(1);
            searchers.maybeRefreshBlocking();
            if (!(directory instanceof ByteBuffersDirectory)) {
                writer.commit();
            }
        } catch (IOException | RuntimeException e) {
            if (!givenUp) {
                LOG.warn("Could not merge the servers' questions index into one segment: {}", e.getMessage());
            }
        }
    }

    /**
     * Waits up to the timeout for a rebuilt index to be merged into one segment, as a benchmark does
     * before it times searches; true when merged, or when nothing was rebuilt.
     */
    public boolean awaitMerged(Duration timeout) {
        return BackgroundWork.await(merged, timeout);
    }

    /** How many segments searches read: one, once a rebuild is merged. */
    int segments() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    private void add(String guild, List<Question> questions, boolean replacing) {
        add(guild, questions, replacing, SearchIndex.Coverage.ALL_TEXT);
    }

    private void add(String guild, List<Question> questions, boolean replacing, SearchIndex.Coverage coverage) {
        try {
            List<Document> documents = documents(guild, questions, model.get(), coverage);
            if (replacing) {
                for (int i = 0; i < questions.size(); i++) {
                    writer.updateDocument(key(guild, questions.get(i).id()), documents.get(i));
                }
            } else {
                // As one block, a server's questions stay side by side in one segment while servers are
                // indexed on two threads, instead of interleaving with another server's.
                writer.addDocuments(documents);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index a server's question", e);
        }
    }

    /** The questions' documents, with their vectors when there is a model to embed them. */
    private static List<Document> documents(String guild, List<Question> questions, Optional<Embedder> embedder,
                                            SearchIndex.Coverage coverage) {
        List<float[]> vectors = embedder.isPresent() && !questions.isEmpty()
                ? embedder.get().embedAll(questions.stream().map(VectorIndex::text).toList())
                : List.of();
        List<Document> documents = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            documents.add(document(guild, questions.get(i), vectors.isEmpty() ? null : vectors.get(i), coverage));
        }
        return documents;
    }

    public void remove(String guild, String id) {
        apply(List.of(Change.removal(guild, id)));
    }

    /** One change of a server's question: its new text, or its removal when {@code question} is empty. */
    public record Change(String guild, String id, Optional<Question> question) {
        public static Change of(String guild, Question question) {
            return new Change(guild, question.id(), Optional.of(question));
        }

        public static Change removal(String guild, String id) {
            return new Change(guild, id, Optional.empty());
        }
    }

    /**
     * Applies the changes in order with one refresh at the end: how a batch read from the database goes
     * in. Those of servers outside its scope are left out.
     */
    public void apply(List<Change> changes) {
        try {
            for (Change change : changes) {
                if (!holds(change.guild())) {
                    continue;
                }
                if (change.question().isPresent()) {
                    add(change.guild(), List.of(change.question().get()), true);
                } else {
                    writer.deleteDocuments(key(change.guild(), change.id()));
                }
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change the server questions' index", e);
        }
        changeCount.incrementAndGet();
    }

    /**
     * Gives the questions indexed before the sentence model was ready their vectors; returns how many.
     * {@code questionOf} finds each one's current text (null when it is gone meanwhile).
     */
    public int embedMissing(BiFunction<String, String, Question> questionOf) {
        if (model.get().isEmpty()) {
            return 0;
        }
        List<String[]> missing = new ArrayList<>();
        withSearcher(searcher -> {
            for (ScoreDoc sd : searcher.search(new TermQuery(new Term(EMBEDDED, "no")), Integer.MAX_VALUE).scoreDocs) {
                Document stored = searcher.storedFields().document(sd.doc);
                missing.add(new String[] {stored.get(GUILD), stored.get(STORED_ID)});
            }
            return null;
        });
        Map<String, List<Question>> byGuild = new LinkedHashMap<>();
        for (String[] m : missing) {
            Question q = questionOf.apply(m[0], m[1]);
            if (q != null) {
                byGuild.computeIfAbsent(m[0], g -> new ArrayList<>()).add(q);
            }
        }
        byGuild.forEach(this::replace);
        return missing.size();
    }

    /** One match: the question's id, and its score and matched words as search shows them. */
    public record Match(String id, float score, Highlight highlight) {
    }

    /**
     * The server's questions that answer what a user typed, best first; none when nothing does. Judged
     * as the built-in bank is: by meaning when the model is ready and the query is more than keywords,
     * else by how much of the query one question holds.
     */
    public List<Match> search(String guild, String text, Optional<String> topic, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return withSearcher(searcher -> {
            if (!holds(searcher, guild)) {
                return List.<Match>of();
            }
            Optional<QueryBuilder.Lexical> built = queries.build(text, topic, searcher.getIndexReader());
            if (built.isEmpty()) {
                return List.<Match>of(); // no word to read is nothing to ask the model about either
            }
            QueryBuilder.Lexical words = built.get().with(inGuild(built.get().query(), guild),
                    inGuild(built.get().coverage(), guild));
            ScoreDoc[] covering = SearchIndex.best(searcher, words.coverage(), 1).scoreDocs;
            float coverage = covering.length == 0 ? 0f : Math.min(1f, covering[0].score / words.subjectWords());
            ScoreDoc[] byWords = SearchIndex.best(searcher, words.query(), Relevance.CANDIDATES).scoreDocs;
            Optional<Embedder> embedder = model.get();
            Map<Integer, Float> ranked = new LinkedHashMap<>();
            // Empty unless the model judged the query: then each candidate's cosine, to trim the ranking by.
            Map<Integer, Float> cosine = new HashMap<>();
            // A question found by words alone counts as far as the farthest one the model proposed.
            float farthest;
            if (embedder.isEmpty() || words.keywords()) {
                farthest = 0f;
                if (!Relevance.wordsAlone(words.exact(), () -> coverage)) {
                    return List.<Match>of();
                }
                for (ScoreDoc sd : byWords) {
                    ranked.put(sd.doc, sd.score);
                }
            } else {
                for (ScoreDoc sd : nearest(searcher, guild, embedder.get().embed(words.corrected().orElse(text)), topic)) {
                    cosine.put(sd.doc, 2 * sd.score - 1);
                }
                float closest = cosine.values().stream().max(Float::compare).orElse(-1f);
                if (!Relevance.WHOLE.answers(closest, coverage)) {
                    return List.<Match>of();
                }
                float best = byWords.length == 0 ? 1f : byWords[0].score;
                farthest = cosine.values().stream().min(Float::compare).orElse(0f);
                Map<Integer, Float> words01 = new HashMap<>();
                for (ScoreDoc sd : byWords) {
                    words01.put(sd.doc, sd.score / best);
                }
                Map<Integer, Float> held = HeldWords.shares(searcher.getIndexReader(), words.words(), byWords);
                Set<Integer> docs = new HashSet<>(cosine.keySet());
                docs.addAll(words01.keySet());
                for (int doc : docs) {
                    ranked.put(doc, Relevance.WHOLE.mix(cosine.getOrDefault(doc, farthest), held.getOrDefault(doc, 0f),
                            words01.getOrDefault(doc, 0f), words.symbolic()));
                }
            }
            List<Map.Entry<Integer, Float>> best = ranked.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Float>comparingByValue().reversed()).limit(limit).toList();
            List<Map.Entry<Integer, Float>> top = cosine.isEmpty() ? best
                    : Relevance.WHOLE.nearTheBest(best, e -> cosine.getOrDefault(e.getKey(), farthest));
            int[] docs = top.stream().mapToInt(Map.Entry::getKey).toArray();
            // Each hit's stored fields are decompressed once, for its text and its id.
            Map<Integer, Document> stored = new HashMap<>();
            for (int doc : docs) {
                stored.put(doc, searcher.storedFields().document(doc));
            }
            List<Match> matches = new ArrayList<>();
            List<Highlight> highlights = new MatchHighlighter(highlighting, doc -> stored.get(doc).get(STORED_QUESTION),
                    SearchIndex.QUESTION, SearchIndex.QUESTION_PLAIN, SearchIndex.SYMBOLS).highlight(searcher.rewrite(words.query()), words.unmarked(), docs);
            for (int i = 0; i < docs.length; i++) {
                Document hit = stored.get(docs[i]);
                String id = hit.get(STORED_ID);
                Highlight highlight = highlights.isEmpty() ? Highlight.none(hit.get(STORED_QUESTION)) : highlights.get(i);
                matches.add(new Match(id, top.get(i).getValue(), highlight));
            }
            return matches;
        });
    }

    /** The server's questions ranked by words alone, without the "no match" judgement: ids, best first. */
    public List<String> find(String guild, String text, int limit) {
        return withSearcher(searcher -> {
            Optional<QueryBuilder.Lexical> words = limit > 0 && holds(searcher, guild)
                    ? queries.build(text, Optional.empty(), searcher.getIndexReader()) : Optional.empty();
            List<String> ids = new ArrayList<>();
            if (words.isPresent()) {
                for (ScoreDoc sd : SearchIndex.best(searcher, inGuild(words.get().query(), guild), limit).scoreDocs) {
                    ids.add(searcher.storedFields().document(sd.doc).get(STORED_ID));
                }
            }
            return ids;
        });
    }

    /** Ids of the server's questions whose text begins to match what was typed: for autocomplete. */
    public List<String> suggest(String guild, String typed, int limit) {
        String partial = typed.strip().toLowerCase(Locale.ROOT);
        if (limit <= 0) {
            return List.of();
        }
        return withSearcher(searcher -> {
            Query query;
            if (partial.isEmpty()) {
                query = new TermQuery(new Term(GUILD, guild));
            } else {
                List<String> typedWords = Analyzers.tokens(Analyzers.plain(), partial, 16);
                if (typedWords.isEmpty()) {
                    return List.<String>of();
                }
                BooleanQuery.Builder all = new BooleanQuery.Builder();
                for (int i = 0; i < typedWords.size(); i++) {
                    Term term = new Term(SearchIndex.QUESTION_PLAIN, typedWords.get(i));
                    all.add(i == typedWords.size() - 1 ? new PrefixQuery(term) : new TermQuery(term), Occur.MUST);
                }
                query = new BooleanQuery.Builder()
                        .add(new BooleanQuery.Builder().add(all.build(), Occur.SHOULD)
                                .add(new TermQuery(new Term(SearchIndex.ID, partial)), Occur.SHOULD).build(), Occur.MUST)
                        .add(new TermQuery(new Term(GUILD, guild)), Occur.FILTER).build();
            }
            List<String> ids = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(query, limit).scoreDocs) {
                ids.add(searcher.storedFields().document(sd.doc).get(STORED_ID));
            }
            return ids;
        });
    }

    /** The server's questions nearest in meaning to the text, nearest first, with their cosines. */
    public Map<String, Float> nearest(String guild, String text, int limit) {
        Optional<Embedder> embedder = model.get();
        if (embedder.isEmpty()) {
            return Map.of();
        }
        float[] vector = embedder.get().embed(text);
        return withSearcher(searcher -> {
            Map<String, Float> found = new LinkedHashMap<>();
            for (ScoreDoc sd : nearest(searcher, guild, vector, Optional.empty())) {
                if (found.size() < limit) {
                    found.put(searcher.storedFields().document(sd.doc).get(STORED_ID), 2 * sd.score - 1);
                }
            }
            return found;
        });
    }

    /** How many questions of the server the index holds. */
    public int count(String guild) {
        return withSearcher(searcher -> searcher.count(new TermQuery(new Term(GUILD, guild))));
    }

    private static ScoreDoc[] nearest(IndexSearcher searcher, String guild, float[] vector, Optional<String> topic)
            throws IOException {
        BooleanQuery.Builder filter = new BooleanQuery.Builder().add(new TermQuery(new Term(GUILD, guild)), Occur.FILTER);
        topic.ifPresent(t -> filter.add(new TermQuery(new Term(SearchIndex.TOPIC, t)), Occur.FILTER));
        return searcher.search(new KnnFloatVectorQuery(VECTOR, vector, Relevance.CANDIDATES, filter.build()),
                Relevance.CANDIDATES).scoreDocs;
    }

    /**
     * Whether the index holds any question of the server: most servers have none of their own, and their
     * searches need not build a query over everyone else's words to find that out.
     */
    private static boolean holds(IndexSearcher searcher, String guild) throws IOException {
        return searcher.getIndexReader().docFreq(new Term(GUILD, guild)) > 0;
    }

    private static Query inGuild(Query query, String guild) {
        return new BooleanQuery.Builder().add(query, Occur.MUST)
                .add(new TermQuery(new Term(GUILD, guild)), Occur.FILTER).build();
    }

    private static Term key(String guild, String id) {
        return new Term(KEY, guild + "\u0000" + id);
    }

    private static Document document(String guild, Question q, float[] vector, SearchIndex.Coverage coverage) {
        Document doc = SearchIndex.document(q, 0, coverage);
        doc.add(new StringField(GUILD, guild, Field.Store.YES));
        doc.add(new StringField(KEY, guild + "\u0000" + q.id(), Field.Store.NO));
        doc.add(new StoredField(STORED_ID, q.id()));
        doc.add(new StoredField(STORED_QUESTION, q.question()));
        doc.add(new StringField(EMBEDDED, vector == null ? "no" : "yes", Field.Store.NO));
        if (vector != null) {
            doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.run(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search of the servers' questions failed", e);
        }
    }

    @Override
    public void close() {
        closeWithin(MERGE_WAIT);
    }

    /**
     * Closes, waiting up to {@code patience} for the work that follows a rebuild (all of the text, the
     * merge into one segment), finished and committed so that the next start reads it. Past that, the
     * work is given up: the index is left as last committed (short text is built again at the next
     * start, unmerged segments are read as they are), as a stop that cannot wait would leave it.
     */
    public void closeWithin(Duration patience) {
        boolean done = awaitMerged(patience);
        givenUp = !done;
        try {
            searchers.close();
            if (done) {
                writer.close();
            } else {
                LOG.info("Stopping before the servers' questions index was merged; the next start takes it up.");
                writer.rollback();
            }
            directory.close();
            highlighting.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a close gave up the work that follows a rebuild: what fails in it from then on is expected. */
    public boolean givenUp() {
        return givenUp;
    }
}
