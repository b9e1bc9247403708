package dev.prepbot.search;

import dev.prepbot.bank.Question;

/**
 * A question like another one. {@code relative} is its score divided by the score the original gets
 * against its own "more like this" query: about 1 for a near copy, near 0 for an unrelated question,
 * comparable across questions where raw scores are not.
 */
public record SimilarQuestion(Question question, float score, float relative) {
}
