package dev.prepbot.practice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where each member's practice schedule and history are kept, per server. */
public interface PracticeStore {

    Optional<Card> card(String guildId, String userId, String questionId);

    void save(String guildId, String userId, Card card);

    /** Cards due at {@code now}, the longest overdue first. */
    List<Card> due(String guildId, String userId, Instant now, int limit);

    /** When the member's next card comes due, if any is scheduled. */
    Optional<Instant> nextDue(String guildId, String userId);

    /** Every question the member has a card for. */
    List<String> scheduled(String guildId, String userId);

    /** The member's quiz answers per topic since the instant: {correct, answered}. */
    Map<String, int[]> accuracyByTopic(String guildId, String userId, Instant since);

    /**
     * Questions the member answered wrongly in a quiz since the instant, each once, ordered by their
     * first miss in the period, the oldest first.
     */
    List<Miss> misses(String guildId, String userId, Instant since);

    /** A question missed in a quiz, and when it was last missed in the period. */
    record Miss(String questionId, Instant at) {
    }
}
