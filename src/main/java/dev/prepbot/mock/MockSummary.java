package dev.prepbot.mock;

/** A member's scored mock rounds as a candidate: how many, their overall scores, and their key points. */
public record MockSummary(int rounds, int overallSum, int covered, int partly, int missed) {

    public double averageOverall() {
        return rounds == 0 ? 0 : (double) overallSum / rounds;
    }
}
