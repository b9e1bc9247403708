package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.suggest.Lookup.LookupResult;
import org.apache.lucene.search.suggest.analyzing.AnalyzingInfixSuggester;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * Autocomplete for question pickers: Lucene's infix suggester finds the questions holding every word
 * typed so far (in the question, its tags or its id), the last word as a prefix, and those whose
 * question has the typed words earliest come first, so a question typed from its start is at the top.
 * When nothing matches as typed, for a typo, the ranked search with its corrections fills in; it
 * fills in for everything while a first start is still writing the infix index.
 *
 * <p>The ordering is done here rather than by Lucene's {@code BlendedInfixSuggester}, which does the
 * same but reads every candidate's term vectors to find its match; profiling showed that was most of
 * an autocomplete's time, while the question's text is already in memory.
 */
final class Suggester implements Closeable {

    /** Discord shows at most 25 choices, each name at most 100 characters. */
    public static final int MAX_SUGGESTIONS = 25;
    public static final int MAX_NAME = 100;

    private final Bank bank;
    private final SearchIndex index;
    /** Questions fetched per keystroke before ordering: enough that the 25 shown are the best placed. */
    private static final int CANDIDATES = 100;

    private final Optional<AnalyzingInfixSuggester> infix;
    private final Analyzer plain = Analyzers.plain();

    /**
     * Suggests from an infix index written by {@link #write}, or by ranked search alone without one;
     * closing the suggester closes the infix index.
     */
    Suggester(Bank bank, SearchIndex index, Optional<AnalyzingInfixSuggester> infix) {
        this.bank = bank;
        this.index = index;
        this.infix = infix;
    }

    /** Writes every question of the bank into a new infix index in the directory and returns it, open. */
    static AnalyzingInfixSuggester write(Bank bank, Directory directory, Progress progress) throws IOException {
        Infix infix = open(directory);
        List<Question> questions = bank.questions();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String key = q.question() + " " + String.join(" ", q.tags()) + " " + q.id();
            infix.add(new BytesRef(key), Set.of(), 1L, new BytesRef(q.id()));
            if ((i + 1) % 1_000 == 0 || i + 1 == questions.size()) {
                progress.update("Indexing questions for autocomplete", i + 1, questions.size());
            }
        }
        infix.mergeIntoOneSegment();
        infix.commit();
        infix.refresh();
        return infix;
    }

    /** The infix index in the directory, as {@link #write} left it. */
    static Infix open(Directory directory) throws IOException {
        return new Infix(directory, Analyzers.plain());
    }

    /**
     * Lucene's infix suggester, written as one segment: a large bank flushes several while it is added
     * (three at 100,000 questions), and every keystroke's lookup would visit each.
     */
    static final class Infix extends AnalyzingInfixSuggester {

        private Infix(Directory directory, Analyzer analyzer) throws IOException {
            super(directory, analyzer, analyzer, AnalyzingInfixSuggester.DEFAULT_MIN_PREFIX_CHARS, false);
        }

        void mergeIntoOneSegment() throws IOException {
            synchronized (writerLock) {
                if (writer != null) {
                    writer.forceMerge(1);
                }
            }
        }
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
        } else {
            List<String> words = Analyzers.tokens(plain, cap(typed), 1);
            if (!words.isEmpty()) {
                ids.addAll(startingEarliest(typed, words.get(0)));
                if (ids.isEmpty()) {
                    index.find(typed, Optional.empty(), wanted).forEach(q -> ids.add(q.id()));
                }
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

    /** Ids of the questions holding every typed word, those with the first word earliest in the question first. */
    private List<String> startingEarliest(String typed, String firstWord) {
        if (infix.isEmpty()) {
            return List.of();
        }
        List<LookupResult> found;
        try {
            found = infix.get().lookup(cap(typed), Set.of(), CANDIDATES, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("autocomplete failed", e);
        }
        record Placed(String id, int at) {
        }
        List<Placed> placed = new ArrayList<>(found.size());
        for (LookupResult r : found) {
            String id = r.payload.utf8ToString();
            int at = bank.byId(id).map(q -> q.question().toLowerCase(Locale.ROOT).indexOf(firstWord)).orElse(-1);
            placed.add(new Placed(id, at < 0 ? Integer.MAX_VALUE : at));
        }
        placed.sort(Comparator.comparingInt(Placed::at));
        return placed.stream().map(Placed::id).toList();
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
        if (infix.isPresent()) {
            infix.get().close();
        }
    }

}
