package dev.prepbot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prepbot.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T09:00:00Z"));
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final TerminalProgress progress = new TerminalProgress(new PrintStream(shown, true, StandardCharsets.UTF_8), clock);

    private String shown() {
        return shown.toString(StandardCharsets.UTF_8);
    }

    @Test
    void workThatEndsWithinASecondShowsNothing() {
        progress.update("Indexing questions", 0, 100);
        clock.advance(Duration.ofMillis(900));
        progress.update("Indexing questions", 50, 100);
        progress.update("Indexing questions", 100, 100);
        assertEquals("", shown());
    }

    @Test
    void longerWorkShowsItsPercentOnOneLineThatEndsWhenTheStepDoes() {
        progress.update("Indexing questions", 0, 1_000);
        clock.advance(Duration.ofMillis(1_100));
        progress.update("Indexing questions", 450, 1_000);
        clock.advance(Duration.ofMillis(300));
        progress.update("Indexing questions", 1_000, 1_000);
        assertEquals("\rIndexing questions: 45%\rIndexing questions: 100%" + System.lineSeparator(), shown());
    }

    @Test
    void theLineIsRedrawnAtMostFiveTimesASecond() {
        progress.update("Loading the bank", 0, 100);
        clock.advance(Duration.ofSeconds(2));
        for (int done = 1; done < 100; done++) {
            progress.update("Loading the bank", done, 100);
            clock.advance(Duration.ofMillis(10));
        }
        // 99 updates over about a second: the first, then one every 200 ms.
        assertEquals(5, shown().split("\r", -1).length - 1);
    }

    @Test
    void onceQuietAStepShowingEndsWithANoteAndNothingMoreIsDrawn() {
        progress.update("Embedding questions", 0, 100);
        clock.advance(Duration.ofMillis(1_500));
        progress.update("Embedding questions", 30, 100);
        progress.quiet();
        clock.advance(Duration.ofSeconds(1));
        progress.update("Embedding questions", 60, 100);
        progress.update("Embedding questions", 100, 100);
        assertEquals("\rEmbedding questions: 30%" + TerminalProgress.CONTINUING + System.lineSeparator(), shown());
    }

    @Test
    void quietAfterAFinishedStepAddsNothing() {
        progress.update("Indexing questions", 0, 10);
        clock.advance(Duration.ofSeconds(2));
        progress.update("Indexing questions", 10, 10);
        progress.quiet();
        assertEquals("\rIndexing questions: 100%" + System.lineSeparator(), shown());
    }

    @Test
    void eachStepIsTimedFromItsOwnStart() {
        progress.update("Loading the bank", 0, 10);
        clock.advance(Duration.ofSeconds(3));
        progress.update("Loading the bank", 10, 10);
        progress.update("Indexing questions", 0, 10);
        clock.advance(Duration.ofMillis(500));
        progress.update("Indexing questions", 10, 10);
        assertEquals("\rLoading the bank: 100%" + System.lineSeparator(), shown());
    }
}
