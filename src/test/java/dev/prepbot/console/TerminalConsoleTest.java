package dev.prepbot.console;

import dev.prepbot.bank.Catalog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a terminal: sessions typed key by key into JLine's pseudo-terminal, against the
 * built-in bank, and read off its emulated screen.
 */
class TerminalConsoleTest {

    private static final int WIDTH = 110;
    private static final String LEADER_ELECTION = "system-design-leader-election";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static App app;
    private static Completions completions;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T09:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService typing = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startWithTheBuiltInBank() throws Exception {
        Settings settings = Settings.fromEnvironment(Map.of("PREPBOT_SEARCH_MODEL", "off"))
                .withDatabase(shared.resolve("terminal.db").toString());
        app = App.start(settings);
        Console quiet = new Console(Console.localCaller(), new BufferedReader(new StringReader("")),
                new PrintStream(OutputStream.nullOutputStream()), false);
        Commands commands = app.commands(quiet.channels());
        completions = new Completions(commands, Console.localCaller());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void stopTyping() {
        typing.shutdownNow();
    }

    private TerminalIo console(TestScreen screen, Optional<Path> history, boolean noColor) {
        return new TerminalIo(screen.terminal(), history, noColor, scheduler, clock);
    }

    /**
     * Reads a line on another thread, as the console's main loop does, and returns once its prompt is
     * shown, ready for the test to type: keys typed before are taken by the terminal as it starts reading.
     */
    private Future<Optional<String>> readLine(TerminalIo io, TestScreen screen) {
        Future<Optional<String>> read = typing.submit(() -> io.readLine(completions));
        screen.await("an empty prompt", s -> {
            // One reading of the screen: the terminal may redraw it between two.
            List<String> rows = s.rows();
            int cursor = s.cursorRow();
            return io.reader().isReading() && rows.size() > cursor && rows.get(cursor).matches("prepbot( \\[\\d+ s left])?>");
        });
        return read;
    }

    private static String line(Future<Optional<String>> read) throws Exception {
        return read.get(20, TimeUnit.SECONDS).orElseThrow().strip();
    }

    private static Question question(String id) {
        return app.bank().byId(id).orElseThrow();
    }

    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    @Test
    void tabCompletesACommandThenAQuestionFromAWordOfItAndTheUpArrowBringsTheLineBack() throws Exception {
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.empty(), false)) {
            Future<Optional<String>> first = readLine(io, screen);
            screen.type("/ans\t");
            screen.await("the command completed", s -> s.rows().contains("prepbot> /answer"));
            // A space typed after the one Tab added is taken in by the completion.
            screen.type(" lead\t");
            screen.await("the best question inserted", s -> s.rows().contains("prepbot> /answer " + LEADER_ELECTION));
            // The terminal draws the completed line before the list under it: wait for both.
            screen.await("the other questions listed under the line",
                    s -> s.rows().stream().anyMatch(r -> r.contains("In a leaderless store")));
            screen.type("\r");
            assertEquals("/answer " + LEADER_ELECTION, line(first), "one Enter runs the line with the question chosen");

            Future<Optional<String>> again = readLine(io, screen);
            screen.type("\u001b[A");
            screen.type("\r");
            assertEquals("/answer " + LEADER_ELECTION, line(again));
        }
    }

    @Test
    void tabAgainMovesToTheNextQuestionAndTheArrowsEditTheLine() throws Exception {
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.empty(), false)) {
            Future<Optional<String>> read = readLine(io, screen);
            screen.type("/answer lead\t\t\r");
            assertEquals("/answer distributed-systems-quorum-reads-writes", line(read),
                    "after the id spelling the word, the suggester's first choice");

            Future<Optional<String>> edited = readLine(io, screen);
            // The left arrow twice, the missing letter, End, and an option completed with Tab.
            screen.type("/search tcp handshke\u001b[D\u001b[Da\u001b[F topic:netw\t\r");
            assertEquals("/search tcp handshake topic:networking", line(edited));
        }
    }

    @Test
    void aQuestionsFullAnswerWrapsAtTheTerminalsWidthWithItsHeadingsInBold() throws Exception {
        // A console of its own: quiz and daily posts go to the console whose channels built the commands.
        try (TestScreen screen = new TestScreen("xterm", WIDTH);
             App own = App.start(Settings.fromEnvironment(Map.of("PREPBOT_SEARCH_MODEL", "off"))
                     .withDatabase(dir.resolve("session.db").toString()));
             TerminalIo io = console(screen, Optional.empty(), false)) {
            Console console = new Console(Console.localCaller(), io);
            Future<?> session = typing.submit(() -> {
                console.run(own.commands(console.channels()), own::quizRunning);
                return null;
            });
            screen.type("/question system-design\r");
            screen.await("the question's buttons", s -> s.rows().contains("[2] Full answer"));
            int answerFrom = screen.rows().size();
            screen.type("2\r");
            // The prompt comes back once the whole card is drawn: what the test reads is all there.
            screen.await("the full answer, then the prompt", s -> {
                List<String> rows = s.rows();
                return rows.contains("Production story") && rows.get(rows.size() - 1).equals("prepbot>");
            });
            screen.type("\u0004");
            session.get(20, TimeUnit.SECONDS);

            String shown = screen.words(answerFrom);
            Question asked = app.bank().select(Optional.of("system-design"), Optional.empty()).stream()
                    .filter(q -> shown.contains(words(q.question()))).findFirst().orElseThrow();
            // Were any word broken at the screen's edge, its halves would be apart here.
            assertTrue(shown.contains(words(asked.answer())), shown);
            assertTrue(shown.contains(words(asked.explanation().orElseThrow())), shown);
            assertTrue(shown.contains(words(asked.story().orElseThrow())), shown);
            long[] heading = screen.cells(screen.rowOf("Explanation"));
            assertTrue(ScreenTerminal.cellBold(heading[0]), "headings are bold");
            long[] body = screen.cells(screen.rowOf("Explanation") + 1);
            assertFalse(ScreenTerminal.cellBold(body[2]), "their text is not");
            assertTrue(screen.rows().stream().noneMatch(r -> r.contains("**") || r.contains("==")),
                    "bold replaces the marks a pipe shows: " + screen.rows());
        }
    }

    @Test
    void everyParagraphFitsTheWidthOfTheTerminalAsItIsWhenShown() throws Exception {
        Question q = question(LEADER_ELECTION);
        Reply.Card full = new AnswerCards(Catalog.of(app.bank())).fullCard(q, Visibility.PUBLIC);
        for (int width : List.of(110, 80, 47)) {
            try (TestScreen screen = new TestScreen("xterm", width); TerminalIo io = console(screen, Optional.empty(), false)) {
                io.show(full);
                assertTrue(screen.words(0).contains(words(q.explanation().orElseThrow())), width + ": " + screen.rows());
                assertTrue(screen.rows().stream().anyMatch(r -> r.length() > width - 12), "lines are filled: " + screen.rows());
            }
        }
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.empty(), false)) {
            io.show(full);
            screen.resize(52);
            int from = screen.cursorRow();
            io.show(full);
            List<String> after = screen.rows().subList(from, screen.rows().size());
            assertTrue(words(String.join(" ", after)).contains(words(q.explanation().orElseThrow())), String.join("\n", after));
        }
    }

    @Test
    void matchedSearchWordsAreBoldAndColoursFollowTheTerminalAndNoColor() throws Exception {
        Commands commands = app.commands(new Console(Console.localCaller(), new BufferedReader(new StringReader("")),
                new PrintStream(OutputStream.nullOutputStream()), false).channels());
        Reply results = commands.handle(new CommandRequest("search", Optional.empty(),
                Map.of("query", "leader election"), Console.localCaller()));
        for (boolean noColor : List.of(false, true)) {
            try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.empty(), noColor)) {
                io.show(results);
                int row = screen.rowOf("How does leader election work");
                String text = screen.rows().get(row);
                long[] cells = screen.cells(row);
                int leader = text.indexOf("leader");
                int does = text.indexOf("does");
                assertTrue(ScreenTerminal.cellBold(cells[leader]), "a matched word is bold: " + text);
                assertFalse(ScreenTerminal.cellBold(cells[does]), "other words are not: " + text);
                long[] title = screen.cells(screen.rowOf("Search: leader election"));
                assertTrue(ScreenTerminal.cellBold(title[0]));
                assertEquals(!noColor, ScreenTerminal.cellHasForeground(title[0]), "the title is coloured unless NO_COLOR");
            }
        }
    }

    @Test
    void noEscapeCodesReachATerminalThatCannotShowThem() throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (Terminal dumb = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]), shown,
                StandardCharsets.UTF_8);
             TerminalIo io = new TerminalIo(dumb, Optional.empty(), false, scheduler, clock)) {
            io.show(new AnswerCards(Catalog.of(app.bank())).fullCard(question(LEADER_ELECTION), Visibility.PUBLIC));
        }
        String text = shown.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("How does leader election work in a distributed system"), text);
        assertFalse(text.contains("\u001b"), text);
    }

    @Test
    void historyIsKeptAcrossSessionsAndHoldsOnlyCommands() throws Exception {
        Path history = dir.resolve("cache/prepbot/history");
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.of(history), false)) {
            Future<Optional<String>> command = readLine(io, screen);
            screen.type("/topics\r");
            assertEquals("/topics", line(command));
            Future<Optional<String>> choice = readLine(io, screen);
            screen.type("2\r");
            assertEquals("2", line(choice));
        }
        assertTrue(Files.readString(history).contains("/topics"));
        assertFalse(Files.readString(history).lines().anyMatch(l -> l.endsWith(":2") || l.equals("2")), Files.readString(history));
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.of(history), false)) {
            Future<Optional<String>> recalled = readLine(io, screen);
            // An xterm in the keypad mode JLine switches on sends its up arrow as ESC O A.
            screen.type("\u001bOA\r");
            assertEquals("/topics", line(recalled), "the up arrow brings back the last session's command");
        }
    }

    @Test
    void ctrlCDropsTheLineBeingTypedAndCtrlDLeaves() throws Exception {
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.empty(), false)) {
            Future<Optional<String>> cancelled = readLine(io, screen);
            screen.type("/search tcp hand");
            screen.await("the typing", s -> s.rows().contains("prepbot> /search tcp hand"));
            screen.type("\u0003");
            assertEquals("", line(cancelled));
            Future<Optional<String>> next = readLine(io, screen);
            screen.type("/topics\r");
            assertEquals("/topics", line(next));
            Future<Optional<String>> leaving = readLine(io, screen);
            screen.type("\u0004");
            assertEquals(Optional.empty(), leaving.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void anOpenQuizQuestionsSecondsTickInThePromptWhileTheAnswerIsTyped() throws Exception {
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.empty(), false)) {
            Future<Optional<String>> answer = readLine(io, screen);
            screen.type("B");
            screen.await("the prompt", s -> s.rows().contains("prepbot> B"));
            Reply.Card question = new Reply.Card(Text.of("Question 1 of 1"), List.of(new Reply.Section(Text.of(""),
                    Text.builder().plain("Time's up ").countdown(clock.instant().plus(Duration.ofSeconds(20))).plain(".").build())),
                    Optional.empty(), List.of(), Optional.empty(), Visibility.PUBLIC);
            CompletableFuture.runAsync(() -> {
                io.show(question);
                io.posted(question);
            }).get(20, TimeUnit.SECONDS);
            screen.await("the countdown in the prompt", s -> s.rows().contains("prepbot [20 s left]> B"));
            String at = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault())
                    .format(clock.instant().plusSeconds(20));
            assertTrue(screen.rows().contains("  Time's up in 20 s (at " + at + ")."), "the card says it once: " + screen.rows());
            int promptRow = screen.cursorRow();
            for (int left = 19; left >= 1; left--) {
                scheduler.advance(Duration.ofSeconds(1));
                String expected = "prepbot [" + left + " s left]> B";
                screen.await(expected, s -> s.rows().contains(expected));
                assertEquals(promptRow, screen.cursorRow(), "the prompt is redrawn in place, not printed again");
            }
            scheduler.advance(Duration.ofSeconds(1));
            screen.await("the plain prompt when time is up", s -> s.rows().contains("prepbot> B"));
            assertEquals(0, scheduler.pending());
            screen.type("\r");
            assertEquals("B", line(answer));
        }
    }

    @Test
    void aClosedQuestionEndsTheCountdown() throws Exception {
        try (TestScreen screen = new TestScreen("xterm", WIDTH); TerminalIo io = console(screen, Optional.empty(), false)) {
            Future<Optional<String>> read = readLine(io, screen);
            Reply.Card open = new Reply.Card(Text.of("Question 1 of 2"), List.of(new Reply.Section(Text.of(""),
                    Text.builder().countdown(clock.instant().plusSeconds(30)).build())), Optional.empty(), List.of(),
                    Optional.empty(), Visibility.PUBLIC);
            io.posted(open);
            screen.await("the countdown", s -> s.rows().contains("prepbot [30 s left]>"));
            io.posted(new Reply.Card(Text.of("Question 1 of 2"), List.of(Reply.Section.of("Right answer: B", "Got it: you")),
                    Optional.empty(), List.of(), Optional.empty(), Visibility.PUBLIC));
            screen.await("the plain prompt", s -> s.rows().contains("prepbot>"));
            assertEquals(0, scheduler.pending(), "no tick is left scheduled");
            screen.type("\u0004");
            assertEquals(Optional.empty(), read.get(20, TimeUnit.SECONDS));
        }
    }
}
