package dev.prepbot.store;

import java.util.Map;

/** A player's record in one guild: rounds, answers, points, best streak and accuracy by topic. */
public record PlayerStats(String userId, String userName, int rounds, int answered, int correct, long points,
                          int bestStreak, Map<String, Standing> byTopic) {

    public PlayerStats {
        byTopic = Map.copyOf(byTopic);
    }

    public double accuracy() {
        return answered == 0 ? 0 : (double) correct / answered;
    }
}
