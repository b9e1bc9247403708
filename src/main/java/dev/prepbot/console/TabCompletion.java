package dev.prepbot.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.CompletionMatcher;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Connects {@link Completions} to JLine's line reader. JLine's own parser would read quotes and
 * backslashes as a shell does (an unclosed quote in {@code /search "tcp} would wait for a second line)
 * and split a question typed as several words; this parser takes the line as the console does and
 * makes the word at the cursor whatever {@link Completions} replaces. JLine's matcher would then drop
 * every question id that does not spell what was typed; {@link Completions} has already matched, by
 * spelling or, for questions, by the suggester, so the matcher here keeps every completion, in order.
 */
final class TabCompletion implements Parser, Completer {

    private volatile Completions completions;

    /** What Tab offers from now on: the completions of the commands the next line will run against. */
    void use(Completions completions) {
        this.completions = completions;
    }

    /** What Tab offers at the cursor. */
    Completions.Offer offer(String line, int cursor) {
        Completions current = completions;
        return current == null ? Completions.Offer.none(cursor) : current.at(line, cursor);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        // Only completion needs the offer; accepting a line never waits on the suggester.
        Completions.Offer offer = context == ParseContext.COMPLETE ? offer(line, cursor) : Completions.Offer.none(cursor);
        return new TypedLine(line, cursor, offer);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (!(line instanceof TypedLine typed)) {
            return;
        }
        List<Completions.Completion> offered = typed.offer().completions();
        for (int i = 0; i < offered.size(); i++) {
            Completions.Completion c = offered.get(i);
            // The sort key keeps the offer's order in JLine's lists and menus.
            candidates.add(new Candidate(c.value(), c.display(), null, c.description(), null, null, c.complete(), i));
        }
    }

    /** A line as JLine sees it for completion: one word, the one the offer replaces, around the cursor. */
    record TypedLine(String line, int cursor, Completions.Offer offer) implements CompletingParsedLine {

        /** Where the word proper starts, after any extra spaces the offer also replaces. */
        private int wordStart() {
            int start = offer.start();
            while (start < offer.end() && start < cursor && Character.isWhitespace(line.charAt(start))) {
                start++;
            }
            return start;
        }

        @Override
        public String word() {
            return line.substring(wordStart(), Math.max(wordStart(), offer.end()));
        }

        @Override
        public int wordCursor() {
            return cursor - wordStart();
        }

        @Override
        public int wordIndex() {
            return words().size() - 1;
        }

        @Override
        public List<String> words() {
            List<String> words = new ArrayList<>();
            for (String w : line.substring(0, offer.start()).strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            words.add(word());
            return words;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return cursor - offer.start();
        }

        @Override
        public int rawWordLength() {
            return offer.end() - offer.start();
        }
    }

    /** Keeps every candidate the completer gave, in its order: they are already what matches. */
    static final class Offered implements CompletionMatcher {
        private List<Candidate> offered = List.of();
        private String word = "";

        @Override
        public void compile(Map<LineReader.Option, Boolean> options, boolean prefix, CompletingParsedLine line,
                            boolean caseInsensitive, int errors, String originalGroupName) {
            word = prefix ? line.word().substring(0, Math.min(line.wordCursor(), line.word().length())) : line.word();
            offered = List.of();
        }

        @Override
        public List<Candidate> matches(List<Candidate> candidates) {
            offered = List.copyOf(candidates);
            return new ArrayList<>(candidates);
        }

        @Override
        public Candidate exactMatch() {
            return offered.stream().filter(Candidate::complete).filter(c -> c.value().equals(word)).findFirst().orElse(null);
        }

        @Override
        public String getCommonPrefix() {
            String common = null;
            for (Candidate c : offered) {
                if (common == null) {
                    common = c.value();
                } else {
                    int n = 0;
                    while (n < common.length() && n < c.value().length() && common.charAt(n) == c.value().charAt(n)) {
                        n++;
                    }
                    common = common.substring(0, n);
                }
            }
            return common == null ? "" : common;
        }
    }
}
