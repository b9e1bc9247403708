package dev.prepbot.store;

import java.time.Instant;

/** One scored answer: who answered which question of which round, how, how fast, and for how many points. */
public record AnswerRecord(String roundId, int questionIndex, String questionId, String topic, String guildId,
                           String userId, String userName, int choice, boolean correct, int points, long millis,
                           Instant answeredAt) {
}
