package dev.prepbot;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.BankSource;
import dev.prepbot.bank.FileDigests;
import dev.prepbot.bank.InvalidBankException;
import dev.prepbot.bank.Progress;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.AnswerCommand;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.HelpCommand;
import dev.prepbot.commands.QuestionCommand;
import dev.prepbot.commands.RateLimit;
import dev.prepbot.commands.SearchCommand;
import dev.prepbot.commands.TopicsCommand;
import dev.prepbot.daily.DailyChannels;
import dev.prepbot.daily.DailyCommand;
import dev.prepbot.daily.DailyQuestions;
import dev.prepbot.mock.MockCommand;
import dev.prepbot.mock.MockInterviews;
import dev.prepbot.mock.MockRooms;
import dev.prepbot.mock.MockSignals;
import dev.prepbot.mock.MockSolo;
import dev.prepbot.quiz.Leaderboard;
import dev.prepbot.quiz.LeaderboardCommand;
import dev.prepbot.quiz.QuizCommand;
import dev.prepbot.quiz.QuizEngine;
import dev.prepbot.quiz.StatsCommand;
import dev.prepbot.ops.Health;
import dev.prepbot.ops.RequestBudget;
import dev.prepbot.ops.ShardPlan;
import dev.prepbot.practice.Practice;
import dev.prepbot.practice.PracticeCommand;
import dev.prepbot.practice.ReviewCommand;
import dev.prepbot.practice.SelfCheck;
import dev.prepbot.practice.SelfCheckActions;
import dev.prepbot.practice.Sm2;
import dev.prepbot.readiness.ReadinessCommand;
import dev.prepbot.readiness.TrendAction;
import dev.prepbot.search.Embedder;
import dev.prepbot.search.IndexCache;
import dev.prepbot.search.JointEmbedder;
import dev.prepbot.search.LuceneClasses;
import dev.prepbot.search.Meaning;
import dev.prepbot.search.RecentReadings;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.ServerIndex;
import dev.prepbot.serverbank.BankCommand;
import dev.prepbot.serverbank.ReportCommand;
import dev.prepbot.serverbank.ServerBanks;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.AnswerWriter;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlDailyRecords;
import dev.prepbot.store.SqlMockStore;
import dev.prepbot.store.SqlPracticeStore;
import dev.prepbot.store.SqlReadinessStore;
import dev.prepbot.store.SqlServerBankStore;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.time.ExecutorScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that builds and wires Prepbot's parts. Starting loads the bank
 * and indexes it (all the command line's lookups need); {@link #commands} then opens storage and
 * builds every command, quiz and daily engine on the channels of a transport.
 */
public final class App implements AutoCloseable {

    /** Per user: a burst of eight commands or clicks, then one a second; enough for a quiz, not for a flood. */
    static final int RATE_BURST = 8;
    static final Duration RATE_EVERY = Duration.ofSeconds(1);
    /**
     * Daily posts made at once when many servers chose the same time: each mostly waits for Discord and
     * for commits, and a few at a time leave database connections for clicks.
     */
    static final int DAILY_POSTS_AT_ONCE = 4;
    /** How long stopping waits for the sentence models to finish loading, as search waits for a batch. */
    static final Duration MODEL_LOAD_STOP_WAIT = Duration.ofSeconds(30);
    /**
     * How long a close lets the indexes finish what follows a start: storing a new index (about 24 s at
     * 100,000 questions) and giving the servers' questions all of their text (two minutes at a million).
     */
    static final Duration INDEX_WORK_WAIT = Duration.ofMinutes(4);
    /**
     * How long a bot told to stop lets the indexes finish: with JDA's own shutdown, well within the
     * 30 seconds a container gets between SIGTERM and SIGKILL.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    private final Bank bank;
    private final SearchIndex index;
    private final RateLimit rateLimit;
    private final ExecutorService meaningLoader;
    private final Clock clock = Clock.systemUTC();
    private final Random random = new Random();
    private Database database;
    private ExecutorScheduler scheduler;
    private AnswerWriter answerWriter;
    private DailyQuestions daily;
    private ExecutorService dailyPosting;
    private ExecutorScheduler dailyScheduler;
    private QuizEngine quiz;
    private Commands commands;
    private ServerIndex serverIndex;
    private ServerBanks serverBanks;
    /** How often a process looks for servers' questions changed by another: well within two seconds. */
    static final Duration SERVER_BANK_REFRESH = Duration.ofSeconds(1);

    private App(Settings settings, Bank bank, RateLimit rateLimit, Progress progress, ExecutorService meaningLoader,
                Optional<CompletableFuture<Embedder>> model, CompletableFuture<Void> modelMayLoad) {
        this.settings = settings;
        this.bank = bank;
        this.meaningLoader = meaningLoader;
        // The bank is embedded in the background: search serves by words from the first second, and by
        // meaning too once that is done. Embedding a changed bank waits for the word index, so as not to
        // slow it; vectors read from the cache do not.
        CompletableFuture<Void> wordsServing = new CompletableFuture<>();
        Meaning meaning = model.map(loading -> Meaning.start(bank, loading::join, settings.vectorCache(), progress,
                        meaningLoader, wordsServing))
                .orElseGet(Meaning::none);
        try {
            this.index = SearchIndex.build(bank, settings.indexCache().map(IndexCache::new), progress, meaning,
                    App::inBackground);
        } finally {
            wordsServing.complete(null);
            modelMayLoad.complete(null);
        }
        this.rateLimit = rateLimit;
    }

    /**
     * Work that follows a start on a thread of its own while search already serves: storing a new bank's
     * index in the cache, merging a rebuilt index of servers' questions. Closing the index waits for it.
     */
    private static void inBackground(Runnable work) {
        Thread thread = new Thread(work, "prepbot-index-background");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Loads the banks the settings name and indexes them, for the one local user of the console and
     * the command line; a bad bank refuses to start.
     */
    public static App start(Settings settings) throws InvalidBankException {
        return start(settings, Progress.none());
    }

    /**
     * The same, reporting how loading and indexing a large bank goes. Shard settings are a bot process's:
     * a command run in a bot's environment ({@code docker compose run} of its service, say) answers about
     * every server.
     */
    public static App start(Settings settings, Progress progress) throws InvalidBankException {
        return start(settings.withoutShards(), progress, RateLimit.unlimited(Clock.systemUTC()));
    }

    /** The same for a server full of users: commands and clicks are rate limited per user. */
    public static App startShared(Settings settings) throws InvalidBankException {
        return startShared(settings, Progress.none());
    }

    public static App startShared(Settings settings, Progress progress) throws InvalidBankException {
        return start(settings, progress, new RateLimit(RATE_BURST, RATE_EVERY, Clock.systemUTC()));
    }

    /**
     * The sentence model needs nothing from the bank, so it loads on its own thread while the bank is
     * read, once the bank is known to be the built-in one or in the index cache: at such a start, reading
     * the bank and loading the model then share the two cores instead of following each other. A bank new
     * to the cache is indexed first, and the model loads once search by words serves: loading it beside
     * the indexing delayed a first start of 100,000 questions by 2-3 s, while such a bank is searched by
     * words for minutes anyway, until it is embedded.
     */
    private static App start(Settings settings, Progress progress, RateLimit rateLimit) throws InvalidBankException {
        return start(settings, progress, rateLimit, () -> JointEmbedder.load(settings.modelCache()));
    }

    /** The same, the sentence models loaded by {@code models}: tests give a stand-in. */
    static App start(Settings settings, Progress progress, RateLimit rateLimit, Supplier<Embedder> models)
            throws InvalidBankException {
        // Before the loader's thread exists: it opens Lucene indexes of its own beside this thread's.
        LuceneClasses.initialize();
        ExecutorService meaningLoader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "prepbot-meaning");
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            return thread;
        });
        CompletableFuture<Void> modelMayLoad = new CompletableFuture<>();
        if (settings.banks().isEmpty() && settings.extraBanks().isEmpty()) {
            modelMayLoad.complete(null);
        }
        Optional<CompletableFuture<Embedder>> model = settings.searchModel()
                ? Optional.of(CompletableFuture.supplyAsync(() -> {
                    modelMayLoad.join();
                    if (meaningLoader.isShutdown()) {
                        throw new java.util.concurrent.CancellationException("Prepbot stopped before the models loaded");
                    }
                    return new RecentReadings(models.get(), RecentReadings.REMEMBERED);
                }, meaningLoader))
                : Optional.empty();
        try {
            Bank bank = loadBank(settings, progress, () -> modelMayLoad.complete(null));
            return new App(settings, bank, rateLimit, progress, meaningLoader, model, modelMayLoad);
        } catch (InvalidBankException | RuntimeException | Error e) {
            meaningLoader.shutdownNow();
            modelMayLoad.complete(null);
            throw e;
        }
    }

    public static Bank loadBank(Settings settings) throws InvalidBankException {
        return loadBank(settings, Progress.none());
    }

    /**
     * {@code --bank} paths replace the built-in bank; otherwise the built-in bank is loaded with any
     * {@code PREPBOT_BANK} paths beside it. When the index cache holds a snapshot of exactly these
     * files (same checksum), the bank is read from it instead of parsing and validating the JSON again;
     * and when every file still has the stamp it had when its digest was remembered, the files are not
     * even read.
     */
    public static Bank loadBank(Settings settings, Progress progress) throws InvalidBankException {
        return loadBank(settings, progress, () -> { });
    }

    /** The same, running {@code inCache} as soon as the bank is known to be in the index cache. */
    private static Bank loadBank(Settings settings, Progress progress, Runnable inCache) throws InvalidBankException {
        List<BankProblem> problems = new ArrayList<>();
        List<BankSource> builtIn = settings.banks().isEmpty() ? BankSource.builtIn() : List.of();
        List<byte[]> builtInDigests = builtIn.stream().map(source -> BankLoader.digest(source.content())).toList();
        List<Path> files = new ArrayList<>();
        for (Path path : settings.banks().isEmpty() ? settings.extraBanks() : settings.banks()) {
            files.addAll(BankSource.files(path, problems));
        }
        BankLoader loader = new BankLoader(progress);
        Optional<IndexCache> cache = settings.indexCache().map(IndexCache::new);
        Optional<FileDigests> digests = settings.fileDigests().map(store -> FileDigests.open(store, Clock.systemUTC()));
        // Stamped before reading: a file changed after its stamp was taken has a new stamp next time.
        List<Optional<FileDigests.Stamp>> stamps = new ArrayList<>();
        for (Path file : files) {
            stamps.add(digests.flatMap(known -> known.stamp(file)));
        }
        if (problems.isEmpty() && cache.isPresent() && digests.isPresent()) {
            Optional<Bank> stored = rememberedChecksum(builtInDigests, files, stamps, digests.get())
                    .flatMap(checksum -> cache.get().storedBank(checksum, inCache));
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        List<BankSource> read = BankSource.readFiles(files, problems);
        List<BankSource> sources = new ArrayList<>(builtIn);
        sources.addAll(read);
        if (!problems.isEmpty()) {
            return loader.load(sources, problems);
        }
        // Hashed once: the checksum finds the stored snapshot, or else goes with the freshly loaded bank.
        // Every file was read (a file that was not is a problem), so the digests follow the files.
        List<byte[]> fileDigests = read.parallelStream().map(source -> BankLoader.digest(source.content())).toList();
        digests.ifPresent(known -> {
            for (int i = 0; i < files.size(); i++) {
                byte[] digest = fileDigests.get(i);
                Path file = files.get(i);
                stamps.get(i).ifPresent(stamp -> known.remember(file, stamp, digest));
            }
            known.save();
        });
        List<byte[]> all = new ArrayList<>(builtInDigests);
        all.addAll(fileDigests);
        String checksum = BankLoader.checksumOf(all);
        Optional<Bank> stored = cache.flatMap(known -> known.storedBank(checksum, inCache));
        if (stored.isPresent()) {
            return stored.get();
        }
        return loader.load(sources, problems, checksum);
    }

    /** The bank's checksum from remembered digests, when every file is as it was when remembered. */
    private static Optional<String> rememberedChecksum(List<byte[]> builtInDigests, List<Path> files,
            List<Optional<FileDigests.Stamp>> stamps, FileDigests digests) {
        List<byte[]> all = new ArrayList<>(builtInDigests);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Optional<byte[]> digest = stamps.get(i).flatMap(stamp -> digests.remembered(file, stamp));
            if (digest.isEmpty()) {
                return Optional.empty();
            }
            all.add(digest.get());
        }
        return Optional.of(BankLoader.checksumOf(all));
    }

    /**
     * Every command, on the channels of one transport (Discord, or the console). Opens storage,
     * closes rounds a previous run left open, and starts the daily question. Built once.
     */
    public synchronized Commands commands(DailyChannels channels) {
        if (commands != null) {
            return commands;
        }
        openDatabase();
        ServerBanks catalog = serverBanks();
        scheduler = new ExecutorScheduler("prepbot-timers");
        refreshServerBanks();
        SqlQuizStore quizStore = new SqlQuizStore(database);
        // A test that kills bot processes shortens the lease (-Dprepbot.dailyLease=PT3S) so that it need not
        // wait two minutes for a claim the killed process left.
        SqlDailyRecords dailyRecords = new SqlDailyRecords(database, Optional.ofNullable(System.getProperty("prepbot.dailyLease"))
                .map(Duration::parse).orElse(SqlDailyRecords.LEASE));
        // Other processes may store scores in the same database (shards): the cache rechecks each guild's
        // score version at most once a second. With one process the version only moves with its own writes.
        Leaderboard leaderboard = new Leaderboard(quizStore, clock, quizStore::scoreVersion);
        Predicate<String> ownsGuild = ownsGuild();
        answerWriter = new AnswerWriter(quizStore, stored -> stored.stream().map(AnswerRecord::guildId).distinct()
                .forEach(leaderboard::invalidate));
        quiz = new QuizEngine(catalog, index, quizStore, answerWriter::write, leaderboard, channels, clock, scheduler, random);
        dailyPosting = Executors.newFixedThreadPool(DAILY_POSTS_AT_ONCE,
                Thread.ofPlatform().name("prepbot-daily-", 0).daemon(true).factory());
        // A timer thread of its own: a burst of daily posts must not hold up the quiz rounds' timers.
        dailyScheduler = new ExecutorScheduler("prepbot-daily-timer");
        // Discord's 50 requests a second are the bot's across its processes: each paces its posts to its share.
        // The fake Discord has no such limit, and a test posting to a thousand servers raises the rate
        // (-Dprepbot.dailyRequestsPerSecond=400) rather than wait the minutes Discord would take.
        double dailyRate = Optional.ofNullable(System.getProperty("prepbot.dailyRequestsPerSecond"))
                .map(Double::parseDouble).orElse(RequestBudget.DAILY_REQUESTS_PER_SECOND);
        RequestBudget postingBudget = RequestBudget.dailyPosts(dailyRate, settings.shards().map(ShardPlan::share).orElse(1.0),
                clock, duration -> Thread.sleep(duration));
        daily = new DailyQuestions(catalog, dailyRecords, channels, clock, dailyScheduler, random, ownsGuild, dailyPosting,
                postingBudget);
        Practice practice = new Practice(catalog, new SqlPracticeStore(database), new Sm2(), clock, random);
        AnswerCards cards = new AnswerCards(catalog, (caller, question) -> caller.guildId()
                .ifPresent(guild -> practice.revealed(guild, caller.userId(), question.id())));
        PracticeCommand practiceCommand = new PracticeCommand(catalog, practice);
        List<Command> list = new ArrayList<>();
        list.add(new QuestionCommand(catalog, cards, random));
        list.add(new AnswerCommand(serverBanks.search(), cards));
        list.add(new SearchCommand(serverBanks.search()));
        list.add(new TopicsCommand(catalog));
        list.add(new QuizCommand(catalog, quiz));
        list.add(new LeaderboardCommand(leaderboard));
        SqlMockStore mockStore = new SqlMockStore(database);
        MockSignals mockSignals = new MockSignals(mockStore);
        list.add(new StatsCommand(quizStore, List.of(mockSignals::stats)));
        list.add(new DailyCommand(catalog, dailyRecords, daily, channels, clock));
        list.add(practiceCommand);
        list.add(new ReviewCommand(practice));
        SqlReadinessStore readiness = new SqlReadinessStore(database);
        list.add(new ReadinessCommand(catalog, readiness, clock, List.of(mockSignals::readiness)));
        BankCommand bankCommand = new BankCommand(serverBanks, clock, random);
        list.add(bankCommand);
        list.add(new ReportCommand(serverBanks, clock, random));
        // Mock interviews in pairs need a transport that opens private rooms; the solo version works anywhere.
        MockInterviews mock = new MockInterviews(catalog, mockStore, MockRooms.of(channels),
                practice::lapsed, clock, scheduler, random);
        MockSolo solo = new MockSolo(catalog, channels, practice::lapsed, clock, scheduler, random);
        list.add(new MockCommand(catalog, mock, solo));
        list.add(new HelpCommand(list.stream().map(Command::spec).toList()));
        SelfCheckActions selfCheck = new SelfCheckActions(catalog, new SelfCheck(index::sentenceModel));
        commands = new Commands(list, List.of(cards, quiz, practiceCommand, selfCheck, new TrendAction(readiness, clock),
                bankCommand, mock, solo), rateLimit);
        mock.recover(ownsGuild);
        quiz.recoverInterrupted(ownsGuild);
        daily.start();
        return commands;
    }

    /**
     * Every second, takes in the changes other processes made to servers' questions; stops with the
     * scheduler. A failed look (the database briefly away) is tried again the next second.
     */
    private void refreshServerBanks() {
        scheduler.schedule(SERVER_BANK_REFRESH, () -> {
            try {
                serverBanks.refresh();
            } catch (RuntimeException e) {
                LOG.warn("could not read servers' question changes: {}",
                        e.getMessage());
            }
            refreshServerBanks();
        });
    }

    /**
     * Servers' own questions: opens storage and indexes them on first use. The command line's import,
     * export and reports need only this, without quiz rounds or daily posts.
     */
    public synchronized ServerBanks serverBanks() {
        if (serverBanks == null) {
            openDatabase();
            // A process holding some of the shards searches only their servers, so it indexes only their questions.
            ServerIndex.Scope scope = settings.shards()
                    .map(plan -> new ServerIndex.Scope("shards " + plan.ids() + " of " + plan.total(), plan::owns))
                    .orElse(ServerIndex.Scope.EVERY_SERVER);
            serverIndex = ServerIndex.open(settings.serverIndexCache(), scope, index::sentenceModel, App::inBackground);
            serverBanks = new ServerBanks(bank, new SqlServerBankStore(database), index, serverIndex, clock,
                    App::inBackground);
            // Queued behind the sentence model's loading: questions indexed before it was ready get vectors.
            ServerBanks banks = serverBanks;
            meaningLoader.execute(() -> {
                try {
                    banks.embedMissing();
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Servers' questions are searched by words only: {}", e.getMessage());
                }
            });
        }
        return serverBanks;
    }

    /**
     * The guilds whose daily posts and interrupted rounds are this process's: with PREPBOT_SHARDS, those on
     * its shards (Discord sends it their interactions too); otherwise every guild.
     */
    private Predicate<String> ownsGuild() {
        return settings.shards().<Predicate<String>>map(plan -> plan::owns).orElse(guild -> true);
    }

    /**
     * The health line's figures: the connection's (given), the rounds running here, and the database's
     * round trip, or why it did not answer.
     */
    public synchronized Health health(int shardsConnected, int shardsHeld, long guilds) {
        int rounds = quiz == null ? 0 : quiz.roundsRunning();
        if (database == null) {
            return new Health(shardsConnected, shardsHeld, guilds, rounds, Optional.empty(), Optional.of("not opened"));
        }
        try {
            return new Health(shardsConnected, shardsHeld, guilds, rounds, Optional.of(database.roundTrip()), Optional.empty());
        } catch (RuntimeException e) {
            return new Health(shardsConnected, shardsHeld, guilds, rounds, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /**
     * Opens and migrates the database, once. The bot calls it before it connects to Discord, so an
     * unreachable database, or one a newer Prepbot wrote, is refused in one line before anything else.
     */
    public synchronized void openDatabase() {
        if (database == null) {
            database = Database.open(settings.database(), clock);
        }
    }

    /** Whether a quiz round is running in the channel; the console waits for it before it exits. */
    public synchronized boolean quizRunning(String channelId) {
        return quiz != null && quiz.running(channelId);
    }

    public Settings settings() {
        return settings;
    }

    public Bank bank() {
        return bank;
    }

    public SearchIndex index() {
        return index;
    }

    @Override
    public void close() {
        closeWithin(INDEX_WORK_WAIT);
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * Closes, giving the work the indexes do after they serve (storing a new index, indexing all of the
     * servers' questions' text and merging it) up to {@code patience} in all to finish; past that it is
     * given up and done again at the next start. A bot told to stop has seconds before it is killed.
     */
    public synchronized void closeWithin(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        if (daily != null) {
            daily.close();
        }
        if (dailyScheduler != null) {
            dailyScheduler.close();
        }
        if (dailyPosting != null) {
            dailyPosting.shutdownNow();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (answerWriter != null) {
            // Answers already clicked are stored before the database closes.
            answerWriter.close();
        }
        // Search by meaning stops first: from here the sentence model reads as gone, so the servers'
        // questions still waiting for vectors are indexed by words, and the loader's queue empties.
        index.closeWithin(left(deadline));
        // Not interrupted: the loader may be committing the servers' index, and an interrupted write
        // fails the commit. A model load not begun yet sees the shutdown and does nothing.
        meaningLoader.shutdown();
        // The models start loading before anything else and may still be loading now. ONNX Runtime
        // cannot be interrupted while it opens a model, and a JVM that exits meanwhile unloads the
        // library under the thread still inside it: a crash (SIGSEGV) instead of a clean exit, found
        // piping an empty script into a console on a fresh cache.
        try {
            if (!meaningLoader.awaitTermination(MODEL_LOAD_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The sentence models did not finish loading within {}", MODEL_LOAD_STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Only now, with the loader done: closing the servers' index while it committed there failed
        // the command that had just imported questions ("prepareCommit was already called").
        if (serverIndex != null) {
            serverIndex.closeWithin(left(deadline));
        }
        if (database != null) {
            database.close();
        }
    }
}
