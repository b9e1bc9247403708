package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.testing.Questions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchIndexTest {

    private static SearchIndex index;

    @BeforeAll
    static void build() {
        index = SearchIndex.build(Questions.sample());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static String top(String query) {
        List<SearchHit> hits = index.search(query, Optional.empty(), 5);
        assertFalse(hits.isEmpty(), "no result for " + query);
        return hits.get(0).question().id();
    }

    @Test
    void questionsThatScoreTheSameComeInBankOrderWhicheverThreadIndexedThem() throws Exception {
        Bank bank = new dev.prepbot.bank.BankLoader().loadBuiltIn();
        try (SearchIndex built = SearchIndex.build(bank)) {
            // No word of the query but "versus" counts, so many questions tie.
            List<SearchHit> hits = built.search("versus is", Optional.empty(), 25);
            int ties = 0;
            for (int i = 1; i < hits.size(); i++) {
                if (hits.get(i).score() == hits.get(i - 1).score()) {
                    ties++;
                    assertTrue(bank.questions().indexOf(hits.get(i - 1).question())
                            < bank.questions().indexOf(hits.get(i).question()), "tied hits out of bank order: " + hits);
                }
            }
            assertTrue(ties >= 5, "the query was meant to tie: " + hits);
        }
    }

    @Test
    void inALargeBankIndexedOnEveryCoreTiesComeInBankOrder() throws Exception {
        Bank bank = Questions.numbered(3 * SearchIndex.PART_AT_LEAST);
        try (SearchIndex built = SearchIndex.build(bank)) {
            // Every question holds "crate", and every third one "blue": those tie.
            List<SearchHit> hits = built.search("blue crate", Optional.empty(), 25);
            assertEquals(25, hits.size());
            for (int i = 1; i < hits.size(); i++) {
                assertEquals(hits.get(0).score(), hits.get(i).score(), 1e-6, "the query was meant to tie");
                assertTrue(bank.questions().indexOf(hits.get(i - 1).question())
                        < bank.questions().indexOf(hits.get(i).question()), "tied hits out of bank order: " + hits);
            }
            // Every question begins the same way: autocomplete offers the first ones in the bank, in order.
            assertEquals(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "q-" + i).toList(),
                    built.suggest("which flavour of widg", 25).stream().map(Suggestion::id).toList());
        }
    }

    @Test
    void aTypoInsideAPhraseStillRanksTheQuestionHoldingThePhraseFirst() throws Exception {
        try (SearchIndex built = SearchIndex.build(new dev.prepbot.bank.BankLoader().loadBuiltIn())) {
            // Typed right, the phrase puts the handshake question first; typed wrong, the question on
            // TCP against UDP led, holding "tcp" more often, until the phrase was searched as meant too.
            assertEquals("networking-tcp-handshake-time-wait", built.search("tcp handshake", Optional.empty(), 3).get(0).question().id());
            assertEquals("networking-tcp-handshake-time-wait", built.search("tcp handshke", Optional.empty(), 3).get(0).question().id());
        }
    }

    @Test
    void aTypoOfAJoiningWordSaysNoMoreThanTheWordItself() throws Exception {
        try (SearchIndex built = SearchIndex.build(new dev.prepbot.bank.BankLoader().loadBuiltIn())) {
            assertEquals(List.of(), built.search("would", Optional.empty(), 5));
            assertEquals(List.of(), built.search("wolud", Optional.empty(), 5));
            List<String> typedRight = ids(built.search("why would you pick a b-tree index", Optional.empty(), 5));
            assertFalse(typedRight.isEmpty());
            assertEquals(typedRight, ids(built.search("why wolud you pick a b-tree index", Optional.empty(), 5)));
        }
    }

    @Test
    void aWordWrittenWithSymbolsIsSearchedWhole() {
        Bank bank = new Bank(List.of(
                Questions.of("memory-model", "java", "What does volatile guarantee in Java?",
                        "Visibility: a write to a volatile field happens-before every later read of it.",
                        "Without it, a thread may keep reading a stale copy.", "volatile"),
                Questions.of("release-checks", "process", "What happens before a release ships?",
                        "Before it ships, the checks that happen in order must pass.",
                        "Each check runs before the next one starts.", "release"),
                Questions.of("equality", "javascript", "How does JavaScript compare two values?",
                        "=== compares without converting types; == converts them first.",
                        "Prefer === unless a conversion is wanted.", "equality")));
        try (SearchIndex built = SearchIndex.build(bank)) {
            // As two words, "happens" and "before" are found everywhere; as one, only where the term is.
            assertEquals(List.of("memory-model"), ids(built.search("happens-before", Optional.empty(), 5)).subList(0, 1));
            assertEquals("memory-model", ids(built.search("what is happens-before?", Optional.empty(), 5)).get(0));
            assertEquals("equality", ids(built.search("=== vs ==", Optional.empty(), 5)).get(0));
            // A word with symbols the bank lacks is no evidence at all.
            assertEquals(List.of(), built.search("std::move", Optional.empty(), 5));
        }
    }

    @Test
    void aWordWrittenWithSymbolsIsHighlightedWhereTheQuestionHoldsIt() {
        Bank bank = new Bank(List.of(
                Questions.of("copy-from", "containers", "What does COPY --from=builder do in a Dockerfile?",
                        "It copies files from an earlier stage.", "Multi-stage builds keep the image small.", "docker"),
                Questions.of("ordering", "java", "What is the Happens-Before order, and is it the same as before-and-after?",
                        "A write happens-before a read that sees it.", "It is about visibility.", "memory")));
        try (SearchIndex built = SearchIndex.build(bank)) {
            assertEquals(List.of("--from"), built.search("--from", Optional.empty(), 1).get(0).highlight().matchedWords());
            // Whole and in any case; its parts still rank, but "before" standing alone is not what was asked.
            assertEquals(List.of("Happens-Before"),
                    built.search("happens-before", Optional.empty(), 1).get(0).highlight().matchedWords());
            // The query's other words are marked as ever.
            assertEquals(List.of("Happens-Before", "order"),
                    built.search("happens-before order", Optional.empty(), 1).get(0).highlight().matchedWords());
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.question().id()).toList();
    }

    @Test
    void exactWordsFindTheirQuestion() {
        assertEquals("tcp-handshake", top("tcp handshake"));
        assertEquals("python-gil", top("global interpreter lock"));
    }

    @Test
    void typosAreForgiven() {
        assertEquals("tcp-handshake", top("tcp handshkae"));
        assertEquals("concurrency-deadlock", top("dedlock"));
        assertEquals("python-generators", top("generaters"));
    }

    @Test
    void theLastWordIsMatchedAsAPrefix() {
        assertEquals("concurrency-deadlock", top("deadl"));
        assertEquals("db-isolation", top("isolation lev"));
    }

    @Test
    void englishWordFormsMatch() {
        assertEquals("db-indexes", top("indexing"));
        assertEquals("python-generators", top("generator yielding"));
    }

    @Test
    void anExactPhraseRanksAboveScatteredWords() {
        List<SearchHit> hits = index.search("interpreter lock", Optional.empty(), 5);
        assertEquals("python-gil", hits.get(0).question().id());
    }

    @Test
    void aTopicFilterKeepsOnlyThatTopic() {
        List<SearchHit> hits = index.search("lock", Optional.of("concurrency"), 5);
        assertEquals(List.of("concurrency-deadlock"), hits.stream().map(h -> h.question().id()).toList());
        assertTrue(index.search("lock", Optional.of("no-such-topic"), 5).isEmpty());
    }

    @Test
    void anIdFindsItsQuestionFirst() {
        assertEquals("db-isolation", top("db-isolation"));
    }

    @Test
    void matchedWordsAreHighlightedInTheQuestion() {
        SearchHit hit = index.search("tcp handshak", Optional.empty(), 1).get(0);
        assertEquals(List.of("TCP", "handshake"), hit.highlight().matchedWords());
        SearchHit stemmed = index.search("generator", Optional.empty(), 1).get(0);
        assertEquals(List.of("generators"), stemmed.highlight().matchedWords());
    }

    @Test
    void aQueryOfOnlySymbolsFindsNothingAndDoesNotFail() {
        assertTrue(index.search("( \" * AND ~ : ? / \\ -", Optional.empty(), 5).isEmpty());
        assertTrue(index.search("", Optional.empty(), 5).isEmpty());
    }

    @Test
    void noInputBreaksSearch() {
        List<String> hostile = List.of("(", ")", "\"", "\"unclosed phrase", "*", "?", "~", "~2", "a~", "AND", "OR NOT",
                "title:x", "x:y:z", "[1 TO 5]", "{a TO b}", "/regex/", "\\", "^2", "+must -not", "&&", "||", "!",
                "🙂🙂🙂", "tcp 🙂 handshake", "\u0000\u0001", "\u200b\u200e\u202e", "<@123> @everyone", "`",
                "x".repeat(5_000), "word ".repeat(2_000), "ß é ñ 中文 العربية", "\uD800", "  \t\n  ");
        for (String query : hostile) {
            index.search(query, Optional.empty(), 10);
            index.search(query, Optional.of(query), 10);
            assertTrue(index.suggest(query, 25).size() <= 25);
        }
    }

    @Test
    void suggestionsMatchWordsAnywhereAndTheLastAsAPrefix() {
        List<Suggestion> suggestions = index.suggest("three-way hands", 25);
        assertEquals("tcp-handshake", suggestions.get(0).id());
        assertEquals("What happens during the TCP three-way handshake?", suggestions.get(0).name());
        assertEquals("python-gil", index.suggest("interp", 25).get(0).id());
    }

    @Test
    void suggestionsListQuestionsTypedFromTheirStartFirst() {
        Bank bank = new Bank(List.of(
                Questions.of("late-cache", "web", "When should a cache be invalidated?", "a", "b"),
                Questions.of("middle-cache", "web", "Why is cache invalidation hard?", "a", "b"),
                Questions.of("first-cache", "web", "Cache stampedes: what are they?", "a", "b")));
        try (SearchIndex small = SearchIndex.build(bank)) {
            assertEquals(List.of("first-cache", "middle-cache", "late-cache"),
                    small.suggest("cache", 25).stream().map(Suggestion::id).toList());
        }
    }

    @Test
    void suggestionsForgiveTyposAndRespectTheLimits() {
        assertEquals("concurrency-deadlock", index.suggest("dedlock", 25).get(0).id());
        assertEquals(7, index.suggest("", 25).size());
        assertEquals(3, index.suggest("", 3).size());
        assertTrue(index.suggest("", 500).size() <= 25);
        assertTrue(index.suggest("zzzzqqq", 25).isEmpty());
    }

    @Test
    void suggestionNamesAreCutAtAWordToFitOneHundredCharacters() {
        String longQuestion = "Why ".repeat(40) + "?";
        String name = Suggester.name(longQuestion);
        assertTrue(name.length() <= 100, name);
        assertTrue(name.endsWith("Why…"), name);
        assertTrue(Suggester.name("x".repeat(300)).length() <= 100);
    }

    @Test
    void similarQuestionsShareTheirWordsAndNeverIncludeTheQuestionItself() {
        List<SimilarQuestion> similar = index.similar("python-gil", 3);
        assertFalse(similar.isEmpty());
        assertTrue(similar.stream().noneMatch(s -> s.question().id().equals("python-gil")));
        assertTrue(similar.get(0).relative() < 1f);
        assertTrue(index.similar("no-such-id", 3).isEmpty());
    }

    @Test
    void manyThreadsCanSearchOneIndexAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String query = List.of("tcp handshkae", "deadl", "global interpreter lock", "indexing").get(i % 4);
                results.add(pool.submit(() -> {
                    index.suggest(query, 25);
                    index.similar("db-indexes", 3);
                    return top(query);
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                String expected = List.of("tcp-handshake", "concurrency-deadlock", "python-gil", "db-indexes").get(i % 4);
                assertEquals(expected, results.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
