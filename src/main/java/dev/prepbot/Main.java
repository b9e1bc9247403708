package dev.prepbot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankJson;
import dev.prepbot.bank.Catalog;
import dev.prepbot.serverbank.Report;
import dev.prepbot.serverbank.ServerBanks;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankProblem;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The command line, as the README documents it. Standard output carries only a command's result; errors
 * are one readable line on standard error. Exit codes: 0 success, 1 invalid input or nothing found,
 * 2 wrong usage.
 */
@Command(name = "prepbot")
public final class Main implements Callable<Integer> {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;
    /** Where a user whose bank was refused reads the rules. */
    static final String BANK_FORMAT_DOC = "docs/bank-format.md in Prepbot's repository";
    /**
     * How long a command-line search or import waits for each step of search still being made ready (all of
     * a large new bank's text indexed, the sentence model) before it goes on without it.
     */
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
              import --guild ID FILE   add a bank file to a server's own questions (all or nothing; exit 1 with every problem)
              export --guild ID        print a server's own questions as a bank file (imports back unchanged)
              reports [--json]         open reports on questions, built-in ones included
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

    /**
     * Parses with picocli and runs the command. Mistakes in the arguments are one line and exit 2; a
     * command's failure is one line (a refused bank: every problem) and exit 1.
     */
    int run(String[] args) {
        // Prepbot's own usage text, wherever --help appears, as before picocli parsed the arguments;
        // after "--" it is a word to search for.
        List<String> all = List.of(args);
        List<String> options = all.contains("--") ? all.subList(0, all.indexOf("--")) : all;
        if (options.contains("--help") || options.contains("-h")) {
            out.print(USAGE_TEXT);
            return OK;
        }
        CommandLine line = new CommandLine(this)
                .setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true))
                .setParameterExceptionHandler((e, ignored) -> usage(usageMessage(e)))
                .setExecutionExceptionHandler((e, ignored, parsed) -> failed(e));
        return line.execute(args);
    }

    private int usage(String message) {
        err.println("prepbot: " + message + " (see 'prepbot --help')");
        return USAGE;
    }

    /** Picocli's complaint as one sentence in Prepbot's words. */
    private static String usageMessage(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            boolean atTop = e.getCommandLine().getParent() == null;
            if (first.startsWith("-")) {
                return "unknown option '" + shorten(first) + "'";
            }
            return atTop ? "unknown command '" + shorten(first) + "'" : "unexpected argument '" + shorten(first) + "'";
        }
        String message = e.getMessage() == null ? "wrong usage" : e.getMessage();
        return shorten(Character.toLowerCase(message.charAt(0)) + message.substring(1));
    }

    private int failed(Exception e) {
        if (e instanceof UsageException usage) {
            return usage(usage.getMessage());
        }
        if (e instanceof InvalidBankException refused) {
            err.println(refused.report());
            err.println("prepbot: the bank was refused: " + refused.problems().size()
                    + (refused.problems().size() == 1 ? " problem." : " problems.")
                    + " Every rule and message of the bank format: " + BANK_FORMAT_DOC);
            return INVALID;
        }
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
        err.println("prepbot: " + oneLine(e));
        return INVALID;
    }

    /** {@code --bank PATH}, repeatable: these banks instead of the built-in one. */
    @Option(names = "--bank", paramLabel = "PATH", scope = ScopeType.INHERIT)
    private List<Path> bankPaths = new ArrayList<>();

    /** {@code --db PATH}: the database instead of PREPBOT_DB. */
    @Option(names = "--db", paramLabel = "PATH", scope = ScopeType.INHERIT)
    private String database;

    /** The environment's settings with the command line's --bank and --db over them. */
    private Settings settings() {
        Settings settings = Settings.fromEnvironment(env);
        if (!bankPaths.isEmpty()) {
            settings = settings.withBanks(List.copyOf(bankPaths));
        }
        if (database != null) {
            settings = settings.withDatabase(database);
        }
        return settings;
    }

    /** No command: the bot when a token is set, else the console. */
    @Override
    public Integer call() throws Exception {
        return settings().token().isPresent() ? runBot() : console();
    }

    @Command(name = "help")
    int help() {
        out.print(USAGE_TEXT);
        return OK;
    }

    /**
     * Serves Discord until stopped. SIGTERM and Ctrl-C shut JDA down and close storage, then the
     * process ends with 0: a requested stop is a success, not a signal death.
     */
    @Command(name = "run")
    int runBot() throws InvalidBankException {
        Settings settings = settings();
        if (settings.token().isEmpty()) {
            // Said before the bank is loaded and indexed, which can take a while for a large bank; so is a
            // token Discord rejects.
            err.println("prepbot: " + DiscordBot.NO_TOKEN);
            return INVALID;
        }
        try {
            DiscordBot.checkToken(settings);
        } catch (DiscordBot.StartupException e) {
            err.println("prepbot: " + e.getMessage());
            return INVALID;
        }
        Logging.serverDefaults(env);
        App app = App.startShared(settings, progress);
        // The sentence model takes a second or two with an unchanged bank: the bot waits for it before it
        // listens, so the first member's question is read by meaning and not slowed by the model loading
        // beside it. A bank that must be embedded first is searched by words until it is, without waiting.
        if (app.index().awaitMeaningUnlessEmbedding(BOT_MEANING_WAIT)) {
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
        // The start fills most of the young generation (the models' bytes, the vectors and lists read for
        // search); left there, its collection fell in the first member's /search (35 ms of 70-90 ms, in
        // the benchmark's first interaction), and now costs about 25 ms of the start instead.
        System.gc();
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
            app.closeWithin(App.STOP_WAIT);
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

    @Command(name = "console")
    int console() throws InvalidBankException, IOException {
        Settings settings = settings();
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

    @Command(name = "search")
    int search(@Parameters(paramLabel = "QUERY", arity = "1..*") List<String> words,
               @Option(names = "--topic", paramLabel = "T") Optional<String> topic,
               @Option(names = "--limit", paramLabel = "N", defaultValue = "10") int limit,
               @Option(names = "--json") boolean json) throws UsageException, InvalidBankException {
        Settings settings = settings();
        if (limit < 1 || limit > 100) {
            throw new UsageException("--limit must be a whole number from 1 to 100");
        }
        String query = String.join(" ", words);
        try (App app = App.start(settings, progress)) {
            if (topic.isPresent() && !app.bank().hasTopic(topic.get())) {
                if (json) {
                    // Standard output stays parseable: no results, and the topics there are to choose from.
                    out.println(searchJson(query, List.of(), app.bank().topics()));
                }
                err.println("prepbot: there is no topic '" + shorten(topic.get()) + "'; topics: "
                        + String.join(", ", app.bank().topics()));
                return INVALID;
            }
            // A one-off search is worth the second or two the sentence model takes to load.
            app.index().awaitAllText(MEANING_WAIT);
            app.index().awaitMeaning(MEANING_WAIT);
            List<SearchHit> hits = app.index().search(query, topic, limit);
            List<String> nearest = hits.isEmpty() ? app.index().nearestTopics(query, 3) : List.of();
            if (json) {
                out.println(searchJson(query, hits, nearest));
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

    /** The result of {@code search --json}; suggestions are given only when there are no results. */
    private static String searchJson(String query, List<SearchHit> hits, List<String> suggestions) {
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
            suggestions.forEach(root.putArray("suggestions")::add);
        }
        return write(mapper, root);
    }

    @Command(name = "show")
    int show(@Parameters(paramLabel = "ID") String id, @Option(names = "--json") boolean json)
            throws InvalidBankException {
        Settings settings = settings();
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
            new ConsoleRenderer().render(new AnswerCards(Catalog.of(bank)).fullCard(question.get(), Visibility.PUBLIC), text);
            out.print(text);
        }
        return OK;
    }

    /** The server a bank command is about: a Discord server id, as {@code /bank} stores it. */
    private static String checkedGuild(String guild) throws UsageException {
        if (!guild.matches("[0-9A-Za-z_-]{1,64}")) {
            throw new UsageException("--guild must be the server's id (right-click the server, Copy Server ID)");
        }
        return guild;
    }

    @Command(name = "import")
    int importBank(@Option(names = "--guild", paramLabel = "ID", required = true) String guildId,
                   @Parameters(paramLabel = "FILE") Path file) throws UsageException, InvalidBankException, IOException {
        Settings settings = settings();
        String guild = checkedGuild(guildId);
        if (!Files.isRegularFile(file)) {
            err.println("prepbot: no such file: " + shorten(file.toString()));
            return INVALID;
        }
        Optional<String> tooLarge = ServerBanks.sizeProblem(Files.size(file));
        if (tooLarge.isPresent()) {
            err.println("prepbot: " + file.getFileName() + ": " + tooLarge.get());
            return INVALID;
        }
        byte[] content = Files.readAllBytes(file);
        try (App app = App.start(settings, progress)) {
            // Whether an added question repeats one already there is judged by meaning as well as words,
            // as the bot judges it: the same file gets the same warnings whether or not the model was quick.
            app.index().awaitMeaning(MEANING_WAIT);
            ServerBanks banks = app.serverBanks();
            return switch (banks.importFile(guild, "command-line", file.getFileName().toString(), content)) {
                case ServerBanks.Imported.Done done -> {
                    out.println("Imported " + done.added().size() + (done.added().size() == 1 ? " question" : " questions")
                            + " into server " + guild + ".");
                    done.sameAs().forEach((added, existing) -> err.println("prepbot: " + added.id()
                            + " looks like the existing question " + existing.id()));
                    yield OK;
                }
                case ServerBanks.Imported.Invalid invalid -> {
                    invalid.problems().forEach(p -> err.println(p));
                    err.println("prepbot: nothing was imported: " + invalid.problems().size()
                            + (invalid.problems().size() == 1 ? " problem." : " problems.")
                            + " Every rule and message of the bank format: " + BANK_FORMAT_DOC);
                    yield INVALID;
                }
                case ServerBanks.Imported.Refused refused -> {
                    err.println("prepbot: nothing was imported: " + refused.reason());
                    yield INVALID;
                }
            };
        }
    }

    @Command(name = "export")
    int exportBank(@Option(names = "--guild", paramLabel = "ID", required = true) String guildId)
            throws UsageException, InvalidBankException {
        Settings settings = settings();
        String guild = checkedGuild(guildId);
        try (App app = App.start(settings.withoutSearchModel(), progress)) {
            Optional<String> file = app.serverBanks().export(guild);
            if (file.isEmpty()) {
                err.println("prepbot: server " + guild + " has no questions of its own");
                return INVALID;
            }
            out.print(file.get());
            return OK;
        }
    }

    @Command(name = "reports")
    int reports(@Option(names = "--json") boolean json) throws InvalidBankException {
        Settings settings = settings();
        try (App app = App.start(settings.withoutSearchModel(), progress)) {
            List<Report> open = app.serverBanks().store().openReports(Optional.empty());
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode root = mapper.createObjectNode();
                ArrayNode reports = root.putArray("reports");
                for (Report r : open) {
                    ObjectNode node = reports.addObject();
                    node.put("question", r.questionId());
                    node.put("builtIn", r.builtIn());
                    node.put("guild", r.guildId());
                    node.put("reason", r.reason().slug());
                    node.put("note", r.note().orElse(null));
                    node.put("reportedAt", r.createdAt().toString());
                }
                out.println(write(mapper, root));
            } else if (open.isEmpty()) {
                out.println("No open reports.");
            } else {
                for (Report r : open) {
                    out.printf("%s  %s  %s%s  server %s%s%n", r.createdAt(), r.reason().slug(), r.questionId(),
                            r.builtIn() ? " (built-in)" : "", r.guildId(), r.note().map(n -> "  \"" + n.replaceAll("\\s+", " ") + "\"").orElse(""));
                }
            }
            return OK;
        }
    }

    @Command(name = "topics")
    int topics(@Option(names = "--json") boolean json) throws InvalidBankException {
        Settings settings = settings();
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

    @Command(name = "validate")
    int validate(@Parameters(paramLabel = "PATH", arity = "0..*") List<Path> given) throws InvalidBankException {
        Settings settings = settings();
        List<Path> paths = given == null ? List.of() : given;
        Bank bank = paths.isEmpty() ? App.loadBank(settings, progress) : new BankLoader(progress).loadPaths(paths);
        out.println("OK: " + bank.size() + (bank.size() == 1 ? " question" : " questions") + " in "
                + bank.topics().size() + (bank.topics().size() == 1 ? " topic" : " topics"));
        return OK;
    }

    /**
     * The self-check: the answer on standard input against the question's key points. Waits for the
     * sentence model, as a search does, so the verdict is the one the bot would give.
     */
    @Command(name = "check")
    int check(@Parameters(paramLabel = "ID") String id, @Option(names = "--json") boolean json)
            throws InvalidBankException, IOException {
        Settings settings = settings();
        try (App app = App.start(settings, progress)) {
            Optional<Question> question = app.bank().byId(id);
            if (question.isEmpty()) {
                err.println("prepbot: no question has the id '" + shorten(id) + "'; try: prepbot search " + shorten(id));
                return INVALID;
            }
            if (!question.get().hasKeypoints()) {
                err.println("prepbot: question '" + id + "' has no key points to check an answer against");
                return INVALID;
            }
            String answer = new String(in.readNBytes(SelfCheck.MAX_ANSWER * 4), StandardCharsets.UTF_8);
            // The self-check reads meaning with the model alone: it need not wait for the bank to be embedded.
            app.index().awaitSentenceModel(MEANING_WAIT);
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

    /** What the user typed, echoed in an error: shortened, and on one line whatever it holds. */
    private static String shorten(String text) {
        return BankProblem.oneLine(text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }
}
