package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.InvalidBankException;
import dev.prepbot.testing.TestCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search quality on a server's own questions: the built-in bank imported as one server's questions,
 * searched with the relevance set's queries as that server. Its questions are embedded whole only and
 * judged by numbers of their own, so they get floors of their own, stated in the README.
 */
class ServerSearchRelevanceTest {

    /** Recall@3 per kind (for "none": the share answered "no match"), as stated in the README. */
    static final Map<String, Double> FLOORS = Map.of(
            "plain", 0.93, "typo", 0.97, "partial", 0.97, "keyword", 0.97, "symbol", 0.96, "none", 0.87);
    static final double MAX_WRONGLY_REFUSED = 0.02;
    private static final String GUILD = "100000000000000001";

    private static ServerIndex index;
    private static List<RelevanceSet.Query> queries;

    @BeforeAll
    static void build() throws InvalidBankException {
        Bank bank = new BankLoader().loadBuiltIn();
        Embedder model = JointEmbedder.load(Optional.of(TestCache.models()));
        index = ServerIndex.open(Optional.empty(), () -> Optional.of(model));
        index.putAll(GUILD, bank.questions());
        queries = RelevanceSet.load();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static List<String> search(String query) {
        return index.search(GUILD, query, Optional.empty(), 3).stream().map(ServerIndex.Match::id).toList();
    }

    @Test
    void aServersOwnQuestionsAreFoundForEveryKindOfQueryAtLeastAsOftenAsTheReadmeSays() {
        RelevanceSet.assertFloors(queries, ServerSearchRelevanceTest::search, FLOORS, MAX_WRONGLY_REFUSED);
    }
}
