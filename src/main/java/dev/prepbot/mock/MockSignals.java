package dev.prepbot.mock;

import dev.prepbot.commands.Reply;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Mock interview scores as their own signal in /stats and /readiness, beside the quiz's. */
public final class MockSignals {

    private final MockStore store;

    public MockSignals(MockStore store) {
        this.store = store;
    }

    /** The member's scored rounds as a candidate, for /stats. */
    public Optional<Reply.Section> stats(String guildId, String userId) {
        MockSummary s = store.summary(guildId, userId);
        if (s.rounds() == 0) {
            return Optional.empty();
        }
        return Optional.of(Reply.Section.of("Mock interviews", s.rounds() + (s.rounds() == 1 ? " round" : " rounds")
                + " as the candidate, " + average(s) + " of 5 on average; key points " + points(s)));
    }

    /** The team's scored rounds in the period, for /readiness. */
    public Optional<String> readiness(String guildId, Instant since) {
        MockSummary s = store.teamSummary(guildId, since);
        if (s.rounds() == 0) {
            return Optional.empty();
        }
        return Optional.of("Mock interviews: " + s.rounds() + (s.rounds() == 1 ? " round" : " rounds") + " scored, "
                + average(s) + " of 5 on average; key points " + points(s) + ".");
    }

    private static String average(MockSummary s) {
        return String.format(Locale.ROOT, "%.1f", s.averageOverall());
    }

    private static String points(MockSummary s) {
        return s.covered() + " covered, " + s.partly() + " partly, " + s.missed() + " missed";
    }
}
