package dev.prepbot.mock;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The interviewer's scoring of one round: a tick per key point (empty until ticked), then an overall
 * 1 to 5 and an optional note. Kept as soon as each part is given, so a restart loses none of it.
 */
public record MockScore(String pairId, int round, String guildId, String interviewerId, String candidateId,
                        String questionId, String topic, List<Optional<Tick>> ticks, OptionalInt overall,
                        Optional<String> note, Instant at) {

    public MockScore {
        ticks = List.copyOf(ticks);
    }

    public boolean ticked() {
        return ticks.stream().allMatch(Optional::isPresent);
    }

    public boolean complete() {
        return ticked() && overall.isPresent();
    }

    /** The first key point still to tick, if any. */
    public OptionalInt nextToTick() {
        for (int i = 0; i < ticks.size(); i++) {
            if (ticks.get(i).isEmpty()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public MockScore withTick(int index, Tick tick, Instant now) {
        List<Optional<Tick>> next = new java.util.ArrayList<>(ticks);
        next.set(index, Optional.of(tick));
        return new MockScore(pairId, round, guildId, interviewerId, candidateId, questionId, topic, next, overall, note, now);
    }

    public MockScore withOverall(int score, Optional<String> comment, Instant now) {
        return new MockScore(pairId, round, guildId, interviewerId, candidateId, questionId, topic, ticks,
                OptionalInt.of(score), comment, now);
    }

    /** Ticks as stored: one letter each, '-' for one not yet given. */
    public String tickCodes() {
        StringBuilder codes = new StringBuilder();
        ticks.forEach(t -> codes.append(t.map(Tick::code).orElse('-')));
        return codes.toString();
    }

    public static List<Optional<Tick>> parseTicks(String codes) {
        return codes.chars().mapToObj(c -> Tick.of((char) c)).toList();
    }
}
