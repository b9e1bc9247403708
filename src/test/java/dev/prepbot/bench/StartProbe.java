package dev.prepbot.bench;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.bank.Progress;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One start of Prepbot in a fresh JVM, as a user's start: loads the bank in {@code args[0]} with the
 * index cache under {@code args[1]}, answers one search, and prints the milliseconds since the JVM
 * began ({@code ready_ms}), then since the index a first start indexed was stored in the cache
 * ({@code stored_ms}, at once for a start that found it there), and the heap in use once garbage is
 * collected. The benchmark runs it as a child process.
 *
 * <p>With {@code --meaning} as {@code args[2]} it then also waits for search by meaning (the sentence
 * model loaded and every question's vector read from the cache or embedded into it), answers one
 * plain-language search by meaning, and prints that moment too; the heap is then measured after it.
 * It also prints every step of work the start reported ({@code work=}), so the benchmark can tell a
 * start that reused its caches (no work) from one that indexed or embedded again.
 */
public final class StartProbe {

    static final String MEANING = "--meaning";
    /** A plain-language query with no keyword the bank knows alone: it is answered through the model. */
    static final String PLAIN_QUERY = "why is my multithreaded python code not faster";
    /**
     * Embedding 10,000 questions whole and in parts by both sentence models takes 520-580 s here, more in
     * a slow hour; a start far past that is broken, not slow.
     */
    private static final Duration MEANING_WAIT = Duration.ofMinutes(20);

    private StartProbe() {
    }

    /** Settings for Prepbot on the bank files in {@code bank}, keeping its index cache under {@code cache}. */
    static Settings settings(Path bank, Path cache) {
        return Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", cache.toString())).withBanks(List.of(bank));
    }

    /**
     * The same without the sentence model, for measuring search by words: a synthetic bank's text is
     * recombined sentences with no meaning to find, and a model embedding the bank in the background
     * would take a core from the measurement (and switch ranking mid-run once it finished).
     */
    static Settings wordsOnly(Path bank, Path cache) {
        return Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", cache.toString(), "PREPBOT_SEARCH_MODEL", "off"))
                .withBanks(List.of(bank));
    }

    public static void main(String[] args) throws Exception {
        boolean meaning = args.length > 2 && args[2].equals(MEANING);
        Set<String> work = ConcurrentHashMap.newKeySet();
        Progress progress = (step, done, total) -> work.add(step);
        try (App app = App.start(settings(Path.of(args[0]), Path.of(args[1])), progress)) {
            app.index().search("ready", Optional.empty(), 1);
            StringBuilder out = new StringBuilder("ready_ms=" + sinceJvmStart());
            // A first start stores its new index after it serves; the memory is measured once it is stored.
            if (!app.index().awaitStored(MEANING_WAIT)) {
                throw new IllegalStateException("the index was not stored within " + MEANING_WAIT);
            }
            out.append(" stored_ms=").append(sinceJvmStart());
            if (meaning) {
                if (!app.index().awaitMeaning(MEANING_WAIT)) {
                    throw new IllegalStateException("search by meaning did not come on within " + MEANING_WAIT);
                }
                app.index().search(PLAIN_QUERY, Optional.empty(), 5);
                out.append(" meaning_ms=").append(sinceJvmStart());
            }
            out.append(" heap_bytes=").append(Benchmarks.usedHeap());
            // One token, so the benchmark reads it as one figure: "Indexing questions" becomes Indexing_questions.
            out.append(" work=").append(String.join(",", work).replace(' ', '_'));
            System.out.println(out);
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
