package dev.prepbot.serverbank;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankJson;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.BankSource;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.InvalidBankException;
import dev.prepbot.bank.Question;
import dev.prepbot.bank.TopicCount;
import dev.prepbot.search.EveryCore;
import dev.prepbot.search.GuildSearch;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.ServerIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers' own questions as the rest of Prepbot sees them: the {@link Catalog} of each server (the
 * built-in bank plus its live questions), and the changes a server makes to them: add, review, edit,
 * remove, import and export. The database is the record; each change is written there first, then to
 * the in-memory questions and the search index, so it is found at once.
 */
public final class ServerBanks implements Catalog {

    public static final int MAX_QUESTIONS = 5_000;
    public static final int ADDS_PER_HOUR = 10;
    public static final int MAX_IMPORT_QUESTIONS = 500;
    public static final int MAX_IMPORT_BYTES = 1_000_000;
    /** Servers' questions kept in memory at most, counted over every server (a few hundred megabytes). */
    static final long CACHED_QUESTIONS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(ServerBanks.class);

    private final Bank builtIn;
    private final ServerBankStore store;
    private final ServerIndex index;
    private final Clock clock;
    private final GuildSearch search;
    private final BankJson json = new BankJson();
    /**
     * Servers' live questions, read from the database when a server first needs them and kept while the
     * total stays within {@link #CACHED_QUESTIONS}; each server's are replaced whole on a change, so readers
     * never see half a change. A deployment of many servers holds only the busy ones in memory.
     */
    private final LoadingCache<String, Own> live;
    /** A server's choice of source, re-read after a second so another process's change is seen. */
    private final Cache<String, Source> sources = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).maximumSize(100_000).build();
    private long seenVersion;
    /** Where a first start gives servers' questions all of their text, after it indexed their short text. */
    private final Executor background;
    /** From how many servers' questions a first start indexes their short text first. */
    private final int shortTextFirstAt;

    /** One server's live questions, in the order they were added. */
    private record Own(List<Question> questions, Map<String, Question> byId) {
        static final Own EMPTY = new Own(List.of(), Map.of());

        static Own of(List<Question> questions) {
            Map<String, Question> ids = new LinkedHashMap<>();
            questions.forEach(q -> ids.put(q.id(), q));
            return ids.isEmpty() ? EMPTY : new Own(List.copyOf(ids.values()), ids);
        }

        Own with(Question q) {
            Map<String, Question> ids = new LinkedHashMap<>(byId);
            ids.put(q.id(), q);
            return new Own(List.copyOf(ids.values()), ids);
        }

        Own without(String id) {
            Map<String, Question> ids = new LinkedHashMap<>(byId);
            ids.remove(id);
            return ids.isEmpty() ? EMPTY : new Own(List.copyOf(ids.values()), ids);
        }
    }

    public ServerBanks(Bank builtIn, ServerBankStore store, SearchIndex builtInIndex, ServerIndex index, Clock clock) {
        this(builtIn, store, builtInIndex, index, clock, Runnable::run);
    }

    /**
     * The same, building a first start's index of many servers' questions in two steps: their short
     * text (the question, tags and short answer), searched at once, then on {@code background} all of
     * their text.
     */
    public ServerBanks(Bank builtIn, ServerBankStore store, SearchIndex builtInIndex, ServerIndex index, Clock clock,
                       Executor background) {
        this(builtIn, store, builtInIndex, index, clock, background, SearchIndex.SHORT_TEXT_FIRST_AT);
    }

    /**
     * The same, from how many questions a first start indexes their short text first. Only the servers
     * the index's scope holds are indexed (a process's shards': no other server's interactions reach it).
     */
    ServerBanks(Bank builtIn, ServerBankStore store, SearchIndex builtInIndex, ServerIndex index, Clock clock,
                Executor background, int shortTextFirstAt) {
        this.background = background;
        this.shortTextFirstAt = shortTextFirstAt;
        this.builtIn = builtIn;
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.search = new GuildSearch(builtInIndex, index, this);
        this.live = Caffeine.newBuilder()
                .maximumWeight(CACHED_QUESTIONS)
                .weigher((String guild, Own own) -> Math.max(1, own.questions().size()))
                .build(guild -> Own.of(liveQuestions(guild)));
        load();
    }

    /**
     * Reads every server's live questions from the database, the record. An index kept from the last run
     * catches up on the changes made since its version; one that is missing, ahead of the database (a
     * restored backup) or holding a different number of questions is built again.
     */
    private synchronized void load() {
        seenVersion = store.version();
        Map<String, Integer> counts = heldCounts();
        int held = counts.values().stream().mapToInt(Integer::intValue).sum();
        java.util.OptionalLong cached = index.committedVersion();
        if (cached.isPresent() && cached.getAsLong() <= seenVersion) {
            index.apply(store.changedSince(cached.getAsLong()).stream().map(ServerBanks::change).toList());
            if (index.size() == held) {
                index.commit(seenVersion);
                return;
            }
        }
        SearchIndex.Coverage wanted = held >= shortTextFirstAt
                ? SearchIndex.Coverage.SHORT_TEXT : SearchIndex.Coverage.ALL_TEXT;
        SearchIndex.Coverage indexed = index.rebuild(counts.keySet(), this::liveQuestions, wanted);
        index.commit(seenVersion);
        if (indexed == SearchIndex.Coverage.SHORT_TEXT) {
            background.execute(() -> indexAllText(counts.keySet()));
        }
    }

    /** How many live questions each server this process holds has, in the order of their ids. */
    private Map<String, Integer> heldCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>(store.liveCounts());
        counts.keySet().removeIf(guild -> !index.holds(guild));
        return counts;
    }

    private List<Question> liveQuestions(String guild) {
        return store.questions(guild, EnumSet.of(Status.LIVE)).stream().map(ServerQuestion::question).toList();
    }

    /**
     * Gives the servers a rebuild indexed by their short text all of their text (a server whose first
     * question came since was indexed whole), servers on every core, without holding up changes:
     * a server's questions are read, then written; when the index changed meanwhile, they are read and
     * written again under the lock changes take, so no change is overwritten by what was read before it.
     */
    private void indexAllText(Collection<String> guilds) {
        boolean complete = false;
        try {
            EveryCore.forEach(guilds, guild -> {
                long before = index.changes();
                index.indexAllText(guild, liveQuestions(guild));
                if (index.changes() != before) {
                    synchronized (this) {
                        index.indexAllText(guild, liveQuestions(guild));
                    }
                }
            });
            complete = true;
        } catch (RuntimeException e) {
            if (!index.givenUp()) {
                LOG.warn("Servers' questions are searched by their short text until the next start: {}", e.getMessage());
            }
        } finally {
            index.allTextIndexed(complete);
        }
    }

    /** Search over each server's catalog. */
    public GuildSearch search() {
        return search;
    }

    public ServerBankStore store() {
        return store;
    }

    /**
     * Applies changes other processes made since the last look (this process's own come back too and
     * change nothing); run every second, so every process finds a new question within two.
     */
    public synchronized void refresh() {
        long now = store.version();
        if (now == seenVersion) {
            return;
        }
        List<ServerIndex.Change> changes = new ArrayList<>();
        for (ServerQuestion q : store.changedSince(seenVersion)) {
            Own cached = live.getIfPresent(q.guildId());
            if (q.status() == Status.LIVE && cached != null && q.question().equals(cached.byId().get(q.id()))) {
                continue;
            }
            changes.add(change(q));
            live.asMap().computeIfPresent(q.guildId(),
                    (g, own) -> q.status() == Status.LIVE ? own.with(q.question()) : own.without(q.id()));
        }
        index.apply(changes);
        seenVersion = now;
        index.commit(now);
    }

    /** A stored question as the index takes it: live ones are found, every other state is not. */
    private static ServerIndex.Change change(ServerQuestion q) {
        return q.status() == Status.LIVE ? ServerIndex.Change.of(q.guildId(), q.question())
                : ServerIndex.Change.removal(q.guildId(), q.id());
    }

    /** Gives questions indexed before the sentence model was ready their vectors. */
    public int embedMissing() {
        int embedded = index.embedMissing((guild, id) -> own(guild).byId().get(id));
        if (embedded > 0) {
            synchronized (this) {
                // Labelled with a version the index holds at least: a start catches up from there.
                index.commit(seenVersion);
            }
        }
        return embedded;
    }

    // --- Catalog ---

    @Override
    public Bank builtIn() {
        return builtIn;
    }

    @Override
    public Optional<Question> byId(Optional<String> guild, String id) {
        return guild.flatMap(g -> Optional.ofNullable(own(g).byId().get(id))).or(() -> builtIn.byId(id));
    }

    /**
     * From memory when the server's questions are held, else only these few read from the database: a
     * search in one of thousands of servers nobody is busy with would otherwise read all of that
     * server's questions (1.3 ms of a 3 ms search at a million questions over 10,000 servers).
     */
    @Override
    public Map<String, Question> ownQuestions(String guild, Collection<String> ids) {
        Own held = live.getIfPresent(guild);
        Map<String, Question> found = new HashMap<>();
        if (held != null) {
            ids.forEach(id -> {
                Question q = held.byId().get(id);
                if (q != null) {
                    found.put(id, q);
                }
            });
        } else {
            store.live(guild, ids).forEach(q -> found.put(q.question().id(), q.question()));
        }
        return found;
    }

    @Override
    public List<Question> drawable(Optional<String> guild) {
        if (guild.isEmpty()) {
            return builtIn.questions();
        }
        Source source = source(guild.get());
        List<Question> own = source.ours() ? own(guild.get()).questions() : List.of();
        if (own.isEmpty()) {
            return source.builtIn() ? builtIn.questions() : List.of();
        }
        if (!source.builtIn()) {
            return own;
        }
        List<Question> all = new ArrayList<>(builtIn.size() + own.size());
        all.addAll(builtIn.questions());
        all.addAll(own);
        return all;
    }

    @Override
    public List<Question> select(Optional<String> guild, Optional<String> topic, Optional<Difficulty> difficulty) {
        if (ownDrawn(guild)) {
            return Catalog.super.select(guild, topic, difficulty);
        }
        return guild.isPresent() && !source(guild.get()).builtIn() ? List.of() : builtIn.select(topic, difficulty);
    }

    @Override
    public List<TopicCount> counts(Optional<String> guild) {
        if (ownDrawn(guild)) {
            return Catalog.super.counts(guild);
        }
        return guild.isPresent() && !source(guild.get()).builtIn() ? List.of() : builtIn.counts();
    }

    /** Whether the server draws any questions of its own (else the built-in bank's own lookups serve). */
    private boolean ownDrawn(Optional<String> guild) {
        return guild.isPresent() && !own(guild.get()).questions().isEmpty() && source(guild.get()).ours();
    }

    private Own own(String guild) {
        return live.get(guild);
    }

    public Source source(String guild) {
        return sources.get(guild, store::source);
    }

    public void source(String guild, Source source) {
        store.source(guild, source);
        sources.put(guild, source);
    }

    /** The server's live questions, oldest first. */
    public List<Question> live(String guild) {
        return own(guild).questions();
    }

    // --- Changes ---

    /** What became of a question a member added. */
    public sealed interface Added {
        /** Stored: live at once for a curator, else waiting for review; {@code sameAs} a question it repeats. */
        record Stored(ServerQuestion question, Optional<Question> sameAs) implements Added {
        }

        /** Not stored, for a reason the member can act on. */
        record Refused(String reason) implements Added {
        }
    }

    /**
     * Adds a member's question: live at once when a curator adds it, else pending review. Refused over
     * the server's limit or the member's hourly one.
     */
    public synchronized Added add(String guild, String author, boolean curator, Question question) {
        Instant now = clock.instant();
        if (store.count(guild) >= MAX_QUESTIONS) {
            return new Added.Refused("This server already has " + MAX_QUESTIONS
                    + " questions, the most it can hold. Remove some before adding more.");
        }
        if (store.addedSince(guild, author, now.minus(Duration.ofHours(1))) >= ADDS_PER_HOUR) {
            return new Added.Refused("You have added " + ADDS_PER_HOUR
                    + " questions in the last hour, the most for one hour. Try again later.");
        }
        if (taken(guild, question.id())) {
            return new Added.Refused("The id \"" + question.id() + "\" is already used; pick another.");
        }
        Optional<Question> same = search.sameAs(Optional.of(guild), question);
        ServerQuestion stored = new ServerQuestion(guild, question, curator ? Status.LIVE : Status.PENDING, author,
                same.map(Question::id), Optional.empty(), now, now);
        store.save(stored);
        if (curator) {
            publish(guild, question);
        }
        return new Added.Stored(stored, same);
    }

    /** Whether the id names a built-in question or one of the server's that is not removed. */
    public boolean taken(String guild, String id) {
        return builtIn.byId(id).isPresent()
                || store.question(guild, id).filter(q -> q.status() != Status.REMOVED).isPresent();
    }

    /** A curator accepts a pending question: live and searchable when this returns. */
    public synchronized Optional<ServerQuestion> approve(String guild, String id) {
        return changeStatus(guild, id, EnumSet.of(Status.PENDING), Status.LIVE, Optional.empty());
    }

    /** A curator turns a pending question down, with a reason its author sees. */
    public synchronized Optional<ServerQuestion> reject(String guild, String id, String reason) {
        return changeStatus(guild, id, EnumSet.of(Status.PENDING), Status.REJECTED, Optional.of(reason));
    }

    /** Removes a live or pending question; quiz answers that referred to it stay. */
    public synchronized Optional<ServerQuestion> remove(String guild, String id) {
        return changeStatus(guild, id, EnumSet.of(Status.LIVE, Status.PENDING), Status.REMOVED, Optional.empty());
    }

    private Optional<ServerQuestion> changeStatus(String guild, String id, EnumSet<Status> from, Status to,
                                                  Optional<String> reason) {
        Optional<ServerQuestion> current = store.question(guild, id).filter(q -> from.contains(q.status()));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ServerQuestion changed = current.get().with(to, reason, clock.instant());
        store.save(changed);
        if (to == Status.LIVE) {
            publish(guild, changed.question());
        } else {
            withdraw(guild, id);
        }
        return Optional.of(changed);
    }

    /** Replaces a question's text, keeping its id, author and state. */
    public synchronized Optional<ServerQuestion> edit(String guild, Question edited) {
        Optional<ServerQuestion> current = store.question(guild, edited.id())
                .filter(q -> q.status() == Status.LIVE || q.status() == Status.PENDING);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ServerQuestion changed = current.get().with(edited, clock.instant());
        store.save(changed);
        if (changed.status() == Status.LIVE) {
            publish(guild, edited);
        }
        return Optional.of(changed);
    }

    /** What became of an imported file. */
    public sealed interface Imported {
        /** All added, live; {@code sameAs} pairs each added question that repeats another with that one. */
        record Done(List<Question> added, Map<Question, Question> sameAs) implements Imported {
        }

        /** Nothing added: the file broke a rule of the bank format ({@code problems}, all of them). */
        record Invalid(List<BankProblem> problems) implements Imported {
        }

        /** Nothing added, for a reason about the file as a whole. */
        record Refused(String reason) implements Imported {
        }
    }

    /**
     * Adds a bank file's questions to the server, all or none: checked exactly as {@code validate} checks
     * a bank, with ids already used by the built-in bank or the server as problems too.
     */
    public synchronized Imported importFile(String guild, String author, String fileName, byte[] content) {
        Optional<String> tooLarge = sizeProblem(content.length);
        if (tooLarge.isPresent()) {
            return new Imported.Refused(tooLarge.get());
        }
        Map<String, String> taken = new HashMap<>();
        builtIn.questions().forEach(q -> taken.put(q.id(), "a built-in question"));
        for (ServerQuestion q : store.questions(guild, EnumSet.of(Status.LIVE, Status.PENDING, Status.REJECTED))) {
            taken.put(q.id(), "one of this server's questions");
        }
        Bank file;
        try {
            file = new BankLoader().loadBeside(List.of(new BankSource(fileName, content)), taken);
        } catch (InvalidBankException e) {
            return new Imported.Invalid(e.problems());
        }
        if (file.size() > MAX_IMPORT_QUESTIONS) {
            return new Imported.Refused("The file has " + file.size() + " questions; one import may add at most "
                    + MAX_IMPORT_QUESTIONS + ".");
        }
        int room = MAX_QUESTIONS - store.count(guild);
        if (file.size() > room) {
            return new Imported.Refused("The file has " + file.size() + " questions, and this server has room for "
                    + Math.max(0, room) + " more (at most " + MAX_QUESTIONS + ").");
        }
        Map<Question, Question> same = new LinkedHashMap<>();
        for (Question q : file.questions()) {
            search.sameAs(Optional.of(guild), q).ifPresent(existing -> same.put(q, existing));
        }
        Instant now = clock.instant();
        List<ServerQuestion> rows = file.questions().stream()
                .map(q -> new ServerQuestion(guild, q, Status.LIVE, author, Optional.ofNullable(same.get(q)).map(Question::id),
                        Optional.empty(), now, now))
                .toList();
        if (!store.saveAll(guild, rows, MAX_QUESTIONS)) {
            return new Imported.Refused("Another change to this server's questions got there first; nothing was"
                    + " imported. Try again.");
        }
        publishAll(guild, file.questions());
        return new Imported.Done(file.questions(), same);
    }

    /**
     * Why a file of this many bytes cannot be imported, if it cannot: said before reading it where its size
     * is known first (a file on disk, an attachment's declared size), and again here for its content.
     */
    public static Optional<String> sizeProblem(long bytes) {
        return bytes > MAX_IMPORT_BYTES ? Optional.of("The file is " + bytes + " bytes; a file to import may have at"
                + " most " + MAX_IMPORT_BYTES + " bytes (1 MB).") : Optional.empty();
    }

    /** The server's live questions as a bank file, which imports back unchanged; empty when it has none. */
    public Optional<String> export(String guild) {
        List<Question> questions = own(guild).questions();
        return questions.isEmpty() ? Optional.empty() : Optional.of(json.writeBank(questions));
    }

    /**
     * Makes a live question found: in the index, and in the server's questions if they are in memory (if
     * not, they are read from the database, which has it already, when next needed).
     */
    private void publish(String guild, Question q) {
        Own cached = live.getIfPresent(guild);
        if (cached != null && Objects.equals(cached.byId().get(q.id()), q)) {
            return;
        }
        index.put(guild, q);
        live.asMap().computeIfPresent(guild, (g, own) -> own.with(q));
    }

    private void publishAll(String guild, List<Question> questions) {
        index.putAll(guild, questions);
        live.asMap().computeIfPresent(guild, (g, own) -> Own.of(
                java.util.stream.Stream.concat(own.questions().stream(), questions.stream()).toList()));
    }

    private void withdraw(String guild, String id) {
        index.remove(guild, id);
        live.asMap().computeIfPresent(guild, (g, own) -> own.without(id));
    }
}
