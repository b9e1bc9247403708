package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Question;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The labelled queries on the built-in bank, written the way people ask in chat: in plain words, with
 * typos, half-typed, as keywords, full of symbols, and about things the bank does not cover. Shared by
 * the relevance test and the benchmark, so both measure the same thing.
 */
public final class RelevanceSet {

    /** The kinds of query, in the order reports list them. */
    public static final List<String> KINDS = List.of("plain", "typo", "partial", "keyword", "symbol", "none");

    /** One labelled query; {@code relevant} is empty for a query the bank cannot answer. */
    public record Query(String kind, String text, Set<String> relevant) {
        public boolean answerable() {
            return !relevant.isEmpty();
        }
    }

    /** How one engine did on one kind of query. */
    public record Score(String kind, int queries, int right) {
        public double share() {
            return queries == 0 ? 0 : (double) right / queries;
        }
    }

    private RelevanceSet() {
    }

    /** The queries search was tuned on: every number in {@code Relevance} was chosen with these. */
    public static List<Query> load() {
        return load("/relevance/queries.tsv");
    }

    /**
     * Queries written apart from the tuning, by two writers who saw the bank but neither these queries
     * nor the search: how search does on queries nobody tuned it to. Each query of the set above
     * that they happened to write too is left out.
     */
    public static List<Query> loadWrittenApart() {
        return load("/relevance/written-apart.tsv");
    }

    private static List<Query> load(String resource) {
        List<Query> queries = new ArrayList<>();
        try (InputStream in = RelevanceSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine(); // the header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 3 || !KINDS.contains(cells[0])) {
                    throw new IllegalStateException("bad relevance line: " + line);
                }
                Set<String> relevant = cells[2].equals("-") ? Set.of() : Set.of(cells[2].split(" "));
                queries.add(new Query(cells[0], cells[1], relevant));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    /**
     * Per kind: for answerable kinds, how often a relevant question is among the first three; for
     * "none", how often nothing is shown. {@code search} gives the ids shown for a query, best first.
     */
    public static Map<String, Score> score(List<Query> queries, Function<String, List<String>> search) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        KINDS.forEach(k -> counts.put(k, new int[2]));
        for (Query q : queries) {
            List<String> shown = search.apply(q.text());
            boolean right = q.answerable()
                    ? shown.stream().limit(3).anyMatch(q.relevant()::contains)
                    : shown.isEmpty();
            int[] c = counts.get(q.kind());
            c[0]++;
            c[1] += right ? 1 : 0;
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        counts.forEach((kind, c) -> scores.put(kind, new Score(kind, c[0], c[1])));
        return scores;
    }

    /** Recall@3 over every answerable query. */
    public static double overallRecall(Map<String, Score> scores) {
        int queries = 0;
        int right = 0;
        for (Score s : scores.values()) {
            if (!s.kind().equals("none")) {
                queries += s.queries();
                right += s.right();
            }
        }
        return queries == 0 ? 0 : (double) right / queries;
    }

    /** The share of answerable queries for which nothing at all was shown. */
    public static double wronglyRefused(List<Query> queries, Function<String, List<String>> search) {
        long answerable = queries.stream().filter(Query::answerable).count();
        long refused = queries.stream().filter(Query::answerable).filter(q -> search.apply(q.text()).isEmpty()).count();
        return answerable == 0 ? 0 : (double) refused / answerable;
    }

    public static String table(Map<String, Score> scores) {
        StringBuilder out = new StringBuilder();
        for (Score s : scores.values()) {
            out.append(String.format(Locale.ROOT, "%-8s %4d queries  %5.1f%%%n", s.kind(), s.queries(), 100 * s.share()));
        }
        return out.toString();
    }

    /**
     * Scores a search on the queries, prints the table, and fails when any kind falls below its floor or
     * too many answerable queries are refused. Each query is searched once, for both.
     */
    public static void assertFloors(List<Query> queries, Function<String, List<String>> search,
                                    Map<String, Double> floors, double maxWronglyRefused) {
        Map<String, List<String>> shown = new java.util.HashMap<>();
        Function<String, List<String>> once = query -> shown.computeIfAbsent(query, search);
        Map<String, Score> scores = score(queries, once);
        double refused = wronglyRefused(queries, once);
        String report = table(scores) + String.format(Locale.ROOT, "overall recall@3 %.1f%%, answerable refused %.1f%%%n",
                100 * overallRecall(scores), 100 * refused);
        System.out.print(report);
        for (Score s : scores.values()) {
            assertTrue(s.share() >= floors.get(s.kind()), s.kind() + " fell below its floor:\n" + report);
        }
        assertTrue(refused <= maxWronglyRefused, "too many answerable queries refused:\n" + report);
    }

    /** The ids of questions, for engines that return questions. */
    public static List<String> ids(List<Question> questions) {
        return questions.stream().map(Question::id).toList();
    }
}
