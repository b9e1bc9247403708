package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.BankLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Relevance on the built-in bank: what users actually type finds the question they mean. */
class BuiltInSearchRelevanceTest {

    private static SearchIndex index;

    @BeforeAll
    static void build() throws Exception {
        index = SearchIndex.build(new BankLoader().loadBuiltIn());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static List<String> top3(String query) {
        return index.search(query, Optional.empty(), 3).stream().map(h -> h.question().id()).toList();
    }

    @Test
    void aTypoStillFindsTheQuestion() {
        assertEquals("databases-isolation-levels", top3("isolaton levles").get(0));
        assertEquals("concurrency-compare-and-swap", top3("compare and swpa").get(0));
    }

    @Test
    void aHalfTypedWordIsMatchedAsAPrefix() {
        assertEquals("web-cors-preflight", top3("cors prefl").get(0));
        assertEquals("python-generators-yield", top3("generat").get(0));
    }

    @Test
    void aParaphraseFindsTheQuestion() {
        assertTrue(top3("why is my multithreaded python code not faster").contains("python-gil"));
        assertTrue(top3("two transactions waiting on each other's locks").contains("databases-deadlocks"));
        assertTrue(top3("counting permits so only five threads run at once").contains("concurrency-mutex-vs-semaphore"));
    }

    @Test
    void englishWordFormsMatch() {
        // "indexing" finds questions that say "index" and "indexes".
        assertTrue(top3("indexing").containsAll(List.of("databases-index-when-it-helps", "databases-composite-index-order")),
                top3("indexing").toString());
    }

    @Test
    void aQueryOfOnlySymbolsFindsNothing() {
        assertEquals(List.of(), top3("( \" * AND ~ : ? / \\ -"));
    }

    @Test
    void aQueryOfOnlyJoiningWordsIsNoMatchWhileOneRealWordStillCounts() {
        for (String nothing : List.of("the", "how", "what is", "AND", "OR OR", "NOT", "how do I", "what about you")) {
            assertEquals(List.of(), top3(nothing), nothing);
        }
        assertFalse(top3("what is a deadlock").isEmpty());
        assertFalse(top3("go").isEmpty(), "a vague word alone may still be what the query is about");
    }

    @Test
    void autocompleteFindsAQuestionFromAnyOfItsWords() {
        List<Suggestion> suggestions = index.suggest("idempot", 25);
        assertEquals("web-http-methods-idempotency", suggestions.get(0).id());
        assertTrue(suggestions.size() <= 25 && suggestions.stream().allMatch(s -> s.name().length() <= 100));
    }
}
