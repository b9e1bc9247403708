package dev.prepbot.serverbank;

import java.time.Instant;
import java.util.Map;

/**
 * What a member typed into a question form that could not be accepted yet, kept so the form opens
 * again with it: {@code kind} says which form, {@code context} what it was for (topic and difficulty
 * of a new question, or the id of the question being edited).
 */
public record Draft(String id, String guildId, String userId, String kind, String context,
                    Map<String, String> fields, Instant createdAt) {

    public Draft {
        fields = Map.copyOf(fields);
    }
}
