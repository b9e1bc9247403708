package dev.prepbot.store;

/** A player's totals over a period, as the leaderboard shows them. */
public record Standing(String userId, String userName, long points, int answered, int correct) {

    /** Right answers as a share of all answers, 0 to 1. */
    public double accuracy() {
        return answered == 0 ? 0 : (double) correct / answered;
    }
}
