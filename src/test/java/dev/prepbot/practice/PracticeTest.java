package dev.prepbot.practice;

import dev.prepbot.bank.Catalog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.Database;
import dev.prepbot.store.RoundRecord;
import dev.prepbot.store.RoundStatus;
import dev.prepbot.store.SqlPracticeStore;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Practice on the real store: misses come back, due questions first, weakest topics next. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class PracticeTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-04T18:00:00Z"));
    private final Bank bank = Questions.sample();
    private Database db;
    private SqlQuizStore quiz;
    private SqlPracticeStore store;
    private Practice practice;

    @BeforeEach
    void open() {
        db = Database.open(engine.fresh(dir).location(), clock);
        quiz = new SqlQuizStore(db);
        store = new SqlPracticeStore(db);
        practice = new Practice(Catalog.of(bank), store, new Sm2(), clock, new Random(7));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void answer(String questionId, boolean correct) {
        var q = bank.byId(questionId).orElseThrow();
        String round = "r-" + questionId + "-" + clock.instant().toEpochMilli();
        quiz.openRound(new RoundRecord(round, "g1", "c1", "u1", Optional.empty(), 1, 30, RoundStatus.RUNNING,
                Optional.empty(), clock.instant()));
        quiz.recordAnswer(new AnswerRecord(round, 0, q.id(), q.topic(), "g1", "u1", "Ada", 1, correct,
                correct ? 900 : 0, 2_000, clock.instant()));
    }

    private Set<String> drainDue() {
        Set<String> seen = new java.util.LinkedHashSet<>();
        for (Practice.Next next = practice.next("g1", "u1", Optional.empty()); next instanceof Practice.Next.Due due;
             next = practice.next("g1", "u1", Optional.empty())) {
            seen.add(due.question().id());
            practice.grade("g1", "u1", due.question().id(), Grade.GOOD);
        }
        return seen;
    }

    @Test
    void twoQuestionsMissedInARoundComeBackTheNextDay() {
        List<String> ids = bank.questions().stream().map(q -> q.id()).limit(3).toList();
        answer(ids.get(0), false);
        answer(ids.get(1), false);
        answer(ids.get(2), true);
        assertInstanceOf(Practice.Next.Fresh.class, practice.next("g1", "u1", Optional.empty()), "nothing due tonight");
        clock.advance(Duration.ofDays(1));
        assertEquals(Set.of(ids.get(0), ids.get(1)), drainDue());
        assertEquals(2, practice.missed("g1", "u1").size(), "/review lists both misses");
    }

    @Test
    void aGradedQuestionIsNotDueAgainUntilItsInterval() {
        String id = bank.questions().get(0).id();
        Card card = practice.grade("g1", "u1", id, Grade.GOOD);
        assertEquals(clock.instant().plus(Duration.ofDays(1)), card.due());
        assertEquals(Optional.of(card), store.card("g1", "u1", id));
        clock.advance(Duration.ofHours(23));
        assertTrue(drainDue().isEmpty());
        clock.advance(Duration.ofHours(1));
        assertEquals(Set.of(id), drainDue());
    }

    @Test
    void newQuestionsComeFromTheWeakestTopic() {
        var weak = bank.questions().get(0);
        var strong = bank.questions().stream().filter(q -> !q.topic().equals(weak.topic())).findFirst().orElseThrow();
        answer(weak.id(), false);
        answer(strong.id(), true);
        // The miss of the weak topic's question is scheduled, so the next new question is another from that topic
        // when it has one, and from an untried topic otherwise, never from the strong one first.
        Practice.Next next = practice.next("g1", "u1", Optional.empty());
        Practice.Next.Fresh fresh = assertInstanceOf(Practice.Next.Fresh.class, next);
        boolean weakHasMore = bank.byTopic(weak.topic()).size() > 1;
        if (weakHasMore) {
            assertEquals(weak.topic(), fresh.question().topic());
        } else {
            assertTrue(!fresh.question().topic().equals(strong.topic()), fresh.question().id());
        }
    }

    @Test
    void whenEverythingIsPractisedItSaysWhenTheNextReviewIs() {
        for (var q : bank.questions()) {
            practice.grade("g1", "u1", q.id(), Grade.EASY);
        }
        Practice.Next.Nothing nothing = assertInstanceOf(Practice.Next.Nothing.class,
                practice.next("g1", "u1", Optional.empty()));
        assertEquals(Optional.of(clock.instant().plus(Duration.ofDays(4))), nothing.nextReview());
    }

    @Test
    void revealingAnAnswerSchedulesItForTomorrowOnce() {
        String id = bank.questions().get(1).id();
        practice.revealed("g1", "u1", id);
        Card first = store.card("g1", "u1", id).orElseThrow();
        clock.advance(Duration.ofHours(2));
        practice.revealed("g1", "u1", id);
        assertEquals(first, store.card("g1", "u1", id).orElseThrow());
        assertEquals(clock.instant().minus(Duration.ofHours(2)).plus(Duration.ofDays(1)), first.due());
    }

    @Test
    void keyPointsMissedInAMockInterviewBringTheQuestionBackTheNextDayEvenWhenItWasGoingWell() {
        String id = bank.questions().get(2).id();
        Card known = practice.grade("g1", "u1", id, Grade.EASY);
        practice.lapsed("g1", "u1", id);
        Card lapsed = store.card("g1", "u1", id).orElseThrow();
        assertEquals(known.lapses() + 1, lapsed.lapses());
        assertEquals(clock.instant().plus(Duration.ofDays(1)), lapsed.due());
        clock.advance(Duration.ofDays(1));
        assertEquals(Set.of(id), drainDue());
    }

    @Test
    void eachMemberAndServerHasItsOwnSchedule() {
        String id = bank.questions().get(0).id();
        practice.grade("g1", "u1", id, Grade.GOOD);
        assertTrue(store.card("g1", "u2", id).isEmpty());
        assertTrue(store.card("g2", "u1", id).isEmpty());
        assertEquals(Set.of(id), store.scheduled("g1", "u1").stream().collect(Collectors.toSet()));
    }
}
