package dev.prepbot.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void namesTheThreeWeakestTopicsWithEnoughAnswers() {
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("a", "Ada", "networking", 12, 30),
                new Tally("b", "Bob", "networking", 8, 22),
                new Tally("a", "Ada", "git", 9, 20),
                new Tally("a", "Ada", "sql", 0, 4),
                new Tally("a", "Ada", "java", 30, 50),
                new Tally("a", "Ada", "python", 45, 50)));

        assertEquals("Weakest topics: networking 38% (52 answers), git 45% (20 answers), java 60% (50 answers).",
                Summary.of(data));
    }

    @Test
    void oneTopicWithEnoughAnswersIsNamedAlone() {
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("a", "Ada", "git", 4, 5),
                new Tally("a", "Ada", "web", 0, 3)));

        assertEquals("Weakest topic: git 80% (5 answers).", Summary.of(data));
    }

    @Test
    void saysSoWhenNoTopicHasEnoughAnswers() {
        ReadinessData data = ReadinessData.from(List.of(new Tally("a", "Ada", "git", 0, 4)));

        assertEquals("Not enough answers yet to name a weakest topic: each needs at least 5.", Summary.of(data));
    }

    @Test
    void saysNoAnswersYetWhenNobodyAnswered() {
        assertEquals("No answers yet.", Summary.of(ReadinessData.empty()));
        assertEquals("No answers yet.", Summary.of(ReadinessData.from(List.of(), List.of("git"))));
    }

    @Test
    void staysWithinDiscordsAltTextLimit() {
        String longTopic = "🔥".repeat(400);
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("a", "Ada", "a" + longTopic, 1, 9),
                new Tally("a", "Ada", "b" + longTopic, 2, 9),
                new Tally("a", "Ada", "c" + longTopic, 3, 9)));

        String summary = Summary.of(data);

        assertTrue(summary.length() <= Summary.MAX_LENGTH, summary.length() + " characters");
        assertTrue(summary.endsWith("…"));
        assertFalse(Character.isHighSurrogate(summary.charAt(summary.length() - 2)), "ends inside a character");
    }

    @Test
    void aTopicNameCannotBreakTheLine() {
        ReadinessData data = ReadinessData.from(List.of(new Tally("a", "Ada", "net\nworking\u202E", 3, 9)));

        assertEquals("Weakest topic: net working 33% (9 answers).", Summary.of(data));
    }
}
