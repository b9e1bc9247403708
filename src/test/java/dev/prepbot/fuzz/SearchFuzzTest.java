package dev.prepbot.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.testing.Questions;
import java.util.Optional;

/** Any text as query, topic and limit: search and autocomplete answer, never throw. */
class SearchFuzzTest {

    private static final SearchIndex INDEX = SearchIndex.build(Questions.sample());

    @FuzzTest(maxDuration = "30s")
    void anyQueryTopicAndLimitIsAnswered(FuzzedDataProvider data) {
        String topic = data.consumeString(40);
        int limit = data.consumeInt(-10, 200);
        String query = data.consumeRemainingAsString();
        assertTrue(INDEX.search(query, Optional.of(topic), limit).size() <= Math.max(0, limit));
        assertTrue(INDEX.search(query, Optional.empty(), limit).size() <= Math.max(0, limit));
        assertTrue(INDEX.suggest(query, limit).size() <= 25);
    }
}
