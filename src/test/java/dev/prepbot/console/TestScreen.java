package dev.prepbot.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.ScreenTerminal;

/**
 * A pseudo-terminal for tests: JLine's line-discipline terminal wired to its screen emulator, so a test
 * types keys (escape sequences included) and reads the screen as a person would see it, rows and bold
 * cells and colours, after the terminal has drawn, wrapped and redrawn them.
 */
final class TestScreen implements AutoCloseable {

    /** Long enough that nothing a test shows scrolls off the top. */
    static final int ROWS = 1_000;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ScreenTerminal.VirtualTerminal virtual;

    TestScreen(String type, int columns) {
        try {
            virtual = ScreenTerminal.withTerminal("test", type, columns, ROWS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Terminal terminal() {
        return virtual.terminal();
    }

    /** Types keys as a keyboard sends them: "\t" for Tab, "\r" for Enter, "\u001b[A" for the up arrow. */
    void type(String keys) {
        try {
            virtual.terminal().processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the window narrower or wider, as dragging its edge does. */
    void resize(int columns) {
        virtual.screen().setSize(columns, ROWS);
        virtual.terminal().setSize(new Size(columns, ROWS));
    }

    /** The screen's rows down to the last one written, without trailing spaces. */
    List<String> rows() {
        List<String> rows = new ArrayList<>(List.of(virtual.screen().toString().split("\n", -1)));
        rows.replaceAll(String::stripTrailing);
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    /** The row the cursor is on. */
    int cursorRow() {
        int[] cursor = new int[2];
        virtual.screen().dump(new long[virtual.screen().getColumns() * virtual.screen().getRows()], cursor);
        return cursor[1];
    }

    /** The cells of a row: each holds a character with its attributes (see {@link ScreenTerminal#cellBold}). */
    long[] cells(int row) {
        int columns = virtual.screen().getColumns();
        long[] screen = new long[columns * virtual.screen().getRows()];
        virtual.screen().dump(screen, new int[2]);
        long[] cells = new long[columns];
        System.arraycopy(screen, row * columns, cells, 0, columns);
        return cells;
    }

    /** The first row holding the text. */
    int rowOf(String text) {
        List<String> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no row holds \"" + text + "\":\n" + String.join("\n", rows));
    }

    /** Everything shown from the row on, its words joined by single spaces, however its lines were broken. */
    String words(int fromRow) {
        List<String> rows = rows();
        return String.join(" ", rows.subList(Math.min(fromRow, rows.size()), rows.size())).strip().replaceAll("\\s+", " ");
    }

    /**
     * Waits until the screen shows what the test expects, the terminal being drawn by other threads;
     * only the drawing is waited for, never the passing of time a test depends on.
     */
    void await(String what, Predicate<TestScreen> shown) {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!shown.test(this)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("the screen never showed " + what + ":\n" + String.join("\n", rows()));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    @Override
    public void close() throws IOException {
        virtual.terminal().close();
    }
}
