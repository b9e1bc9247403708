package dev.prepbot;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankSource;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.InvalidBankException;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.AnswerCommand;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.HelpCommand;
import dev.prepbot.commands.QuestionCommand;
import dev.prepbot.commands.RateLimit;
import dev.prepbot.commands.SearchCommand;
import dev.prepbot.commands.TopicsCommand;
import dev.prepbot.search.SearchIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The composition root: the one place that builds and wires Prepbot's parts. */
public final class App implements AutoCloseable {

    /** Per user: a burst of eight commands or clicks, then one a second; enough for a quiz, not for a flood. */
    static final int RATE_BURST = 8;
    static final java.time.Duration RATE_EVERY = java.time.Duration.ofSeconds(1);

    private final Settings settings;
    private final Bank bank;
    private final SearchIndex index;
    private final Commands commands;

    private App(Settings settings, Bank bank, RateLimit rateLimit) {
        this.settings = settings;
        this.bank = bank;
        this.index = SearchIndex.build(bank);
        AnswerCards cards = new AnswerCards(bank);
        List<Command> list = new ArrayList<>();
        list.add(new QuestionCommand(bank, cards, RandomGenerator.getDefault()));
        list.add(new AnswerCommand(index, cards));
        list.add(new SearchCommand(index));
        list.add(new TopicsCommand(bank));
        list.add(new HelpCommand(list.stream().map(Command::spec).toList()));
        this.commands = new Commands(list, List.of(cards), rateLimit);
    }

    /**
     * Loads the banks the settings name and builds everything on them for the one local user of the
     * console and command line; a bad bank refuses to start.
     */
    public static App start(Settings settings) throws InvalidBankException {
        return new App(settings, loadBank(settings), RateLimit.unlimited(Clock.systemUTC()));
    }

    /** The same for a server full of users: commands and clicks are rate limited per user. */
    public static App startShared(Settings settings) throws InvalidBankException {
        return new App(settings, loadBank(settings), new RateLimit(RATE_BURST, RATE_EVERY, Clock.systemUTC()));
    }

    /**
     * {@code --bank} paths replace the built-in bank; otherwise the built-in bank is loaded with any
     * {@code PREPBOT_BANK} paths beside it.
     */
    public static Bank loadBank(Settings settings) throws InvalidBankException {
        BankLoader loader = new BankLoader();
        if (!settings.banks().isEmpty()) {
            return loader.loadPaths(settings.banks());
        }
        if (settings.extraBanks().isEmpty()) {
            return loader.loadBuiltIn();
        }
        List<BankProblem> problems = new ArrayList<>();
        List<BankSource> sources = new ArrayList<>(BankSource.builtIn());
        for (Path path : settings.extraBanks()) {
            sources.addAll(BankSource.read(path, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidBankException(problems);
        }
        return loader.load(sources);
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

    public Commands commands() {
        return commands;
    }

    @Override
    public void close() {
        index.close();
    }
}
