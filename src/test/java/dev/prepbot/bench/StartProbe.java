package dev.prepbot.bench;

import dev.prepbot.App;
import dev.prepbot.Settings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One start of Prepbot in a fresh JVM, as a user's start: loads the bank in {@code args[0]} with the
 * index cache under {@code args[1]}, answers one search, and prints the milliseconds since the JVM
 * began and the heap in use once garbage is collected. The benchmark runs it as a child process.
 */
public final class StartProbe {

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
        try (App app = App.start(settings(Path.of(args[0]), Path.of(args[1])))) {
            app.index().search("ready", Optional.empty(), 1);
            long readyMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            long heap = Benchmarks.usedHeap();
            System.out.println("ready_ms=" + readyMillis + " heap_bytes=" + heap);
        }
    }
}
