package dev.prepbot.readiness;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long a large team's heatmap takes, printed rather than asserted: a timing assertion fails on a
 * busy machine without anything being wrong. Run after {@code ./mvnw test-compile} with
 * {@code java -cp target/classes:target/test-classes dev.prepbot.readiness.HeatmapTiming}.
 */
public final class HeatmapTiming {

    private static final int WARM_UP = 30;
    private static final int MEASURED = 50;

    private HeatmapTiming() {
    }

    public static void main(String[] args) {
        List<Tally> tallies = Teams.random(1_000, 30, 3);
        HeatmapRenderer renderer = new HeatmapRenderer();
        long start = System.nanoTime();
        byte[] first = renderer.render(ReadinessData.from(tallies));
        System.out.printf(Locale.ROOT, "first render, cold JVM: %.0f ms, %d bytes%n", (System.nanoTime() - start) / 1e6, first.length);

        long[] aggregate = new long[MEASURED];
        long[] render = new long[MEASURED];
        for (int i = -WARM_UP; i < MEASURED; i++) {
            long t0 = System.nanoTime();
            ReadinessData data = ReadinessData.from(tallies);
            long t1 = System.nanoTime();
            renderer.render(data);
            long t2 = System.nanoTime();
            if (i >= 0) {
                aggregate[i] = t1 - t0;
                render[i] = t2 - t1;
            }
        }
        report("aggregate 30,000 tallies", aggregate);
        report("draw and encode the PNG", render);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, p90 %.1f ms, max %.1f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
