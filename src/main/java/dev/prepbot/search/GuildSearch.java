package dev.prepbot.search;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Search as one place sees it: the built-in bank everywhere, and in a server its own questions too,
 * found by the same rules. Each index judges its own candidates ("no match" stays honest in both), and
 * the two rankings are merged by rank (reciprocal rank fusion), since scores of two indexes with
 * different word statistics cannot be compared directly.
 */
public final class GuildSearch {

    /** The usual constant of reciprocal rank fusion: how much the first places outweigh the rest. */
    private static final int FUSION_K = 60;
    /** Share of a draft's words another question must share (Jaccard, stemmed) to say the same thing. */
    static final double SAME_WORDS = 0.6;

    private final SearchIndex builtIn;
    private final ServerIndex servers;
    private final Catalog catalog;

    public GuildSearch(SearchIndex builtIn, ServerIndex servers, Catalog catalog) {
        this.builtIn = builtIn;
        this.servers = servers;
        this.catalog = catalog;
    }

    /** Built-in search only, for the command line and places without servers. */
    public static GuildSearch builtInOnly(SearchIndex builtIn) {
        return new GuildSearch(builtIn, null, Catalog.of(builtIn.bank()));
    }

    public Catalog catalog() {
        return catalog;
    }

    public SearchIndex builtIn() {
        return builtIn;
    }

    public List<SearchHit> search(Optional<String> guild, String text, Optional<String> topic, int limit) {
        List<SearchHit> shipped = builtIn.search(text, topic, limit);
        if (guild.isEmpty() || servers == null) {
            return shipped;
        }
        List<ServerIndex.Match> matches = servers.search(guild.get(), text, topic, limit);
        Map<String, Question> questions = catalog.ownQuestions(guild.get(), matches.stream().map(ServerIndex.Match::id).toList());
        List<SearchHit> own = new ArrayList<>();
        for (ServerIndex.Match m : matches) {
            Optional.ofNullable(questions.get(m.id())).ifPresent(q -> own.add(new SearchHit(q, m.score(), m.highlight())));
        }
        if (own.isEmpty()) {
            return shipped;
        }
        Map<SearchHit, Double> fused = new LinkedHashMap<>();
        for (int i = 0; i < own.size(); i++) {
            // A hair more for the server's own at equal rank: the team wrote it for this.
            fused.put(own.get(i), 1.0 / (FUSION_K + i + 1) + 1e-9);
        }
        for (int i = 0; i < shipped.size(); i++) {
            fused.put(shipped.get(i), 1.0 / (FUSION_K + i + 1));
        }
        return fused.entrySet().stream()
                .sorted(Map.Entry.<SearchHit, Double>comparingByValue().reversed())
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** The best match by words alone, for a free-text {@code /answer}: the server's own first. */
    public Optional<Question> find(Optional<String> guild, String text) {
        if (guild.isPresent() && servers != null) {
            Optional<Question> own = own(guild.get(), servers.find(guild.get(), text, 1)).stream().findFirst();
            if (own.isPresent()) {
                return own;
            }
        }
        return builtIn.find(text, Optional.empty(), 1).stream().findFirst();
    }

    /** Up to {@code limit} (at most 25) questions for a partly typed question: the server's own first. */
    public List<Suggestion> suggest(Optional<String> guild, String partial, int limit) {
        List<Suggestion> suggestions = new ArrayList<>();
        if (guild.isPresent() && servers != null) {
            for (Question q : own(guild.get(), servers.suggest(guild.get(), partial, limit))) {
                suggestions.add(new Suggestion(Suggester.name(q.question()), q.id()));
            }
        }
        for (Suggestion s : builtIn.suggest(partial, limit)) {
            if (suggestions.size() < limit) {
                suggestions.add(s);
            }
        }
        return suggestions;
    }

    /** Questions related to this one, closest first, never itself: the built-in bank's for a built-in question. */
    public List<Question> related(Optional<String> guild, Question question, int limit) {
        if (builtIn.bank().byId(question.id()).filter(question::equals).isPresent()) {
            return builtIn.related(question.id(), limit);
        }
        if (guild.isEmpty() || servers == null) {
            return List.of();
        }
        List<Question> related = new ArrayList<>();
        String text = VectorIndex.text(question);
        Map<String, Float> own = servers.nearest(guild.get(), text, limit + 1);
        Map<Question, Float> shipped = builtIn.nearestInMeaning(text, limit);
        Map<Question, Float> all = new HashMap<>(shipped);
        Map<String, Question> ownQuestions = catalog.ownQuestions(guild.get(), own.keySet());
        own.forEach((id, cosine) -> Optional.ofNullable(ownQuestions.get(id)).ifPresent(q -> all.put(q, cosine)));
        all.entrySet().stream()
                .filter(e -> !e.getKey().id().equals(question.id()) && e.getValue() >= Relevance.RELATED)
                .sorted(Map.Entry.<Question, Float>comparingByValue().reversed())
                .limit(limit).forEach(e -> related.add(e.getKey()));
        // Until the model is ready nothing is near in meaning, and shared words stand in for it.
        if (own.isEmpty() && shipped.isEmpty()) {
            own(guild.get(), servers.find(guild.get(), question.question(), limit + 1)).stream()
                    .filter(q -> !q.id().equals(question.id())).limit(limit)
                    .forEach(related::add);
        }
        return related;
    }

    /**
     * Where to look for a query nothing answers: the nearest topics, the server's own included. By meaning
     * when the model is ready, every topic judged by the same rule over both banks' questions; else by
     * the words that matched, the server's first.
     */
    public List<String> nearestTopics(Optional<String> guild, String text, int limit) {
        Optional<String> read = builtIn.whatTheModelReads(text);
        if (read.isEmpty()) {
            return List.of();
        }
        boolean ownToo = guild.isPresent() && servers != null;
        Optional<Map<String, List<Float>>> byMeaning = builtIn.closenessByTopic(read.get());
        if (byMeaning.isEmpty()) {
            Set<String> topics = new LinkedHashSet<>();
            if (ownToo) {
                own(guild.get(), servers.find(guild.get(), text, limit)).forEach(q -> topics.add(q.topic()));
            }
            topics.addAll(builtIn.nearestTopics(text, limit));
            return topics.stream().limit(limit).toList();
        }
        Map<String, List<Float>> closeness = new HashMap<>();
        byMeaning.get().forEach((topic, near) -> closeness.put(topic, new ArrayList<>(near)));
        if (ownToo) {
            Map<String, Float> near = servers.nearest(guild.get(), read.get(), Relevance.CANDIDATES);
            own(guild.get(), List.copyOf(near.keySet())).forEach(q ->
                    closeness.computeIfAbsent(q.topic(), t -> new ArrayList<>()).add(near.get(q.id())));
        }
        return Relevance.nearTopics(closeness).stream().limit(limit).toList();
    }

    /**
     * A question already there that says the same as the draft: in the built-in bank or the server's own,
     * by meaning when the sentence model is ready and by shared words always. Never the draft's own id.
     */
    public Optional<Question> sameAs(Optional<String> guild, Question draft) {
        String text = VectorIndex.text(draft);
        List<Question> candidates = new ArrayList<>();
        builtIn.nearestInMeaning(text, 1).forEach((q, cosine) -> {
            if (cosine >= ServerIndex.SAME_MEANING) {
                candidates.add(q);
            }
        });
        if (guild.isPresent() && servers != null) {
            Map<String, Float> near = servers.nearest(guild.get(), text, 2);
            own(guild.get(), near.keySet().stream().filter(id -> near.get(id) >= ServerIndex.SAME_MEANING).toList())
                    .forEach(candidates::add);
        }
        Set<String> words = stems(draft.question());
        List<Question> byWords = new ArrayList<>(builtIn.find(draft.question(), Optional.empty(), 5));
        if (guild.isPresent() && servers != null) {
            byWords.addAll(own(guild.get(), servers.find(guild.get(), draft.question(), 5)));
        }
        byWords.stream()
                .filter(q -> jaccard(words, stems(q.question())) >= SAME_WORDS)
                .max(Comparator.comparingDouble(q -> jaccard(words, stems(q.question()))))
                .ifPresent(candidates::add);
        return candidates.stream().filter(q -> !q.id().equals(draft.id())).findFirst();
    }

    /** The server's own live questions with these ids, in their order. */
    private List<Question> own(String guild, List<String> ids) {
        Map<String, Question> found = catalog.ownQuestions(guild, ids);
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private static Set<String> stems(String text) {
        return new LinkedHashSet<>(Analyzers.tokens(Analyzers.stemmed(), text.toLowerCase(Locale.ROOT), 128));
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / (a.size() + b.size() - both.size());
    }
}
