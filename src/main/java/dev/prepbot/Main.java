package dev.prepbot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankJson;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.InvalidBankException;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import dev.prepbot.bank.TopicCount;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.SearchCommand;
import dev.prepbot.commands.Visibility;
import dev.prepbot.console.Console;
import dev.prepbot.console.ConsoleRenderer;
import dev.prepbot.console.Terminal;
import dev.prepbot.console.TerminalIo;
import dev.prepbot.console.TerminalProgress;
import dev.prepbot.discord.DiscordBot;
import dev.prepbot.ops.HealthReport;
import dev.prepbot.practice.SelfCheck;
import dev.prepbot.search.Highlight;
import dev.prepbot.search.SearchHit;
import dev.prepbot.store.StoreException;
import dev.prepbot.time.ExecutorScheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line, as the README documents it. Standard output carries only a command's result; errors
 * are one readable line on standard error. Exit codes: 0 success, 1 invalid input or nothing found,
 * 2 wrong usage.
 */
public final class Main {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;
    /** Where a user whose bank was refused reads the rules. */
    static final String BANK_FORMAT_DOC = "docs/bank-format.md in Prepbot's repository";
    /** How long a command-line search waits for the sentence model before it searches by words only. */
    static final java.time.Duration MEANING_WAIT = java.time.Duration.ofSeconds(60);
    /** How long the bot waits for the sentence model before it connects. */
    static final java.time.Duration BOT_MEANING_WAIT = java.time.Duration.ofSeconds(20);

    static final String USAGE_TEXT = """
            Usage: prepbot [--bank PATH]... [--db PATH] COMMAND [ARGS]

              run                      connect to Discord (needs DISCORD_TOKEN)
              console                  interactive terminal: the same commands as Discord, typed as /question, /search ...
              search QUERY [--topic T] [--limit N] [--json]
              show ID [--json]         the full model answer
              topics [--json]
              validate [PATH...]       check bank files; exit 0 when valid, 1 when not
              check ID [--json]        self-check: reads your answer on standard input, says which key points it covers

            With no COMMAND: run when DISCORD_TOKEN is set, else console.
            --bank PATH (repeatable, file or directory) loads these banks instead of the built-in one.
            """;

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    /** Loading and indexing a large bank show progress on standard error, in a terminal only. */
    private final Progress progress;

    Main(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.progress = interactive ? new TerminalProgress(err, Clock.systemUTC()) : Progress.none();
    }

    public static void main(String[] args) {
        // Lucene logs through java.util.logging; route it to SLF4J so it obeys the same levels.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = new Main(System.getenv(), System.in, out, err, Terminal.attached()).run(args);
        out.flush();
        System.exit(code);
    }

    /** A user's mistake on the command line: shown with the usage, exit code 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    int run(String[] args) {
        try {
            return dispatch(new Arguments(args));
        } catch (UsageException e) {
            err.println("prepbot: " + e.getMessage());
            err.println("Run 'prepbot --help' for usage.");
            return USAGE;
        } catch (InvalidBankException e) {
            err.println(e.report());
            err.println("prepbot: the bank was refused: " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem." : " problems.")
                    + " Every rule and message of the bank format: " + BANK_FORMAT_DOC);
            return INVALID;
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            err.println("prepbot: " + oneLine(e));
            return INVALID;
        }
    }

    private int dispatch(Arguments args) throws UsageException, InvalidBankException, IOException {
        if (args.flag("--help") || args.flag("-h")) {
            out.print(USAGE_TEXT);
            return OK;
        }
        Settings settings = Settings.fromEnvironment(env);
        List<Path> banks = args.values("--bank").stream().map(Path::of).toList();
        if (!banks.isEmpty()) {
            settings = settings.withBanks(banks);
        }
        Optional<String> db = args.value("--db");
        if (db.isPresent()) {
            settings = settings.withDatabase(db.get());
        }
        String command = args.positional().isEmpty()
                ? (settings.token().isPresent() ? "run" : "console")
                : args.positional().remove(0);
        return switch (command) {
            case "run" -> runBot(settings, args);
            case "console" -> console(settings, args);
            case "search" -> search(settings, args);
            case "show" -> show(settings, args);
            case "topics" -> topics(settings, args);
            case "validate" -> validate(settings, args);
            case "check" -> check(settings, args);
            case "help" -> {
                out.print(USAGE_TEXT);
                yield OK;
            }
            default -> throw new UsageException("unknown command '" + shorten(command) + "'");
        };
    }

    /**
     * Serves Discord until stopped. SIGTERM and Ctrl-C shut JDA down and close storage, then the
     * process ends with 0: a requested stop is a success, not a signal death.
     */
    private int runBot(Settings settings, Arguments args) throws UsageException, InvalidBankException {
        args.expectNoMore(0);
        if (settings.token().isEmpty()) {
            // Said before the bank is loaded and indexed, which can take a while for a large bank.
            err.println("prepbot: " + DiscordBot.NO_TOKEN);
            return INVALID;
        }
        Logging.serverDefaults(env);
        App app = App.startShared(settings, progress);
        // The sentence model takes a second or two with an unchanged bank: the bot waits for it before it
        // listens, so the first member's question is read by meaning and not slowed by the model loading
        // beside it. A bank still being embedded after the wait is searched by words until it is done.
        if (app.index().awaitMeaning(BOT_MEANING_WAIT)) {
            org.slf4j.LoggerFactory.getLogger(Main.class).info("Search by meaning is ready.");
        } else {
            org.slf4j.LoggerFactory.getLogger(Main.class).info("Searching by words while the sentence model is not ready.");
        }
        try {
            app.openDatabase();
        } catch (StoreException e) {
            app.close();
            err.println("prepbot: " + e.getMessage());
            return INVALID;
        }
        DiscordBot bot;
        try {
            bot = DiscordBot.start(settings, app::commands);
        } catch (DiscordBot.StartupException e) {
            app.close();
            err.println("prepbot: " + e.getMessage());
            return INVALID;
        }
        HealthReport health = healthReport(bot, app);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            health.print("stop");
            health.close();
            bot.close();
            app.close();
            err.println("prepbot: stopped");
            err.flush();
            Runtime.getRuntime().halt(OK);
        }, "prepbot-shutdown"));
        // After the hook is in place: whoever sees the start line may stop the bot and get the stop line.
        health.start();
        try {
            bot.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /**
     * The health line on standard error now and every minute: what an operator running several shard
     * processes looks at first.
     */
    private HealthReport healthReport(DiscordBot bot, App app) {
        return new HealthReport(() -> {
            var status = bot.status();
            return app.health(status.shardsConnected(), status.shardsHeld(), status.guilds());
        }, err, new ExecutorScheduler("prepbot-health"), HealthReport.EVERY);
    }

    private int console(Settings settings, Arguments args) throws UsageException, InvalidBankException, IOException {
        args.expectNoMore(0);
        try (App app = App.start(settings, progress)) {
            if (!interactive) {
                // A pipe gets lines as they come and plain replies: what scripts read, byte for byte.
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                runConsole(app, new Console(Console.localCaller(), reader, out, false));
                return OK;
            }
            if (progress instanceof TerminalProgress shown) {
                shown.quiet();
            }
            try (ExecutorScheduler ticks = new ExecutorScheduler("prepbot-console");
                 TerminalIo terminal = TerminalIo.open(settings.consoleHistory(), noColor(), ticks, Clock.systemUTC())) {
                runConsole(app, new Console(Console.localCaller(), terminal));
            }
        }
        return OK;
    }

    private static void runConsole(App app, Console console) throws IOException {
        console.run(app.commands(console.channels()), app::quizRunning);
    }

    /** The NO_COLOR convention (no-color.org): set and not empty, it turns colours off. */
    private boolean noColor() {
        return Optional.ofNullable(env.get("NO_COLOR")).filter(v -> !v.isEmpty()).isPresent();
    }

    private int search(Settings settings, Arguments args) throws UsageException, InvalidBankException {
        boolean json = args.flag("--json");
        Optional<String> topic = args.value("--topic");
        int limit = args.value("--limit").map(Main::parseLimit).orElse(10);
        if (limit < 1 || limit > 100) {
            throw new UsageException("--limit must be a whole number from 1 to 100");
        }
        if (args.positional().isEmpty()) {
            throw new UsageException("search needs a QUERY, for example: prepbot search tcp handshake");
        }
        String query = String.join(" ", args.positional());
        args.positional().clear();
        args.expectNoMore(0);
        try (App app = App.start(settings, progress)) {
            if (topic.isPresent() && !app.bank().hasTopic(topic.get())) {
                err.println("prepbot: there is no topic '" + shorten(topic.get()) + "'; topics: "
                        + String.join(", ", app.bank().topics()));
                return INVALID;
            }
            // A one-off search is worth the second or two the sentence model takes to load.
            app.index().awaitMeaning(MEANING_WAIT);
            List<SearchHit> hits = app.index().search(query, topic, limit);
            List<String> nearest = hits.isEmpty() ? app.index().nearestTopics(query, 3) : List.of();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode root = mapper.createObjectNode();
                root.put("query", query);
                ArrayNode results = root.putArray("results");
                for (SearchHit hit : hits) {
                    ObjectNode r = results.addObject();
                    r.put("id", hit.question().id());
                    r.put("topic", hit.question().topic());
                    r.put("difficulty", hit.question().difficulty().slug());
                    r.put("question", hit.question().question());
                    r.put("score", hit.score());
                }
                if (hits.isEmpty()) {
                    ArrayNode suggestions = root.putArray("suggestions");
                    nearest.forEach(suggestions::add);
                }
                out.println(write(mapper, root));
            } else {
                for (int i = 0; i < hits.size(); i++) {
                    SearchHit hit = hits.get(i);
                    out.printf("%d. %s%n   %s · %s · %s%n", i + 1, bold(hit.highlight()), hit.question().id(),
                            hit.question().topic(), hit.question().difficulty().slug());
                }
            }
            if (hits.isEmpty()) {
                err.println("prepbot: no question in the bank answers '" + shorten(query) + "'"
                        + (nearest.isEmpty() ? "" : "; the closest topics: " + String.join(", ", nearest))
                        + "; 'prepbot topics' lists everything the bank covers");
                return INVALID;
            }
            return OK;
        }
    }

    private int show(Settings settings, Arguments args) throws UsageException, InvalidBankException {
        boolean json = args.flag("--json");
        if (args.positional().size() != 1) {
            throw new UsageException("show needs exactly one question ID, for example: prepbot show python-gil");
        }
        String id = args.positional().remove(0);
        args.expectNoMore(0);
        Bank bank = App.loadBank(settings, progress);
        Optional<Question> question = bank.byId(id);
        if (question.isEmpty()) {
            err.println("prepbot: no question has the id '" + shorten(id) + "'; try: prepbot search " + shorten(id));
            return INVALID;
        }
        if (json) {
            BankJson writer = new BankJson();
            out.println(writer.write(writer.toJson(question.get())));
        } else {
            StringBuilder text = new StringBuilder();
            new ConsoleRenderer().render(new AnswerCards(bank).fullCard(question.get(), Visibility.PUBLIC), text);
            out.print(text);
        }
        return OK;
    }

    private int topics(Settings settings, Arguments args) throws UsageException, InvalidBankException {
        boolean json = args.flag("--json");
        args.expectNoMore(0);
        Bank bank = App.loadBank(settings, progress);
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            ArrayNode topics = root.putArray("topics");
            for (TopicCount c : bank.counts()) {
                topics.addObject().put("topic", c.topic()).put("easy", c.easy()).put("medium", c.medium())
                        .put("hard", c.hard()).put("total", c.total());
            }
            root.put("total", bank.size());
            out.println(write(mapper, root));
        } else {
            int width = bank.topics().stream().mapToInt(String::length).max().orElse(5);
            for (TopicCount c : bank.counts()) {
                out.printf("%-" + width + "s  %4d   %d easy, %d medium, %d hard%n", c.topic(), c.total(), c.easy(),
                        c.medium(), c.hard());
            }
            out.printf("%-" + width + "s  %4d%n", "total", bank.size());
        }
        return OK;
    }

    private int validate(Settings settings, Arguments args) throws InvalidBankException, UsageException {
        args.expectNoMore(Integer.MAX_VALUE);
        List<Path> paths = args.positional().stream().map(Path::of).toList();
        Bank bank = paths.isEmpty() ? App.loadBank(settings, progress) : new BankLoader(progress).loadPaths(paths);
        out.println("OK: " + bank.size() + (bank.size() == 1 ? " question" : " questions") + " in "
                + bank.topics().size() + (bank.topics().size() == 1 ? " topic" : " topics"));
        return OK;
    }

    /**
     * The self-check: the answer on standard input against the question's key points. Waits for the
     * sentence model, as a search does, so the verdict is the one the bot would give.
     */
    private int check(Settings settings, Arguments args) throws UsageException, InvalidBankException, IOException {
        boolean json = args.flag("--json");
        if (args.positional().size() != 1) {
            throw new UsageException("check needs exactly one question ID, and your answer on standard input, "
                    + "for example: prepbot check python-gil < answer.txt");
        }
        String id = args.positional().remove(0);
        args.expectNoMore(0);
        try (App app = App.start(settings, progress)) {
            Optional<Question> question = app.bank().byId(id);
            if (question.isEmpty()) {
                err.println("prepbot: no question has the id '" + shorten(id) + "'; try: prepbot search " + shorten(id));
                return INVALID;
            }
            if (question.get().keypoints().isEmpty()) {
                err.println("prepbot: question '" + id + "' has no key points to check an answer against");
                return INVALID;
            }
            String answer = new String(in.readNBytes(SelfCheck.MAX_ANSWER * 4), StandardCharsets.UTF_8);
            app.index().awaitMeaning(MEANING_WAIT);
            SelfCheck.Result result = new SelfCheck(app.index()::sentenceModel).check(question.get(), answer);
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode root = mapper.createObjectNode().put("id", id);
                result.covered().forEach(root.putArray("covered")::add);
                result.missed().forEach(root.putArray("missed")::add);
                out.println(write(mapper, root));
            } else {
                int total = question.get().keypoints().size();
                out.printf("Covered %d of %d key points.%n", result.covered().size(), total);
                result.covered().forEach(p -> out.println("  + " + p));
                if (!result.missed().isEmpty()) {
                    out.println("Missed:");
                    result.missed().forEach(p -> out.println("  - " + p));
                }
            }
            return OK;
        }
    }

    private static int parseLimit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String bold(Highlight highlight) {
        return ConsoleRenderer.text(SearchCommand.bold(highlight));
    }

    private static String write(ObjectMapper mapper, Object node) {
        try {
            return mapper.disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** The arguments, with options taken out as they are read; what is left must be positional. */
    static final class Arguments {
        private final List<String> positional = new ArrayList<>();
        private final List<Option> options = new ArrayList<>();

        /** One option as given; {@code value} is null for a flag such as --json. */
        private record Option(String name, String value) {
        }

        private static final List<String> VALUED = List.of("--bank", "--db", "--topic", "--limit");

        Arguments(String[] args) throws UsageException {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--")) {
                    positional.addAll(List.of(args).subList(i + 1, args.length));
                    break;
                }
                if (arg.startsWith("--") && arg.contains("=")) {
                    int eq = arg.indexOf('=');
                    options.add(new Option(arg.substring(0, eq), arg.substring(eq + 1)));
                } else if (VALUED.contains(arg)) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a value");
                    }
                    options.add(new Option(arg, args[++i]));
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    options.add(new Option(arg, null));
                } else {
                    positional.add(arg);
                }
            }
        }

        List<String> positional() {
            return positional;
        }

        boolean flag(String name) {
            return options.removeIf(o -> o.name().equals(name) && o.value() == null);
        }

        Optional<String> value(String name) {
            List<String> all = values(name);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        List<String> values(String name) {
            List<String> found = new ArrayList<>();
            options.removeIf(o -> {
                if (o.name().equals(name) && o.value() != null) {
                    found.add(o.value());
                    return true;
                }
                return false;
            });
            return found;
        }

        /** Fails on any option not read, or on more positional arguments than the command takes. */
        void expectNoMore(int positionalAllowed) throws UsageException {
            if (!options.isEmpty()) {
                throw new UsageException("unknown option '" + shorten(options.get(0).name()) + "'");
            }
            if (positional.size() > positionalAllowed) {
                throw new UsageException("unexpected argument '" + shorten(positional.get(positionalAllowed)) + "'");
            }
        }
    }
}
