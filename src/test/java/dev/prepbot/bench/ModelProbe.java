package dev.prepbot.bench;

import dev.prepbot.search.Embedder;
import dev.prepbot.search.JointEmbedder;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the sentence model costs in memory, in a fresh JVM that holds nothing else: the heap in use
 * (after a full collection) and the process's resident set (VmRSS) before and after
 * {@link JointEmbedder#load} (both sentence models) and one embedding. ONNX Runtime keeps the model's weights and its
 * working memory outside the Java heap, so the resident set is where most of it shows; it also counts
 * the heap pages the load touched and the code it compiled. The benchmark runs it as a child process.
 */
public final class ModelProbe {

    private ModelProbe() {
    }

    public static void main(String[] args) throws IOException {
        long heapBefore = Benchmarks.usedHeap();
        long rssBefore = residentBytes();
        long start = System.nanoTime();
        Embedder model = JointEmbedder.load(Optional.empty());
        // The first embedding allocates ONNX Runtime's working memory: part of what the model costs.
        model.embed(StartProbe.PLAIN_QUERY);
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = Benchmarks.usedHeap();
        long rssAfter = residentBytes();
        Reference.reachabilityFence(model);
        System.out.println("load_ms=" + loadMillis + " heap_bytes=" + (heapAfter - heapBefore)
                + " rss_bytes=" + (rssAfter - rssBefore));
    }

    /** The process's resident set as Linux reports it in /proc/self/status, in bytes. */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IOException("/proc/self/status has no VmRSS line (not Linux?)");
    }
}
