package dev.prepbot.practice;

import java.time.Instant;
import java.util.Optional;

/**
 * One member's schedule for one question: when it is due, the interval it was last given (in days),
 * its ease factor, how often it was reviewed and forgotten, and when it was last seen.
 */
public record Card(String questionId, Instant due, double intervalDays, double ease, int reviews, int lapses,
                   Optional<Instant> lastReviewed) {
}
