package dev.prepbot.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberTrendRendererTest {

    private static final LocalDate THIS_WEEK = LocalDate.of(2026, 3, 2);

    private final MemberTrendRenderer renderer = new MemberTrendRenderer();

    @Test
    void drawsAPanelPerTopicWeakestFirst() {
        List<WeekPoint> points = sixTopics();

        TrendLayout layout = renderer.layout(THIS_WEEK, points);
        BufferedImage image = Pngs.decode(renderer.render("Ada", THIS_WEEK, points));

        assertEquals(6, layout.panels().size());
        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        List<Double> accuracies = layout.panels().stream().map(p -> points.stream()
                .filter(w -> w.topic().equals(p.topic())).map(WeekPoint::cell).reduce(Cell.EMPTY, Cell::plus).accuracy())
                .toList();
        assertEquals(accuracies.stream().sorted().toList(), accuracies);
    }

    @Test
    void aWeakTopicsBarsAreWarmerThanAStrongTopics() {
        List<WeekPoint> points = new ArrayList<>();
        for (int w = 0; w < 12; w++) {
            points.add(new WeekPoint(THIS_WEEK.minusWeeks(w), "weak", 1, 10));
            points.add(new WeekPoint(THIS_WEEK.minusWeeks(w), "strong", 10, 10));
        }
        TrendLayout layout = renderer.layout(THIS_WEEK, points);
        BufferedImage image = Pngs.decode(renderer.render("Ada", THIS_WEEK, points));

        assertEquals(List.of("weak", "strong"), layout.panels().stream().map(TrendLayout.Panel::topic).toList());
        assertTrue(count(image, layout.panels().get(0), 100) > 100, "red bars in the weak topic's panel");
        assertEquals(0, count(image, layout.panels().get(1), 100), "no red in the strong topic's panel");
        assertTrue(count(image, layout.panels().get(1), Integer.MIN_VALUE) - count(image, layout.panels().get(1), -50) > 1_000,
                "green bars in the strong topic's panel");
    }

    @Test
    void weeksOutsideTheTwelveShownAreLeftOut() {
        List<WeekPoint> points = List.of(
                new WeekPoint(THIS_WEEK.minusWeeks(12), "old", 1, 5),
                new WeekPoint(THIS_WEEK.plusWeeks(1), "future", 1, 5),
                new WeekPoint(THIS_WEEK.minusWeeks(11), "oldest-shown", 1, 5),
                new WeekPoint(THIS_WEEK.plusDays(6), "this-week", 1, 5));

        assertEquals(List.of("oldest-shown", "this-week"),
                renderer.layout(THIS_WEEK, points).panels().stream().map(TrendLayout.Panel::topic).toList());
    }

    @Test
    void moreThanNineTopicsShowTheWeakestNine() {
        List<WeekPoint> points = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            points.add(new WeekPoint(THIS_WEEK, "topic-" + t, t, 12));
        }

        TrendLayout layout = renderer.layout(THIS_WEEK, points);

        assertEquals(MemberTrendRenderer.MAX_PANELS, layout.panels().size());
        assertEquals(3, layout.hiddenTopics());
        assertEquals("topic-0", layout.panels().getFirst().topic());
        Pngs.decode(renderer.render("Ada", THIS_WEEK, points));
    }

    @Test
    void noAnswersRendersAClearEmptyChart() {
        TrendLayout layout = renderer.layout(THIS_WEEK, List.of());
        BufferedImage image = Pngs.decode(renderer.render("Ada", THIS_WEEK, List.of()));

        assertTrue(layout.panels().isEmpty());
        assertEquals(layout.height(), image.getHeight());
    }

    @Test
    void aHostileMemberNameStillDrawsTheChart() {
        List<WeekPoint> points = sixTopics();

        BufferedImage image = Pngs.decode(renderer.render("@everyone \u202E" + "👩‍👩‍👧‍👦".repeat(500) + "\n",
                THIS_WEEK, points));

        assertEquals(renderer.layout(THIS_WEEK, points).width(), image.getWidth());
    }

    /** Twelve weeks of six topics, each with its own accuracy, one week in three skipped. */
    private static List<WeekPoint> sixTopics() {
        List<WeekPoint> points = new ArrayList<>();
        for (int w = 0; w < 12; w++) {
            for (int t = 0; t < 6; t++) {
                if ((w + t) % 3 != 0) {
                    points.add(new WeekPoint(THIS_WEEK.minusWeeks(w), "topic-" + t, 2 + (t + w) % 7, 10));
                }
            }
        }
        return points;
    }

    /** Pixels in the panel at least this much redder than green. */
    private static int count(BufferedImage image, TrendLayout.Panel panel, int warmth) {
        int count = 0;
        for (int y = panel.y(); y < panel.y() + panel.height(); y++) {
            for (int x = panel.x(); x < panel.x() + panel.width(); x++) {
                if (Pngs.warmth(image, x, y) >= warmth) {
                    count++;
                }
            }
        }
        return count;
    }
}
