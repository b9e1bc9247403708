package dev.prepbot.console;

import dev.prepbot.bank.Progress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Shows long work on a terminal as one line that updates in place ("Indexing questions: 45%"). A
 * step that ends within a second shows nothing, so small banks start as quietly as before; the line
 * is redrawn at most five times a second and ends with a newline when its step does.
 */
public final class TerminalProgress implements Progress {

    static final Duration QUIET_FOR = Duration.ofSeconds(1);
    static final Duration REDRAW_EVERY = Duration.ofMillis(200);

    static final String CONTINUING = " (continuing in the background)";

    private final PrintStream out;
    private final Clock clock;
    private String step;
    private Instant started;
    private Instant drawn;
    private boolean lineOpen;
    private boolean quiet;

    public TerminalProgress(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public synchronized void update(String step, long done, long total) {
        if (quiet) {
            return;
        }
        Instant now = clock.instant();
        if (!step.equals(this.step)) {
            this.step = step;
            this.started = now;
            this.drawn = null;
        }
        boolean finished = done >= total;
        if (Duration.between(started, now).compareTo(QUIET_FOR) < 0) {
            return;
        }
        if (!finished && drawn != null && Duration.between(drawn, now).compareTo(REDRAW_EVERY) < 0) {
            return;
        }
        long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
        out.printf(Locale.ROOT, "\r%s: %d%%", step, percent);
        if (finished) {
            out.println();
        }
        out.flush();
        drawn = now;
        lineOpen = !finished;
    }

    /**
     * Draws nothing more: the interactive console has the terminal now, and a line redrawn in place
     * would run into the line being typed. Work still going on in the background (the sentence model
     * embedding the bank) goes on unseen; a step still showing is ended with a note that it continues.
     */
    public synchronized void quiet() {
        if (lineOpen) {
            out.println(CONTINUING);
            out.flush();
            lineOpen = false;
        }
        quiet = true;
    }
}
