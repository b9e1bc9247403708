package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Question;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.suggest.Lookup.LookupResult;
import org.apache.lucene.search.suggest.analyzing.BlendedInfixSuggester;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Autocomplete for question pickers: Lucene's infix suggester matches the words typed so far anywhere
 * in a question (its tags and id too), the last word as a prefix, and ranks questions whose match
 * comes earlier first. When nothing matches as typed, for a typo, the ranked fuzzy search fills in.
 */
final class Suggester implements AutoCloseable {

    /** Discord shows at most 25 choices, each name at most 100 characters. */
    public static final int MAX_SUGGESTIONS = 25;
    public static final int MAX_NAME = 100;

    private final Bank bank;
    private final SearchIndex index;
    private final BlendedInfixSuggester infix;

    Suggester(Bank bank, SearchIndex index) throws IOException {
        this.bank = bank;
        this.index = index;
        Analyzer plain = Analyzers.plain();
        this.infix = new BlendedInfixSuggester(new ByteBuffersDirectory(), plain, plain, 1,
                BlendedInfixSuggester.BlenderType.POSITION_RECIPROCAL, 10, false);
        for (Question q : bank.questions()) {
            String key = q.question() + " " + String.join(" ", q.tags()) + " " + q.id();
            infix.add(new BytesRef(key), Set.of(), 1L, new BytesRef(q.id()));
        }
        infix.refresh();
    }

    List<Suggestion> suggest(String partial, int limit) {
        int wanted = Math.max(0, Math.min(limit, MAX_SUGGESTIONS));
        if (wanted == 0) {
            return List.of();
        }
        String typed = partial == null ? "" : partial.strip();
        Set<String> ids = new LinkedHashSet<>();
        bank.byId(typed).ifPresent(q -> ids.add(q.id()));
        if (typed.isEmpty()) {
            bank.questions().stream().limit(wanted).forEach(q -> ids.add(q.id()));
        } else if (!Analyzers.tokens(Analyzers.plain(), typed, 1).isEmpty()) {
            try {
                for (LookupResult r : infix.lookup(cap(typed), Set.of(), wanted, true, false)) {
                    ids.add(r.payload.utf8ToString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("autocomplete failed", e);
            }
            if (ids.size() < wanted) {
                index.search(typed, Optional.empty(), wanted).forEach(hit -> ids.add(hit.question().id()));
            }
        }
        List<Suggestion> suggestions = new ArrayList<>();
        for (String id : ids) {
            if (suggestions.size() == wanted) {
                break;
            }
            bank.byId(id).ifPresent(q -> suggestions.add(new Suggestion(name(q.question()), q.id())));
        }
        return suggestions;
    }

    /** The question trimmed at a word boundary to fit a choice name. */
    static String name(String question) {
        String oneLine = question.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= MAX_NAME) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', MAX_NAME - 1);
        if (cut < MAX_NAME / 2) {
            cut = MAX_NAME - 1;
            if (Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
                cut--;
            }
        }
        return oneLine.substring(0, cut).stripTrailing() + "…";
    }

    /** Autocomplete input comes from a text box; a pasted essay is cut to what a question could hold. */
    private static String cap(String typed) {
        return typed.length() <= 256 ? typed : typed.substring(0, 256);
    }

    @Override
    public void close() throws IOException {
        infix.close();
    }

}
