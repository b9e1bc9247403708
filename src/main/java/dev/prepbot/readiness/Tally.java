package dev.prepbot.readiness;

import java.util.Objects;

/**
 * Raw input for {@link ReadinessData#from}: one member's answers in one topic as the store counts them.
 * The id keeps two members who share a display name apart; the name is only what the column shows.
 */
public record Tally(String memberId, String memberName, String topic, int correct, int answered) {

    public Tally {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(memberName, "memberName");
        Objects.requireNonNull(topic, "topic");
        new Cell(correct, answered); // the same rule as a Cell, checked where the bad count comes in
    }

    public Cell cell() {
        return new Cell(correct, answered);
    }
}
