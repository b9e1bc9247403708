package dev.prepbot;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.BankSource;
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
import dev.prepbot.practice.Practice;
import dev.prepbot.practice.PracticeCommand;
import dev.prepbot.practice.ReviewCommand;
import dev.prepbot.practice.SelfCheck;
import dev.prepbot.practice.SelfCheckActions;
import dev.prepbot.practice.Sm2;
import dev.prepbot.readiness.ReadinessCommand;
import dev.prepbot.readiness.TrendAction;
import dev.prepbot.search.IndexCache;
import dev.prepbot.search.Meaning;
import dev.prepbot.search.MiniLmEmbedder;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.AnswerWriter;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlDailyRecords;
import dev.prepbot.store.SqlMockStore;
import dev.prepbot.store.SqlPracticeStore;
import dev.prepbot.store.SqlReadinessStore;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.time.ExecutorScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root: the one place that builds and wires Prepbot's parts. Starting loads the bank
 * and indexes it (all the command line's lookups need); {@link #commands} then opens storage and
 * builds every command, quiz and daily engine on the channels of a transport.
 */
public final class App implements AutoCloseable {

    /** Per user: a burst of eight commands or clicks, then one a second; enough for a quiz, not for a flood. */
    static final int RATE_BURST = 8;
    static final Duration RATE_EVERY = Duration.ofSeconds(1);

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
    private QuizEngine quiz;
    private Commands commands;

    private App(Settings settings, Bank bank, RateLimit rateLimit, Progress progress) {
        this.settings = settings;
        this.bank = bank;
        this.meaningLoader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "prepbot-meaning");
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            return thread;
        });
        // The sentence model loads and the bank is embedded in the background: search serves by words
        // from the first second, and by meaning too once that is done.
        Meaning meaning = settings.searchModel()
                ? Meaning.start(bank, MiniLmEmbedder::load, settings.vectorCache(), progress, meaningLoader)
                : Meaning.none();
        this.index = SearchIndex.build(bank, settings.indexCache().map(IndexCache::new), progress, meaning);
        this.rateLimit = rateLimit;
    }

    /**
     * Loads the banks the settings name and indexes them, for the one local user of the console and
     * the command line; a bad bank refuses to start.
     */
    public static App start(Settings settings) throws InvalidBankException {
        return start(settings, Progress.none());
    }

    /** The same, reporting how loading and indexing a large bank goes. */
    public static App start(Settings settings, Progress progress) throws InvalidBankException {
        return new App(settings, loadBank(settings, progress), RateLimit.unlimited(Clock.systemUTC()), progress);
    }

    /** The same for a server full of users: commands and clicks are rate limited per user. */
    public static App startShared(Settings settings) throws InvalidBankException {
        return startShared(settings, Progress.none());
    }

    public static App startShared(Settings settings, Progress progress) throws InvalidBankException {
        return new App(settings, loadBank(settings, progress), new RateLimit(RATE_BURST, RATE_EVERY, Clock.systemUTC()),
                progress);
    }

    public static Bank loadBank(Settings settings) throws InvalidBankException {
        return loadBank(settings, Progress.none());
    }

    /**
     * {@code --bank} paths replace the built-in bank; otherwise the built-in bank is loaded with any
     * {@code PREPBOT_BANK} paths beside it. When the index cache holds a snapshot of exactly these
     * files (same checksum), the bank is read from it instead of parsing and validating the JSON again.
     */
    public static Bank loadBank(Settings settings, Progress progress) throws InvalidBankException {
        List<BankProblem> problems = new ArrayList<>();
        List<BankSource> sources = new ArrayList<>();
        if (settings.banks().isEmpty()) {
            sources.addAll(BankSource.builtIn());
        }
        for (Path path : settings.banks().isEmpty() ? settings.extraBanks() : settings.banks()) {
            sources.addAll(BankSource.read(path, problems));
        }
        BankLoader loader = new BankLoader(progress);
        if (!problems.isEmpty()) {
            return loader.load(sources, problems);
        }
        // Hashed once: the checksum finds the stored snapshot, or else goes with the freshly loaded bank.
        String checksum = BankLoader.checksum(sources);
        Optional<Bank> stored = settings.indexCache().flatMap(cache -> new IndexCache(cache).storedBank(checksum));
        if (stored.isPresent()) {
            return stored.get();
        }
        return loader.load(sources, problems, checksum);
    }

    /**
     * Every command, on the channels of one transport (Discord, or the console). Opens storage,
     * closes rounds a previous run left open, and starts the daily question. Built once.
     */
    public synchronized Commands commands(DailyChannels channels) {
        if (commands != null) {
            return commands;
        }
        database = Database.open(settings.database(), clock);
        scheduler = new ExecutorScheduler("prepbot-timers");
        SqlQuizStore quizStore = new SqlQuizStore(database);
        SqlDailyRecords dailyRecords = new SqlDailyRecords(database);
        Leaderboard leaderboard = new Leaderboard(quizStore, clock);
        answerWriter = new AnswerWriter(quizStore, stored -> stored.stream().map(AnswerRecord::guildId).distinct()
                .forEach(leaderboard::invalidate));
        quiz = new QuizEngine(bank, index, quizStore, answerWriter::write, leaderboard, channels, clock, scheduler, random);
        daily = new DailyQuestions(bank, dailyRecords, channels, clock, scheduler, random);
        Practice practice = new Practice(bank, new SqlPracticeStore(database), new Sm2(), clock, random);
        AnswerCards cards = new AnswerCards(bank, (caller, question) -> caller.guildId()
                .ifPresent(guild -> practice.revealed(guild, caller.userId(), question.id())));
        PracticeCommand practiceCommand = new PracticeCommand(bank, practice);
        List<Command> list = new ArrayList<>();
        list.add(new QuestionCommand(bank, cards, random));
        list.add(new AnswerCommand(index, cards));
        list.add(new SearchCommand(index));
        list.add(new TopicsCommand(bank));
        list.add(new QuizCommand(bank, quiz));
        list.add(new LeaderboardCommand(leaderboard));
        SqlMockStore mockStore = new SqlMockStore(database);
        MockSignals mockSignals = new MockSignals(mockStore);
        list.add(new StatsCommand(quizStore, List.of(mockSignals::stats)));
        list.add(new DailyCommand(bank, dailyRecords, daily, channels, clock));
        list.add(practiceCommand);
        list.add(new ReviewCommand(practice));
        SqlReadinessStore readiness = new SqlReadinessStore(database);
        list.add(new ReadinessCommand(bank, readiness, clock, List.of(mockSignals::readiness)));
        // Mock interviews in pairs need a transport that opens private rooms; the solo version works anywhere.
        MockInterviews mock = new MockInterviews(bank, mockStore, MockRooms.of(channels),
                practice::lapsed, clock, scheduler, random);
        MockSolo solo = new MockSolo(bank, channels, practice::lapsed, clock, scheduler, random);
        list.add(new MockCommand(bank, mock, solo));
        list.add(new HelpCommand(list.stream().map(Command::spec).toList()));
        SelfCheckActions selfCheck = new SelfCheckActions(bank, new SelfCheck(index::sentenceModel));
        commands = new Commands(list, List.of(cards, quiz, practiceCommand, selfCheck, new TrendAction(readiness, clock),
                mock, solo), rateLimit);
        mock.recover();
        quiz.recoverInterrupted();
        daily.start();
        return commands;
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
    public synchronized void close() {
        if (daily != null) {
            daily.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (answerWriter != null) {
            // Answers already clicked are stored before the database closes.
            answerWriter.close();
        }
        if (database != null) {
            database.close();
        }
        index.close();
        meaningLoader.shutdownNow();
    }
}
