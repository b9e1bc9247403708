package dev.prepbot.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Sm2Test {

    private final Sm2 sm2 = new Sm2();
    private final Instant start = Instant.parse("2026-05-01T09:00:00Z");

    private static long days(Card card, Instant from) {
        return Duration.between(from, card.due()).toHours() / 24;
    }

    @Test
    void intervalsGrowWithEachGoodReview() {
        Card card = sm2.newCard("q", start);
        Instant now = start;
        long previous = 0;
        long[] expected = {1, 6, 15, 37}; // 15 days times an ease of 2.5 is 37.5: whole days shown
        for (long want : expected) {
            card = sm2.review(card, Grade.GOOD, now);
            long interval = days(card, now);
            assertEquals(want, interval, "after " + card.reviews() + " reviews");
            assertTrue(interval > previous);
            previous = interval;
            now = card.due();
        }
    }

    @Test
    void aLapseStartsTheQuestionOverTomorrowAndMakesItHarder() {
        Card card = sm2.newCard("q", start);
        for (int i = 0; i < 4; i++) {
            card = sm2.review(card, Grade.GOOD, card.due());
        }
        Instant now = card.due();
        Card lapsed = sm2.review(card, Grade.AGAIN, now);
        assertEquals(1, days(lapsed, now));
        assertEquals(1, lapsed.lapses());
        assertEquals(card.ease() - 0.2, lapsed.ease(), 1e-9);
        Card again = lapsed;
        for (int i = 0; i < 20; i++) {
            again = sm2.review(again, Grade.AGAIN, now);
        }
        assertEquals(Sm2.Parameters.DEFAULT.minimumEase(), again.ease(), 1e-9, "ease never drops below its floor");
    }

    @Test
    void easyWaitsLongerThanGoodAndGoodLongerThanHard() {
        Card card = sm2.review(sm2.review(sm2.newCard("q", start), Grade.GOOD, start), Grade.GOOD, start);
        Instant now = card.due();
        long hard = days(sm2.review(card, Grade.HARD, now), now);
        long good = days(sm2.review(card, Grade.GOOD, now), now);
        long easy = days(sm2.review(card, Grade.EASY, now), now);
        assertTrue(hard < good && good < easy, hard + " < " + good + " < " + easy);
        assertEquals(4, days(sm2.review(sm2.newCard("q", start), Grade.EASY, start), start), "a first Easy skips ahead");
    }

    @Test
    void aMissInAQuizIsDueTheNextDay() {
        Card missed = sm2.missed(sm2.newCard("q", start), start);
        assertEquals(start.plus(Duration.ofDays(1)), missed.due());
    }
}
