package dev.prepbot.quiz;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** A leaderboard period: calendar weeks (Monday first) and months in UTC, or all time. */
public enum Period {
    WEEK("this week"), MONTH("this month"), ALL("all time");

    private final String label;

    Period(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Period> fromSlug(String slug) {
        for (Period p : values()) {
            if (p.slug().equals(slug)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The first instant of the period that contains {@code now}. */
    public Instant start(Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTH -> today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case ALL -> Instant.EPOCH;
        };
    }
}
