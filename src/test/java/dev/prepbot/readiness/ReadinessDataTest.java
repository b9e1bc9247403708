package dev.prepbot.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadinessDataTest {

    @Test
    void keepsTheFifteenMostActiveMembersAndSumsTheRestIntoOthers() {
        List<Tally> tallies = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            tallies.add(new Tally("id" + m, "member " + m, "git", m, 10 * (m + 1)));
        }
        Collections.shuffle(tallies, new Random(3));

        ReadinessData data = ReadinessData.from(tallies);

        assertEquals(ReadinessData.MAX_COLUMNS, data.members().size());
        assertEquals("member 19", data.members().getFirst());
        assertEquals("member 5", data.members().get(14));
        assertEquals("others (5)", data.members().getLast());
        assertEquals(5, data.othersCount());
        // Members 0 to 4: 0+1+2+3+4 right of 10+20+30+40+50.
        assertEquals(new Cell(10, 150), data.cell(0, 15));
    }

    @Test
    void sixteenMembersGetAColumnEachWithoutOthers() {
        ReadinessData data = ReadinessData.from(Teams.random(16, 3, 1));

        assertEquals(16, data.members().size());
        assertFalse(data.hasOthers());
        assertTrue(data.members().stream().noneMatch(m -> m.startsWith("others")));
    }

    @Test
    void ordersTopicsWeakestFirstAndTopicsWithFewAnswersLast() {
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("a", "Ada", "python", 9, 10),
                new Tally("a", "Ada", "networking", 3, 10),
                new Tally("a", "Ada", "git", 6, 10),
                new Tally("a", "Ada", "web", 0, 4),
                new Tally("a", "Ada", "java", 1, 1),
                new Tally("b", "Bob", "git", 0, 10)));

        // git: 6 of 20 = 30%, networking 30% on fewer answers, then python; web and java have under five answers.
        assertEquals(List.of("git", "networking", "python", "java", "web"), data.topics());
    }

    @Test
    void sumsRepeatedTalliesForTheSameMemberAndTopic() {
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("a", "Ada", "git", 2, 3),
                new Tally("a", "Ada", "git", 4, 5)));

        assertEquals(List.of("Ada"), data.members());
        assertEquals(new Cell(6, 8), data.cell(0, 0));
    }

    @Test
    void keepsKnownTopicsNobodyAnsweredAsEmptyRowsAtTheEnd() {
        ReadinessData data = ReadinessData.from(List.of(new Tally("a", "Ada", "git", 2, 6)), List.of("web", "algorithms", "git"));

        assertEquals(List.of("git", "algorithms", "web"), data.topics());
        assertTrue(data.cell(1, 0).isEmpty());
        assertTrue(data.cell(2, 0).isEmpty());
    }

    @Test
    void membersWithoutAnswersGetNoColumn() {
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("a", "Ada", "git", 2, 6),
                new Tally("b", "Bob", "git", 0, 0)));

        assertEquals(List.of("Ada"), data.members());
    }

    @Test
    void nobodyAnsweringIsEmptyEvenWithKnownTopics() {
        assertTrue(ReadinessData.from(List.of(), List.of("git", "web")).isEmpty());
        assertTrue(ReadinessData.from(List.of()).topics().isEmpty());
    }

    @Test
    void aBlankNameFallsBackToTheMemberId() {
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("123", "  ", "git", 2, 6),
                new Tally("456", "", "git", 1, 2),
                new Tally("456", "Bo", "web", 1, 2)));

        assertEquals(List.of("123", "Bo"), data.members());
    }

    @Test
    void topicTotalsIncludeTheOthers() {
        ReadinessData data = ReadinessData.from(Teams.random(100, 2, 5));
        int expected = Teams.random(100, 2, 5).stream().filter(t -> t.topic().equals(data.topics().getFirst()))
                .mapToInt(Tally::answered).sum();

        assertEquals(expected, data.topicTotal(0).answered());
        assertEquals(85, data.othersCount());
    }

    @Test
    void aCellCannotHaveMoreRightAnswersThanAnswers() {
        assertThrows(IllegalArgumentException.class, () -> new Cell(3, 2));
        assertThrows(IllegalArgumentException.class, () -> new Cell(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Tally("a", "Ada", "git", 5, 4));
    }

    @Test
    void neverHoldsMoreThanSixteenColumns() {
        List<String> members = Collections.nCopies(17, "someone");
        List<List<Cell>> row = List.of(Collections.nCopies(17, new Cell(1, 1)));

        assertThrows(IllegalArgumentException.class, () -> new ReadinessData(List.of("git"), members, row, 0));
    }
}
