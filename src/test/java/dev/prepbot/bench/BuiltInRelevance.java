package dev.prepbot.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.search.RelevanceSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Search quality on the built-in bank, judged by the hand-labelled relevance set the relevance test
 * reads: per kind of query, recall@3 (a relevant question among the first three shown); for queries
 * the bank cannot answer ("none"), how often an engine shows nothing, its honest "no match"; and how
 * often it shows nothing for a query it could answer. Prepbot runs as the bot does once the sentence
 * model is ready. FTS5 and the scan have no judgement of relevance: they show nothing only when no
 * row holds any of the query's words, which is their natural "no match".
 */
final class BuiltInRelevance {

    /** Loading the model and embedding 208 questions takes seconds. */
    private static final Duration MEANING_WAIT = Duration.ofMinutes(2);

    /** One engine's figures, as shares from 0 to 1. */
    record Result(String engine, Map<String, RelevanceSet.Score> byKind, double recall, double noMatch,
                  double wronglyRefused) {
    }

    private final String set;
    private final String description;
    private final int bankSize;
    private final int queryCount;
    private final List<Result> results;

    private BuiltInRelevance(String set, String description, int bankSize, int queryCount, List<Result> results) {
        this.set = set;
        this.description = description;
        this.bankSize = bankSize;
        this.queryCount = queryCount;
        this.results = results;
    }

    /**
     * The relevance set search was tuned on, then the queries written apart from the tuning, each judged
     * with every engine on one start of Prepbot.
     */
    static List<BuiltInRelevance> measure(Path cache) throws Exception {
        Settings builtIn = Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", cache.toString()));
        try (App app = App.start(builtIn)) {
            if (!app.index().awaitMeaning(MEANING_WAIT)) {
                throw new IllegalStateException("the sentence model did not load: relevance with meaning cannot be measured");
            }
            return List.of(
                    measure(app, "src/test/resources/relevance/queries.tsv", "the relevance set", RelevanceSet.load()),
                    measure(app, "src/test/resources/relevance/written-apart.tsv", "queries written apart from the tuning",
                            RelevanceSet.loadWrittenApart()));
        }
    }

    private static BuiltInRelevance measure(App app, String set, String description, List<RelevanceSet.Query> queries)
            throws Exception {
        List<Result> results = new ArrayList<>();
        for (String name : Engines.NAMES) {
            try (Engine engine = Engines.open(name, app)) {
                results.add(score(name, queries, text -> engine.search(text, 3)));
            }
        }
        return new BuiltInRelevance(set, description, app.bank().size(), queries.size(), results);
    }

    private static Result score(String engine, List<RelevanceSet.Query> queries, Function<String, List<String>> search) {
        Map<String, RelevanceSet.Score> byKind = RelevanceSet.score(queries, search);
        return new Result(engine, byKind, RelevanceSet.overallRecall(byKind), byKind.get("none").share(),
                RelevanceSet.wronglyRefused(queries, search));
    }

    /** The figures as the "relevance" section of results.json, in percent. */
    void writeTo(ObjectNode section) {
        section.put("set", set);
        section.put("bank", bankSize);
        ObjectNode queries = section.putObject("queries");
        results.get(0).byKind().values().forEach(s -> queries.put(s.kind(), s.queries()));
        section.put("unit", "%");
        ObjectNode definitions = section.putObject("definitions");
        definitions.put("recall_at_3", "share of a kind's queries with a relevant question among the first three shown");
        definitions.put("no_match_precision", "share of 'none' queries (the bank cannot answer them) answered with nothing");
        definitions.put("wrongly_refused", "share of answerable queries answered with nothing");
        ObjectNode engines = section.putObject("engines");
        for (Result r : results) {
            ObjectNode engine = engines.putObject(r.engine());
            ObjectNode recall = engine.putObject("recall_at_3");
            r.byKind().values().stream().filter(s -> !s.kind().equals("none"))
                    .forEach(s -> recall.put(s.kind(), percent(s.share())));
            recall.put("all_answerable", percent(r.recall()));
            engine.put("no_match_precision", percent(r.noMatch()));
            engine.put("wrongly_refused", percent(r.wronglyRefused()));
        }
    }

    /** A table of kinds by engines, in percent. */
    String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Relevance on the built-in bank (%d questions), %s: %d labelled queries; Prepbot with the sentence model ready%n%n",
                bankSize, description, queryCount));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "| %-34s | %7s |", "measure (%)", "queries"));
        StringBuilder rule = new StringBuilder("| " + "-".repeat(34) + " | " + "-".repeat(7) + " |");
        for (Result r : results) {
            header.append(String.format(Locale.ROOT, " %7s |", r.engine()));
            rule.append(" ").append("-".repeat(7)).append(" |");
        }
        out.append(header).append('\n').append(rule).append('\n');
        Result first = results.get(0);
        for (RelevanceSet.Score s : first.byKind().values()) {
            if (!s.kind().equals("none")) {
                row(out, "recall@3 " + s.kind(), s.queries(), r -> r.byKind().get(s.kind()).share());
            }
        }
        int answerable = queryCount - first.byKind().get("none").queries();
        row(out, "recall@3 all answerable", answerable, Result::recall);
        row(out, "no match on 'none' (precision)", first.byKind().get("none").queries(), Result::noMatch);
        row(out, "answerable wrongly refused", answerable, Result::wronglyRefused);
        return out.toString();
    }

    private void row(StringBuilder out, String measure, int queries, Function<Result, Double> figure) {
        out.append(String.format(Locale.ROOT, "| %-34s | %7d |", measure, queries));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, " %7.1f |", 100 * figure.apply(r)));
        }
        out.append('\n');
    }

    private static double percent(double share) {
        return Math.round(share * 1000) / 10.0;
    }
}
