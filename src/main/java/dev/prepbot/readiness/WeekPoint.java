package dev.prepbot.readiness;

import java.time.LocalDate;
import java.util.Objects;

/** One member's answers in one topic during the week starting {@code weekStart}. */
public record WeekPoint(LocalDate weekStart, String topic, int correct, int answered) {

    public WeekPoint {
        Objects.requireNonNull(weekStart, "weekStart");
        Objects.requireNonNull(topic, "topic");
        new Cell(correct, answered); // the same rule as a Cell, checked where the bad count comes in
    }

    public Cell cell() {
        return new Cell(correct, answered);
    }
}
