package dev.prepbot.console;

import dev.prepbot.commands.Reply;
import dev.prepbot.time.Scheduler;
import java.io.IOError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.InfoCmp;

/**
 * The console in a terminal, through JLine: the line is edited in place (arrows, Home, End, Ctrl-A,
 * Ctrl-E, Ctrl-W and the rest of Emacs's keys), the up arrow recalls earlier commands, kept across
 * sessions in the history file, Tab completes (see {@link Completions}), Ctrl-C drops the line being
 * typed and Ctrl-D on an empty line leaves. Replies are styled and wrapped to the terminal's width,
 * read again for every reply so that text shown after a resize fits the new width; replies that come
 * while a line is being typed (a quiz question) are printed above it. While a quiz question is open,
 * the prompt shows its seconds left, redrawn every second.
 */
public final class TerminalIo implements ConsoleIo, AutoCloseable {

    static final String PROMPT = "prepbot";
    static final String WELCOME = "Prepbot console. Type /help for commands, Tab to complete, /quit or Ctrl-D to leave.";
    /** When the terminal does not say how wide it is. */
    static final int DEFAULT_WIDTH = 80;
    /** Tab: the widget that picks how to complete. */
    private static final String COMPLETE = "prepbot-complete";
    /** Redraws the prompt when the countdown in it changes. */
    private static final String REFRESH_PROMPT = "prepbot-refresh-prompt";
    /**
     * Enter while a menu of completions is open: any name other than accept-line makes JLine close the
     * menu and take the key again, so one Enter runs the line with the completion chosen.
     */
    private static final String RUN_CHOSEN = "prepbot-run-chosen";

    private final Terminal terminal;
    private final LineReaderImpl reader;
    private final DefaultHistory history;
    private final TabCompletion tab = new TabCompletion();
    private final ConsoleRenderer renderer;
    private final ConsoleRenderer.Look look;
    private final PromptCountdown countdown;

    /**
     * A console on {@code terminal}, remembering commands in {@code historyFile} when there is one;
     * colours unless {@code noColor} or the terminal has none. Ticks of the countdown are scheduled on
     * {@code scheduler}.
     */
    public TerminalIo(Terminal terminal, Optional<Path> historyFile, boolean noColor, Scheduler scheduler, Clock clock) {
        this.terminal = terminal;
        this.renderer = new ConsoleRenderer(clock);
        Integer colours = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        this.look = new ConsoleRenderer.Look(!noColor && colours != null && colours >= 8);
        this.reader = new LineReaderImpl(terminal, PROMPT, new HashMap<>());
        this.history = new CommandHistory();
        historyFile.ifPresent(file -> reader.setVariable(LineReader.HISTORY_FILE, file));
        reader.setHistory(history);
        reader.setParser(tab);
        reader.setCompleter(tab);
        reader.setCompletionMatcher(new TabCompletion.Offered());
        // "!" is text here (a search for "!important"), not a shell's history expansion.
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        reader.getWidgets().put(COMPLETE, this::complete);
        reader.getWidgets().put(REFRESH_PROMPT, () -> {
            reader.setPrompt(prompt());
            return reader.redisplay();
        });
        KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        main.bind(new Reference(COMPLETE), "\t");
        bindCursorKeys(main);
        KeyMap<Binding> menu = reader.getKeyMaps().get(LineReader.MENU);
        menu.bind(new Reference(RUN_CHOSEN), "\r", "\n");
        bindCursorKeys(menu);
        this.countdown = new PromptCountdown(scheduler, clock, this::refreshPrompt);
    }

    /** A console on the terminal Prepbot runs in. */
    public static TerminalIo open(Optional<Path> historyFile, boolean noColor, Scheduler scheduler, Clock clock)
            throws IOException {
        // UTF-8 as the rest of Prepbot's output, whatever the locale says: bank text has "·" and "•".
        Terminal terminal = TerminalBuilder.builder().name("prepbot").system(true).dumb(true)
                .encoding(StandardCharsets.UTF_8).stdinEncoding(StandardCharsets.UTF_8)
                .stdoutEncoding(StandardCharsets.UTF_8).build();
        return new TerminalIo(terminal, historyFile, noColor, scheduler, clock);
    }

    @Override
    public void welcome() {
        say(WELCOME);
    }

    @Override
    public Optional<String> readLine(Completions completions) {
        tab.use(completions);
        try {
            return Optional.of(reader.readLine(prompt()));
        } catch (UserInterruptException e) {
            return Optional.of("");
        } catch (EndOfFileException e) {
            return Optional.empty();
        } catch (IOError e) {
            // The terminal went away (its window closed): as good as the end of input.
            return Optional.empty();
        }
    }

    @Override
    public List<ConsoleRenderer.Choice> show(Reply reply) {
        ConsoleRenderer.Styled styled = renderer.render(reply, look, width());
        List<AttributedString> lines = new ArrayList<>(styled.lines());
        // A blank line after each reply, as in a pipe.
        lines.add(AttributedString.EMPTY);
        print(lines);
        return styled.choices();
    }

    @Override
    public void say(String line) {
        print(Wrap.lines(new AttributedString(line), width()));
    }

    @Override
    public void posted(Reply.Card card) {
        countdown.follow(card);
    }

    @Override
    public void close() throws IOException {
        countdown.stop();
        try {
            history.save();
        } finally {
            terminal.close();
        }
    }

    /**
     * The terminal's width now, so a window resized since the last reply gets text fitted to its new
     * width. It is read at every reply rather than kept up to date by a SIGWINCH handler: JLine's reader
     * takes that signal over while a line is being read, which is most of the time, and handles it
     * itself, redrawing the line being typed.
     */
    int width() {
        int width = terminal.getWidth();
        return width > 0 ? width : DEFAULT_WIDTH;
    }

    /** The line reader, for tests that type into it. */
    LineReader reader() {
        return reader;
    }

    /** Prints lines above the line being typed, if one is, and redraws it below them. */
    private void print(List<AttributedString> lines) {
        AttributedStringBuilder text = new AttributedStringBuilder();
        for (AttributedString line : lines) {
            text.append(line).append('\n');
        }
        reader.printAbove(text.toAttributedString().toAnsi(terminal));
    }

    /** "prepbot> ", or "prepbot [17 s left]> " while a quiz question is open. */
    private String prompt() {
        AttributedStringBuilder prompt = new AttributedStringBuilder().append(PROMPT);
        OptionalLong left = countdown.secondsLeft();
        if (left.isPresent()) {
            prompt.append(" [").styled(look.secondsLeft(left.getAsLong()), left.getAsLong() + " s left").append("]");
        }
        return prompt.append("> ").toAttributedString().toAnsi(terminal);
    }

    /** Redraws the prompt in place while a line is being typed; the next prompt shows the count anyway. */
    private void refreshPrompt() {
        if (reader.isReading()) {
            try {
                reader.callWidget(REFRESH_PROMPT);
            } catch (IllegalStateException e) {
                // The line was accepted meanwhile: the next prompt is drawn with the count as it is then.
            }
        }
    }

    /**
     * Tab. A question typed in words is completed from a menu whose first entry, the best match, is
     * inserted at once (Tab again moves to the next); names and choices complete as far as they agree
     * and list the rest, as a shell does.
     */
    private boolean complete() {
        Completions.Offer offer = tab.offer(reader.getBuffer().toString(), reader.getBuffer().cursor());
        String widget = offer.ranked() ? LineReader.MENU_COMPLETE : LineReader.COMPLETE_WORD;
        return reader.getBuiltinWidgets().get(widget).apply();
    }

    /**
     * JLine binds the keys the terminal's description names, which for an xterm are the arrows of the
     * keypad mode it switches on ({@code ESC O A}); a terminal that ignores the switch, or whose TERM
     * says xterm when it is not, sends the plain ones ({@code ESC [ A}), and those must move the cursor
     * too rather than print as text.
     */
    private static void bindCursorKeys(KeyMap<Binding> keys) {
        keys.bind(new Reference(LineReader.UP_LINE_OR_SEARCH), "\u001b[A");
        keys.bind(new Reference(LineReader.DOWN_LINE_OR_SEARCH), "\u001b[B");
        keys.bind(new Reference(LineReader.FORWARD_CHAR), "\u001b[C");
        keys.bind(new Reference(LineReader.BACKWARD_CHAR), "\u001b[D");
        keys.bind(new Reference(LineReader.BEGINNING_OF_LINE), "\u001b[H", "\u001b[1~");
        keys.bind(new Reference(LineReader.END_OF_LINE), "\u001b[F", "\u001b[4~");
        keys.bind(new Reference(LineReader.DELETE_CHAR), "\u001b[3~");
    }

    /**
     * Only commands are remembered: a choice typed after a reply, such as 2 or B, means nothing once
     * that reply has scrolled away, and would stand between the up arrow and the last command.
     */
    private static final class CommandHistory extends DefaultHistory {
        @Override
        public void add(Instant time, String line) {
            if (line.strip().startsWith("/")) {
                super.add(time, line);
            }
        }
    }
}
