package dev.prepbot.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PostingTimeTest {

    @Test
    void aTimeSkippedBySpringForwardIsDueWhenTheClocksJump() {
        // Europe/Berlin jumps from 02:00 to 03:00 on 2026-03-29 (01:00 UTC).
        PostingTime time = new PostingTime(LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), time.on(LocalDate.of(2026, 3, 29)));
    }

    @Test
    void aTimeThatHappensTwiceWhenTheClocksFallBackIsDueAtTheFirst() {
        // Europe/Berlin goes from 03:00 back to 02:00 on 2026-10-25; 02:30 CEST is 00:30 UTC.
        PostingTime time = new PostingTime(LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), time.on(LocalDate.of(2026, 10, 25)));
    }

    @Test
    void lordHoweShiftsByHalfAnHour() {
        // Australia/Lord_Howe moves from +10:30 to +11:00 at 02:00 local on 2026-10-04.
        PostingTime time = new PostingTime(LocalTime.of(2, 15), ZoneId.of("Australia/Lord_Howe"));
        assertEquals(Instant.parse("2026-10-03T15:30:00Z"), time.on(LocalDate.of(2026, 10, 4)));
    }

    @Test
    void anOrdinaryDayIsDueAtItsLocalTime() {
        PostingTime time = new PostingTime(LocalTime.of(9, 0), ZoneId.of("Asia/Kolkata"));
        assertEquals(Instant.parse("2026-06-01T03:30:00Z"), time.on(LocalDate.of(2026, 6, 1)));
        assertEquals(Instant.parse("2026-06-02T03:30:00Z"), time.nextAfter(Instant.parse("2026-06-01T03:30:00Z")));
        assertEquals(Instant.parse("2026-06-01T03:30:00Z"), time.nextAfter(Instant.parse("2026-06-01T03:29:59Z")));
    }
}
