package dev.prepbot.search;

import dev.prepbot.bank.Question;

/** One search result: the question, its relevance score, and its text with the matched words marked. */
public record SearchHit(Question question, float score, Highlight highlight) {
}
