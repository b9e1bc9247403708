package dev.prepbot.readiness;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.LineMetrics;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws one member's weekly accuracy by topic as a PNG: a small bar chart per topic, side by side
 * rather than as lines on one chart, where a dozen crossing lines would hide every one of them. A bar's
 * height and colour are the week's accuracy, on the heatmap's scale; the number under it is the week's
 * answers, so one lucky answer does not pass for a trend. Topics come weakest first, like the
 * heatmap's rows. Stateless and safe to share between threads.
 */
public final class MemberTrendRenderer {

    public static final int WEEKS = 12;
    /** Three rows of three: beyond nine the panels would have to shrink below readable. */
    public static final int MAX_PANELS = 9;

    private static final int PAD = Canvas.PAD;
    private static final int PANEL_WIDTH = 300;
    private static final int PANEL_HEIGHT = 170;
    private static final int PANEL_COLUMNS = 3;
    private static final int GAP = 16;
    private static final int INSET = 12;
    private static final int AXIS_LABELS = 34;
    private static final int TITLE_BAND = 68;
    private static final int MIN_WIDTH = 640;
    private static final int EMPTY_HEIGHT = 260;
    private static final int FOOTNOTE = 20;

    private static final Font TITLE = Canvas.font(Font.BOLD, 22f);
    private static final Font SUBTITLE = Canvas.font(Font.PLAIN, 13f);
    private static final Font TOPIC = Canvas.font(Font.BOLD, 14f);
    private static final Font TOTAL = Canvas.font(Font.PLAIN, 12f);
    private static final Font SMALL = Canvas.font(Font.PLAIN, 10f);
    private static final Font EMPTY_HEADLINE = Canvas.font(Font.BOLD, 26f);
    private static final Font EMPTY_TEXT = Canvas.font(Font.PLAIN, 14f);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** One topic's answers: in all the weeks shown, and in each, oldest first. */
    private record Topic(String name, Cell total, List<Cell> weeks) {
    }

    /**
     * @param lastWeekStart the start of the newest week to show, normally the current week's, so weeks
     *     without answers show as gaps instead of the chart shifting to the last active week. A point
     *     falls in the week that contains its {@code weekStart}; points older than {@link #WEEKS} weeks,
     *     or after the newest week, are left out.
     */
    public byte[] render(String memberName, LocalDate lastWeekStart, List<WeekPoint> points) {
        List<Topic> topics = topics(lastWeekStart, points);
        TrendLayout layout = layout(topics);
        BufferedImage image = Canvas.image(layout.width(), layout.height());
        Graphics2D g = Canvas.graphics(image);
        try {
            drawTitle(g, memberName, lastWeekStart, layout.width());
            if (layout.panels().isEmpty()) {
                drawNoAnswers(g, layout.width());
            } else {
                for (int i = 0; i < layout.panels().size(); i++) {
                    drawPanel(g, topics.get(i), layout.panels().get(i), lastWeekStart);
                }
                TrendLayout.Panel last = layout.panels().getLast();
                int legendY = last.y() + last.height() + 18;
                Legend.draw(g, PAD, legendY, false);
                Legend.drawHiddenTopics(g, TOTAL, layout.hiddenTopics(), PAD, legendY + Legend.HEIGHT + 14);
            }
        } finally {
            g.dispose();
        }
        return Canvas.png(image);
    }

    /** The panels {@link #render} will draw for these points. */
    public TrendLayout layout(LocalDate lastWeekStart, List<WeekPoint> points) {
        return layout(topics(lastWeekStart, points));
    }

    private static List<Topic> topics(LocalDate lastWeekStart, List<WeekPoint> points) {
        Map<String, Cell[]> byTopic = new HashMap<>();
        for (WeekPoint point : points) {
            // Week k back covers week starts from lastWeekStart - 7k to 6 days later, so weeks that start
            // on another weekday than the caller's still land in exactly one bar.
            long daysBack = lastWeekStart.toEpochDay() - point.weekStart().toEpochDay();
            long weeksBack = Math.floorDiv(daysBack + 6, 7);
            if (weeksBack < 0 || weeksBack >= WEEKS) {
                continue;
            }
            Cell[] weeks = byTopic.computeIfAbsent(point.topic(), t -> filled(WEEKS));
            int slot = WEEKS - 1 - (int) weeksBack;
            weeks[slot] = weeks[slot].plus(point.cell());
        }
        List<Topic> topics = new ArrayList<>();
        byTopic.forEach((name, weeks) -> {
            Cell total = Arrays.stream(weeks).reduce(Cell.EMPTY, Cell::plus);
            if (!total.isEmpty()) {
                topics.add(new Topic(name, total, List.of(weeks)));
            }
        });
        topics.sort(Comparator.comparing(Topic::total, ReadinessData.WEAKEST_FIRST).thenComparing(Topic::name));
        return topics;
    }

    private static Cell[] filled(int weeks) {
        Cell[] cells = new Cell[weeks];
        Arrays.fill(cells, Cell.EMPTY);
        return cells;
    }

    private static TrendLayout layout(List<Topic> topics) {
        int shown = Math.min(topics.size(), MAX_PANELS);
        if (shown == 0) {
            return new TrendLayout(MIN_WIDTH, EMPTY_HEIGHT, List.of(), 0);
        }
        int columns = Math.min(PANEL_COLUMNS, shown);
        int rows = (shown + columns - 1) / columns;
        int top = PAD + TITLE_BAND;
        List<TrendLayout.Panel> panels = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            panels.add(new TrendLayout.Panel(topics.get(i).name(), PAD + (i % columns) * (PANEL_WIDTH + GAP),
                    top + (i / columns) * (PANEL_HEIGHT + GAP), PANEL_WIDTH, PANEL_HEIGHT));
        }
        int hidden = topics.size() - shown;
        int width = Math.max(MIN_WIDTH, 2 * PAD + columns * PANEL_WIDTH + (columns - 1) * GAP);
        int height = top + rows * (PANEL_HEIGHT + GAP) - GAP + 18 + Legend.HEIGHT + (hidden > 0 ? FOOTNOTE : 0) + PAD;
        return new TrendLayout(width, height, panels, hidden);
    }

    private static void drawTitle(Graphics2D g, String memberName, LocalDate lastWeekStart, int width) {
        int room = width - 2 * PAD;
        Rectangle band = new Rectangle(PAD, PAD - 4, room, TITLE_BAND);
        String name = Labels.clean(memberName);
        String title = name.isEmpty() ? "Accuracy by topic" : name + ": accuracy by topic";
        // The name may be long; the words after it are what says what the chart is, so they stay whole.
        if (!name.isEmpty() && Labels.width(title, TITLE) > room) {
            String suffix = ": accuracy by topic";
            title = Labels.fit(name, TITLE, room - Labels.width(suffix, TITLE)) + suffix;
        }
        g.setFont(TITLE);
        g.setColor(Palette.TEXT);
        Labels.draw(g, title, PAD, PAD + 22, band);
        String subtitle = "Weekly accuracy, " + lastWeekStart.minusWeeks(WEEKS - 1).format(DAY) + " to "
                + lastWeekStart.format(DAY_AND_YEAR) + ". Weakest topics first; the number under a bar is that week's answers.";
        g.setFont(SUBTITLE);
        g.setColor(Palette.MUTED);
        Labels.draw(g, Labels.fit(subtitle, SUBTITLE, room), PAD, PAD + 46, band);
    }

    private static void drawNoAnswers(Graphics2D g, int width) {
        g.setFont(EMPTY_HEADLINE);
        g.setColor(Palette.TEXT);
        String headline = "No answers in these " + WEEKS + " weeks";
        g.drawString(headline, (float) (width / 2.0 - Labels.width(headline, EMPTY_HEADLINE) / 2), 150);
        g.setFont(EMPTY_TEXT);
        g.setColor(Palette.MUTED);
        String hint = "The chart fills in as the member answers quiz questions.";
        g.drawString(hint, (float) (width / 2.0 - Labels.width(hint, EMPTY_TEXT) / 2), 184);
    }

    private static void drawPanel(Graphics2D g, Topic topic, TrendLayout.Panel panel, LocalDate lastWeekStart) {
        int x = panel.x();
        int y = panel.y();
        g.setColor(Palette.PANEL);
        g.fill(new RoundRectangle2D.Float(x, y, panel.width(), panel.height(), 10, 10));

        String total = Labels.percent(topic.total().accuracy()) + " of " + Labels.compact(topic.total().answered());
        double totalWidth = Labels.width(total, TOTAL);
        g.setFont(TOTAL);
        g.setColor(Palette.MUTED);
        g.drawString(total, (float) (x + panel.width() - INSET - totalWidth), y + 24);
        g.setFont(TOPIC);
        g.setColor(Palette.TEXT);
        int nameRoom = (int) (panel.width() - 2 * INSET - totalWidth - 10);
        Labels.draw(g, Labels.fit(Labels.orPlaceholder(Labels.clean(topic.name())), TOPIC, nameRoom), x + INSET, y + 24,
                new Rectangle(x + INSET, y + 4, nameRoom, 28));

        int plotX = x + INSET + AXIS_LABELS;
        int plotWidth = x + panel.width() - INSET - plotX;
        int plotTop = y + 44;
        int plotBottom = y + panel.height() - 40;
        int plotHeight = plotBottom - plotTop;
        g.setFont(SMALL);
        for (int percent : new int[] {0, 50, 100}) {
            float lineY = plotBottom - plotHeight * percent / 100f;
            g.setColor(Palette.GRID_LINE);
            g.draw(new Line2D.Float(plotX, lineY, plotX + plotWidth, lineY));
            String label = percent + "%";
            g.setColor(Palette.MUTED);
            g.drawString(label, (float) (plotX - 6 - Labels.width(label, SMALL)), lineY + 4);
        }

        double slot = plotWidth / (double) WEEKS;
        double barWidth = Math.max(3, slot * 0.66);
        LineMetrics small = SMALL.getLineMetrics("0", Labels.MEASURE);
        for (int week = 0; week < WEEKS; week++) {
            Cell cell = topic.weeks().get(week);
            if (cell.isEmpty()) {
                continue;
            }
            double centre = plotX + slot * (week + 0.5);
            // A 0% week keeps a sliver of bar, so it reads as "answered, all wrong", not as a gap.
            double height = Math.max(3, plotHeight * cell.accuracy());
            Color fill = Palette.accuracy(cell.accuracy());
            g.setColor(fill);
            g.fill(new Rectangle2D.Double(centre - barWidth / 2, plotBottom - height, barWidth, height));
            String count = Labels.compact(cell.answered());
            g.setColor(Palette.MUTED);
            Labels.draw(g, count, (float) (centre - Labels.width(count, SMALL) / 2), plotBottom + 4 + small.getAscent(),
                    new Rectangle((int) (centre - slot / 2), plotBottom + 2, (int) Math.ceil(slot), 16));
        }
        g.setColor(Palette.MUTED);
        float dateBaseline = plotBottom + 30;
        g.drawString(lastWeekStart.minusWeeks(WEEKS - 1).format(DAY), plotX, dateBaseline);
        String last = lastWeekStart.format(DAY);
        g.drawString(last, (float) (plotX + plotWidth - Labels.width(last, SMALL)), dateBaseline);
    }
}
