package dev.prepbot.readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the example images in {@code docs/} from made-up but plausible answers: six members, the
 * built-in bank's sixteen topics, a fixed seed so the images change only when the drawing does. Run
 * after {@code ./mvnw test-compile} with
 * {@code java -cp target/classes:target/test-classes dev.prepbot.readiness.ExampleImage [docs]}.
 */
public final class ExampleImage {

    static final List<String> TOPICS = List.of("algorithms", "behavioral", "concurrency", "containers", "databases",
            "distributed-systems", "git", "java", "javascript", "machine-learning", "networking", "operating-systems",
            "python", "system-design", "testing", "web");

    private ExampleImage() {
    }

    public static void main(String[] args) throws IOException {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(docs);
        ReadinessData data = ReadinessData.from(team(new Random(2026)), TOPICS);
        Files.write(docs.resolve("readiness-example.png"), new HeatmapRenderer().render(data, "Team readiness: Interview Prep Club"));
        LocalDate week = LocalDate.of(2026, 3, 2);
        Files.write(docs.resolve("readiness-trend-example.png"),
                new MemberTrendRenderer().render("Ada Lovelace", week, weeks(new Random(7), week)));
        System.out.println(Summary.of(data));
    }

    /** Members differ in skill and diligence, topics in difficulty; a few topics someone never tried. */
    static List<Tally> team(Random random) {
        String[][] members = {{"1", "Ada Lovelace"}, {"2", "grace.h"}, {"3", "Linus"}, {"4", "Margaret H."},
            {"5", "Zoë"}, {"6", "Ken Thompson"}};
        double[] skill = {0.78, 0.66, 0.71, 0.84, 0.55, 0.62};
        int[] diligence = {28, 20, 14, 24, 9, 12};
        double[] difficulty = {0.10, -0.15, 0.28, 0.05, 0.02, 0.22, -0.05, -0.08, 0.06, 0.18, 0.30, 0.15, -0.10,
            0.12, -0.12, -0.02};
        List<Tally> tallies = new ArrayList<>();
        for (int m = 0; m < members.length; m++) {
            for (int t = 0; t < TOPICS.size(); t++) {
                if (random.nextDouble() < 0.12) {
                    continue;
                }
                int answered = Math.max(1, (int) Math.round(diligence[m] * (0.4 + random.nextDouble())));
                double p = Math.clamp(skill[m] - difficulty[t] + random.nextGaussian() * 0.06, 0.05, 0.98);
                tallies.add(new Tally(members[m][0], members[m][1], TOPICS.get(t), binomial(random, answered, p), answered));
            }
        }
        return tallies;
    }

    /** Twelve weeks of one member getting better at some topics and stalling at others. */
    static List<WeekPoint> weeks(Random random, LocalDate lastWeek) {
        String[] topics = {"networking", "concurrency", "system-design", "databases", "git", "python"};
        double[] start = {0.25, 0.35, 0.45, 0.55, 0.7, 0.8};
        double[] gain = {0.035, 0.02, 0.03, 0.0, 0.01, 0.01};
        List<WeekPoint> points = new ArrayList<>();
        for (int w = 0; w < MemberTrendRenderer.WEEKS; w++) {
            LocalDate week = lastWeek.minusWeeks(MemberTrendRenderer.WEEKS - 1 - w);
            for (int t = 0; t < topics.length; t++) {
                if (random.nextDouble() < 0.2) {
                    continue;
                }
                int answered = 2 + random.nextInt(9);
                double p = Math.clamp(start[t] + gain[t] * w + random.nextGaussian() * 0.05, 0.0, 1.0);
                points.add(new WeekPoint(week, topics[t], binomial(random, answered, p), answered));
            }
        }
        return points;
    }

    private static int binomial(Random random, int n, double p) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                hits++;
            }
        }
        return hits;
    }
}
