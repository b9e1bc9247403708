package dev.prepbot.console;

import java.util.Map;
import java.util.LinkedHashMap;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.Attachment;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.Reply;
import dev.prepbot.daily.DailyChannels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The interactive terminal: the same commands as Discord, typed as {@code /search tcp handshake}.
 * After a reply with buttons, typing a button's number (or its label, such as a quiz's A-D) presses
 * it, so the parts of a model answer can be revealed one by one. Works the same with commands piped
 * on standard input, and ends cleanly at the end of input or on {@code /quit}, after any quiz round
 * still running has ended. How lines are read and replies shown is up to its {@link ConsoleIo}.
 */
public final class Console {

    /** The console is one user in one "server" and one channel. */
    public static final String GUILD = "console";
    public static final String CHANNEL = "console";
    static final String QUIT = "/quit";
    static final String WELCOME = "Prepbot console. Type /help for commands, /quit to leave.";

    private final Caller caller;
    private final ConsoleIo io;
    private final AtomicLong messages = new AtomicLong();
    private List<ConsoleRenderer.Choice> choices = List.of();

    public Console(Caller caller, ConsoleIo io) {
        this.caller = caller;
        this.io = io;
    }

    /** The console over plain streams; {@code interactive} greets and prompts. */
    public Console(Caller caller, BufferedReader in, PrintStream out, boolean interactive) {
        this(caller, new PipedIo(in, out, interactive, new ConsoleRenderer()));
    }

    /** The caller the console acts as: one local user, allowed to manage its one "server". */
    public static Caller localCaller() {
        String user = Optional.ofNullable(System.getenv("USER")).filter(u -> !u.isBlank()).orElse("you");
        return new Caller("console", user, Optional.of(GUILD), CHANNEL, true);
    }

    /** Where quiz questions and daily posts appear: printed, their buttons on offer like a reply's. */
    public DailyChannels channels() {
        return new DailyChannels() {
            @Override
            public CompletableFuture<String> post(String channelId, Reply.Card card) {
                showPosted(card);
                return CompletableFuture.completedFuture("m" + messages.incrementAndGet());
            }

            @Override
            public CompletableFuture<Void> edit(String channelId, String messageId, Reply.Card card) {
                showPosted(card);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public Optional<String> problemPosting(String guildId, String channelId) {
                return Optional.empty();
            }

            @Override
            public CompletableFuture<Void> openThread(String channelId, String messageId, String name) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    /** Reads and runs commands until the end of input; {@code busy} tells whether a round still runs here. */
    public void run(Commands commands, Predicate<String> busy) throws IOException {
        io.welcome();
        Completions completions = new Completions(commands, caller);
        while (true) {
            Optional<String> read = io.readLine(completions);
            if (read.isEmpty()) {
                break;
            }
            String line = read.get().strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals(QUIT) || line.equals("/exit")) {
                break;
            }
            handle(commands, line, completions);
        }
        waitWhile(busy);
    }

    private void handle(Commands commands, String line, Completions completions) {
        Optional<ConsoleRenderer.Choice> chosen = choice(line);
        if (chosen.isPresent()) {
            ConsoleRenderer.Choice choice = chosen.get();
            Reply reply = commands.act(choice.actionId(), choice.values(), caller);
            if (reply instanceof Reply.Form form) {
                show(form, false);
                reply = fill(commands, form, completions);
            }
            show(reply, false);
        } else if (line.matches("\\d{1,3}") || line.matches("[A-Da-d]")) {
            synchronized (this) {
                io.say(choices.isEmpty() ? "There is nothing to choose right now."
                        : "Choose a number from 1 to " + choices.size() + ".");
            }
        } else if (line.startsWith("/")) {
            String name = line.substring(1).split("\\s+", 2)[0];
            LineParser.Parsed parsed = LineParser.parse(line, commands.command(name).map(c -> c.spec()));
            long postsBefore = messages.get();
            Map<String, String> options = new LinkedHashMap<>(parsed.options());
            Map<String, Attachment> files = new LinkedHashMap<>();
            for (String option : attachmentOptions(commands, parsed)) {
                String path = options.remove(option);
                if (path != null) {
                    Optional<Attachment> file = readFile(path);
                    if (file.isEmpty()) {
                        return;
                    }
                    files.put(option, file.get());
                }
            }
            Reply reply = commands.handle(new CommandRequest(parsed.command(), parsed.subcommand(), options, caller, files));
            if (reply instanceof Reply.Form form) {
                show(form, false);
                reply = fill(commands, form, completions);
            }
            // A command that posted something with buttons (a quiz question) leaves those on offer.
            show(reply, messages.get() == postsBefore);
        } else {
            synchronized (this) {
                io.say("Commands start with a slash, for example /search " + shorten(line) + ". Type /help for all.");
            }
        }
    }

    /** The options of the typed command that Discord would take as attached files: here, paths. */
    private static List<String> attachmentOptions(Commands commands, LineParser.Parsed parsed) {
        return commands.command(parsed.command()).map(c -> {
            CommandSpec spec = c.spec();
            List<OptionSpec> options = parsed.subcommand()
                    .flatMap(sub -> spec.subcommands().stream().filter(s -> s.name().equals(sub)).findFirst())
                    .map(CommandSpec::options).orElse(spec.options());
            return options.stream().filter(o -> o.type() == OptionSpec.OptionType.ATTACHMENT)
                    .map(OptionSpec::name).toList();
        }).orElse(List.of());
    }

    /** A local file given where Discord takes an attachment; says why when it cannot be read. */
    private Optional<Attachment> readFile(String path) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(path);
            long size = java.nio.file.Files.size(file);
            byte[] content = size <= Attachment.MAX_DOWNLOAD
                    ? java.nio.file.Files.readAllBytes(file) : new byte[0];
            return Optional.of(new Attachment(file.getFileName().toString(), size, content));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            synchronized (this) {
                io.say("Cannot read the file " + shorten(path) + ": give the path of a bank file.");
            }
            return Optional.empty();
        }
    }

    /**
     * Asks for each field of a form in turn and sends them back: a line for a short field, lines up to
     * an empty one for a paragraph. The end of input ends the form with what was typed.
     */
    private Reply fill(Commands commands, Reply.Form form, Completions completions) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (Reply.Field field : form.fields()) {
                synchronized (this) {
                    io.say(field.label() + (field.paragraph() ? " (finish with an empty line):" : ":"));
                }
                StringBuilder text = new StringBuilder();
                for (Optional<String> line = io.readLine(completions); line.isPresent();
                     line = field.paragraph() ? io.readLine(completions) : Optional.empty()) {
                    if (field.paragraph() && line.get().isBlank()) {
                        break;
                    }
                    text.append(text.isEmpty() ? "" : "\n").append(line.get());
                }
                values.put(field.id(), text.toString());
            }
        } catch (IOException e) {
            return Reply.Notice.privately("Could not read the form: " + e.getMessage());
        }
        return commands.submit(form.actionId(), values, caller);
    }

    /** A typed number picks that choice; a typed letter picks the button with that label. */
    private synchronized Optional<ConsoleRenderer.Choice> choice(String line) {
        if (line.matches("\\d{1,3}")) {
            int n = Integer.parseInt(line);
            return n >= 1 && n <= choices.size() ? Optional.of(choices.get(n - 1)) : Optional.empty();
        }
        return choices.stream().filter(c -> c.label().equalsIgnoreCase(line)).findFirst();
    }

    /**
     * Prints a reply. A reply to a command replaces the choices on offer; revealing a part keeps the
     * other parts on offer, so an answer can be read part by part.
     */
    private synchronized void show(Reply reply, boolean replacesChoices) {
        List<ConsoleRenderer.Choice> offered = io.show(reply);
        if (replacesChoices || !offered.isEmpty()) {
            choices = offered;
        }
    }

    /** A card posted to the channel, such as a quiz question: its buttons are on offer like a reply's. */
    private synchronized void showPosted(Reply.Card card) {
        show(card, true);
        io.posted(card);
    }

    private void waitWhile(Predicate<String> busy) {
        while (busy.test(CHANNEL)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) : text;
    }
}
