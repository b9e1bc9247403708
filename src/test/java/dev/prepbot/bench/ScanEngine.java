package dev.prepbot.bench;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Question;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * The plain in-memory scan peer: every question's lowercased text is checked for each query word
 * (question matches count 4, answer 2, explanation 1), the best kept in a heap. What a bot without a
 * search index would do.
 */
final class ScanEngine implements Engine {

    private record Entry(String id, String question, String answer, String explanation) {
    }

    private record Scored(String id, int score) {
    }

    private final List<Entry> entries = new ArrayList<>();

    ScanEngine(Bank bank) {
        for (Question q : bank.questions()) {
            entries.add(new Entry(q.id(), q.question().toLowerCase(Locale.ROOT), q.answer().toLowerCase(Locale.ROOT),
                    q.explanation().orElse("").toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public String name() {
        return "scan";
    }

    /** Questions containing every typed word (the last as typed so far), in bank order. */
    @Override
    public List<String> suggest(String partial, int limit) {
        String[] words = partial.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> ids = new ArrayList<>();
        for (Entry e : entries) {
            boolean all = true;
            for (String w : words) {
                if (!w.isEmpty() && !e.question().contains(w)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                ids.add(e.id());
                if (ids.size() == limit) {
                    break;
                }
            }
        }
        return ids;
    }

    @Override
    public List<String> search(String text, int limit) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingInt(Scored::score));
        for (Entry e : entries) {
            int score = 0;
            for (String w : words) {
                if (w.length() < 2) {
                    continue;
                }
                score += (e.question().contains(w) ? 4 : 0) + (e.answer().contains(w) ? 2 : 0)
                        + (e.explanation().contains(w) ? 1 : 0);
            }
            if (score > 0) {
                best.add(new Scored(e.id(), score));
                if (best.size() > limit) {
                    best.poll();
                }
            }
        }
        List<Scored> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingInt(Scored::score).reversed());
        return sorted.stream().map(Scored::id).toList();
    }
}
