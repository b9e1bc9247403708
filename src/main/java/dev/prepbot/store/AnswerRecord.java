package dev.prepbot.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One scored answer: who answered which question of which round, how, how fast, and for how many
 * points. {@code choiceText} is the option picked as it was shown, since the options are shuffled per
 * round: per-question statistics count wrong choices by it.
 */
public record AnswerRecord(String roundId, int questionIndex, String questionId, String topic, String guildId,
                           String userId, String userName, int choice, boolean correct, int points, long millis,
                           Instant answeredAt, Optional<String> choiceText) {

    public AnswerRecord(String roundId, int questionIndex, String questionId, String topic, String guildId,
                        String userId, String userName, int choice, boolean correct, int points, long millis,
                        Instant answeredAt) {
        this(roundId, questionIndex, questionId, topic, guildId, userId, userName, choice, correct, points, millis,
                answeredAt, Optional.empty());
    }
}
