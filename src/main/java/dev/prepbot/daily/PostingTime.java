package dev.prepbot.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * When a daily question is due: the configured local time on a given local date, in an IANA zone,
 * with the daylight-saving rules of the product. A time skipped by a spring-forward gap is due at the
 * first instant after the gap (the moment the clocks jump); a time that happens twice when the clocks
 * fall back is due at its first occurrence.
 */
public record PostingTime(LocalTime time, ZoneId zone) {

    /** The instant the post for {@code date} is due. */
    public Instant on(LocalDate date) {
        LocalDateTime local = date.atTime(time);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        // For an overlap, the earlier offset is the first occurrence of the local time.
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }

    /** The local date of an instant in this zone. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The first due instant strictly after {@code after}. */
    public Instant nextAfter(Instant after) {
        LocalDate date = dateOf(after);
        Instant due = on(date);
        while (!due.isAfter(after)) {
            date = date.plusDays(1);
            due = on(date);
        }
        return due;
    }
}
