package dev.prepbot.quiz;

import java.time.Duration;

/** Points for a right answer: 1000 at once, 750 at half the time, 500 at the buzzer; 0 for a wrong one. */
public final class Scoring {

    public static final int MAX_POINTS = 1000;

    private Scoring() {
    }

    /** {@code round(1000 × (1 − (t / T) / 2))}, with t clamped to [0, T]. */
    public static int points(boolean correct, Duration taken, Duration limit) {
        if (!correct) {
            return 0;
        }
        double t = Math.min(Math.max(0, taken.toMillis()), limit.toMillis());
        return (int) Math.round(MAX_POINTS * (1 - (t / limit.toMillis()) / 2));
    }
}
