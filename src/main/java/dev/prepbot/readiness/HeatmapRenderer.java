package dev.prepbot.readiness;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws {@link ReadinessData} as a PNG heatmap: a row per topic (weakest first), a column per member,
 * each cell coloured by the member's accuracy in the topic and showing how many answers it rests on;
 * cells with no answers are grey and empty. Beside each topic, the team's accuracy in it.
 *
 * <p>The image's size depends only on how many topics and columns there are, never on how much was
 * answered: sixteen columns by thirty topics is at most about 1,480 × 1,100 pixels (the longest names
 * and topics allowed) and under 300 KB even when every cell's colour is random, far inside Discord's
 * attachment limit. Rows get shorter and their text smaller as topics grow; past
 * {@link #MAX_ROWS} topics the strongest are left out and a footnote says how many. Stateless and safe
 * to share between threads.
 */
public final class HeatmapRenderer {

    public static final String DEFAULT_TITLE = "Team readiness";

    /** Sixty rows at the smallest readable height is already a tall image. */
    public static final int MAX_ROWS = 60;

    private static final int PAD = Canvas.PAD;
    private static final int CELL_WIDTH = 64;
    private static final int OTHERS_GAP = 8;
    private static final int MAX_TOPIC_LABEL = 220;
    private static final int TEAM_COLUMN = 48;
    private static final int MAX_MEMBER_LABEL = 150;
    /** The grid's height to share between rows: thirty topics keep the whole image under 1,200 pixels. */
    private static final int GRID_BUDGET = 780;
    private static final int MIN_ROW = 16;
    private static final int MAX_ROW = 34;
    private static final int TITLE_BAND = 68;
    private static final int MIN_WIDTH = 640;
    private static final int FOOTNOTE = 20;
    /** Member names start this far above the grid, so a name's lowest marks stay clear of the first row. */
    private static final int LABEL_LIFT = 10;
    private static final double SIN_45 = Math.sqrt(0.5);

    private static final Font TITLE = Canvas.font(Font.BOLD, 22f);
    private static final Font SUBTITLE = Canvas.font(Font.PLAIN, 13f);
    private static final Font MEMBER = Canvas.font(Font.PLAIN, 13f);
    private static final Font OTHERS = Canvas.font(Font.ITALIC, 13f);
    private static final Font SMALL = Canvas.font(Font.PLAIN, 11f);
    private static final Font NOTE = Canvas.font(Font.PLAIN, 13f);
    /** Space between the legend and the notes under it. */
    private static final int NOTE_GAP = 8;
    private static final Font EMPTY_HEADLINE = Canvas.font(Font.BOLD, 26f);
    private static final Font EMPTY_TEXT = Canvas.font(Font.PLAIN, 14f);

    /** Everything drawing needs beyond the public layout, worked out once. */
    private record Plan(HeatmapLayout layout, Font text, List<String> topicLabels, List<String> memberLabels,
                        int teamX) {
    }

    public byte[] render(ReadinessData data) {
        return render(data, DEFAULT_TITLE);
    }

    /** @param title drawn as given, on one line and shortened to fit; a guild's name, say */
    public byte[] render(ReadinessData data, String title) {
        return render(data, title, List.of());
    }

    /**
     * The same with {@code notes} under the legend, one line each: other kinds of signal in the period,
     * such as mock interview scores, which have no place in the topic-by-member grid.
     */
    public byte[] render(ReadinessData data, String title, List<String> notes) {
        Plan base = plan(data);
        HeatmapLayout grid = base.layout();
        HeatmapLayout layout = new HeatmapLayout(grid.width(), grid.height() + (notes.isEmpty() ? 0 : NOTE_GAP + notes.size() * FOOTNOTE), grid.rows(),
                grid.columns(), grid.gridX(), grid.gridY(), grid.cellWidth(), grid.cellHeight(), grid.othersGap(),
                grid.hiddenTopics());
        Plan plan = new Plan(layout, base.text(), base.topicLabels(), base.memberLabels(), base.teamX());
        BufferedImage image = Canvas.image(layout.width(), layout.height());
        Graphics2D g = Canvas.graphics(image);
        try {
            drawTitle(g, title, subtitle(data, layout), layout.width());
            if (layout.rows() == 0) {
                drawNoAnswers(g, layout);
            } else {
                drawMembers(g, data, plan);
                drawTopics(g, data, plan);
                drawCells(g, data, plan);
                int legendY = layout.gridY() + layout.rows() * layout.cellHeight() + 18;
                Legend.draw(g, PAD, legendY, true);
                Legend.drawHiddenTopics(g, SMALL, layout.hiddenTopics(), PAD, legendY + Legend.HEIGHT + 14);
            }
            drawNotes(g, notes, layout, grid.height() - PAD + NOTE_GAP + 14);
        } finally {
            g.dispose();
        }
        return Canvas.png(image);
    }

    /** The geometry {@link #render} will use for this data. */
    public HeatmapLayout layout(ReadinessData data) {
        return plan(data).layout();
    }

    private Plan plan(ReadinessData data) {
        if (data.isEmpty()) {
            return new Plan(new HeatmapLayout(MIN_WIDTH, 260, 0, 0, 0, 0, 0, 0, 0, 0), SMALL, List.of(), List.of(), 0);
        }
        int rows = Math.min(data.topics().size(), MAX_ROWS);
        int columns = data.members().size();
        int rowHeight = Math.clamp(GRID_BUDGET / rows, MIN_ROW, MAX_ROW);
        Font text = Canvas.font(Font.PLAIN, Math.clamp(rowHeight * 0.48f, 10f, 15f));

        List<String> topicLabels = data.topics().subList(0, rows).stream()
                .map(t -> Labels.fit(Labels.orPlaceholder(Labels.clean(t)), text, MAX_TOPIC_LABEL)).toList();
        int topicWidth = (int) Math.ceil(topicLabels.stream().mapToDouble(t -> Labels.width(t, text)).max().orElse(0));
        List<String> memberLabels = data.members().stream()
                .map(m -> Labels.fit(Labels.orPlaceholder(Labels.clean(m)), MEMBER, MAX_MEMBER_LABEL)).toList();
        double longestMember = memberLabels.stream().mapToDouble(m -> Labels.width(m, MEMBER)).max().orElse(0);

        // Member names run up and to the right at 45°: legible without turning one's head, and at
        // 64 pixels apart neighbouring names stay 45 pixels apart.
        LineMetrics metrics = MEMBER.getLineMetrics("Ag", Labels.MEASURE);
        int headerHeight = (int) Math.ceil((longestMember + metrics.getDescent()) * SIN_45 + metrics.getAscent()) + LABEL_LIFT + 4;
        int overhang = (int) Math.ceil(Math.max(0, (longestMember + metrics.getAscent()) * SIN_45 - CELL_WIDTH / 2.0));

        int teamX = PAD + Math.max(topicWidth, 40) + 10;
        int gridX = teamX + TEAM_COLUMN + 10;
        int gridY = PAD + TITLE_BAND + headerHeight;
        int othersGap = data.hasOthers() ? OTHERS_GAP : 0;
        int gridRight = gridX + columns * CELL_WIDTH + othersGap;
        int width = Math.max(Math.max(MIN_WIDTH, gridRight + overhang + PAD), PAD + Legend.width(true) + PAD);
        int hidden = data.topics().size() - rows;
        int height = gridY + rows * rowHeight + 18 + Legend.HEIGHT + (hidden > 0 ? FOOTNOTE : 0) + PAD;
        HeatmapLayout layout = new HeatmapLayout(width, height, rows, columns, gridX, gridY, CELL_WIDTH, rowHeight,
                othersGap, hidden);
        return new Plan(layout, text, topicLabels, memberLabels, teamX);
    }

    private static String subtitle(ReadinessData data, HeatmapLayout layout) {
        if (layout.rows() == 0) {
            return "Accuracy by topic and member";
        }
        int named = data.members().size() - (data.hasOthers() ? 1 : 0);
        String members = data.hasOthers()
                ? named + " most active members + " + data.othersCount() + " others"
                : named + (named == 1 ? " member" : " members");
        return members + " · weakest topics first · the number in a cell counts its answers";
    }

    private static void drawTitle(Graphics2D g, String title, String subtitle, int width) {
        int room = width - 2 * PAD;
        Rectangle band = new Rectangle(PAD, PAD - 4, room, TITLE_BAND);
        g.setFont(TITLE);
        g.setColor(Palette.TEXT);
        Labels.draw(g, Labels.fit(Labels.orPlaceholder(Labels.clean(title)), TITLE, room), PAD, PAD + 22, band);
        g.setFont(SUBTITLE);
        g.setColor(Palette.MUTED);
        Labels.draw(g, Labels.fit(subtitle, SUBTITLE, room), PAD, PAD + 46, band);
    }

    private static void drawNotes(Graphics2D g, List<String> notes, HeatmapLayout layout, int firstBaseline) {
        g.setFont(NOTE);
        g.setColor(Palette.TEXT);
        int y = firstBaseline;
        for (String note : notes) {
            g.drawString(Labels.fit(Labels.clean(note), NOTE, layout.width() - 2.0 * PAD), PAD, y);
            y += FOOTNOTE;
        }
    }

    private static void drawNoAnswers(Graphics2D g, HeatmapLayout layout) {
        int centre = layout.width() / 2;
        g.setFont(EMPTY_HEADLINE);
        g.setColor(Palette.TEXT);
        String headline = "No answers yet";
        g.drawString(headline, (float) (centre - Labels.width(headline, EMPTY_HEADLINE) / 2), 150);
        g.setFont(EMPTY_TEXT);
        g.setColor(Palette.MUTED);
        String hint = "The heatmap fills in as members answer quiz questions.";
        g.drawString(hint, (float) (centre - Labels.width(hint, EMPTY_TEXT) / 2), 184);
    }

    private static void drawMembers(Graphics2D g, ReadinessData data, Plan plan) {
        HeatmapLayout layout = plan.layout();
        LineMetrics metrics = MEMBER.getLineMetrics("Ag", Labels.MEASURE);
        float ascent = metrics.getAscent();
        float descent = metrics.getDescent();
        for (int c = 0; c < layout.columns(); c++) {
            boolean others = data.hasOthers() && c == layout.columns() - 1;
            HeatmapLayout.CellBox box = layout.cell(0, c);
            AffineTransform before = g.getTransform();
            g.translate(box.centreX() - 4, layout.gridY() - LABEL_LIFT);
            g.rotate(-Math.PI / 4);
            g.setFont(others ? OTHERS : MEMBER);
            g.setColor(others ? Palette.MUTED : Palette.TEXT);
            // The clip is in the rotated frame: one line high, as long as the longest label allowed.
            int halfLine = (int) Math.ceil((ascent + descent) / 2) + 3;
            Rectangle line = new Rectangle(-2, -halfLine, MAX_MEMBER_LABEL + 8, 2 * halfLine);
            Labels.draw(g, plan.memberLabels().get(c), 0, (ascent - descent) / 2, line);
            g.setTransform(before);
        }
        g.setFont(SMALL);
        g.setColor(Palette.MUTED);
        g.drawString("team", (float) (plan.teamX() + TEAM_COLUMN - Labels.width("team", SMALL)), layout.gridY() - LABEL_LIFT);
    }

    private static void drawTopics(Graphics2D g, ReadinessData data, Plan plan) {
        HeatmapLayout layout = plan.layout();
        Font text = plan.text();
        LineMetrics metrics = text.getLineMetrics("Ag", Labels.MEASURE);
        g.setFont(text);
        for (int r = 0; r < layout.rows(); r++) {
            int y = layout.gridY() + r * layout.cellHeight();
            float baseline = y + (layout.cellHeight() + metrics.getAscent() - metrics.getDescent()) / 2;
            g.setColor(Palette.TEXT);
            Labels.draw(g, plan.topicLabels().get(r), PAD, baseline,
                    new Rectangle(PAD, y, plan.teamX() - PAD - 4, layout.cellHeight()));
            Cell total = data.topicTotal(r);
            if (!total.isEmpty()) {
                String percent = Labels.percent(total.accuracy());
                g.setColor(Palette.MUTED);
                g.drawString(percent, (float) (plan.teamX() + TEAM_COLUMN - Labels.width(percent, text)), baseline);
            }
        }
    }

    private static void drawCells(Graphics2D g, ReadinessData data, Plan plan) {
        HeatmapLayout layout = plan.layout();
        int room = layout.cellWidth() - 2 * (HeatmapLayout.CellBox.PLAIN_MARGIN + 1);
        for (int r = 0; r < layout.rows(); r++) {
            for (int c = 0; c < layout.columns(); c++) {
                HeatmapLayout.CellBox box = layout.cell(r, c);
                Cell cell = data.cell(r, c);
                Color fill = cell.isEmpty() ? Palette.NO_ANSWERS : Palette.accuracy(cell.accuracy());
                g.setColor(fill);
                g.fill(new RoundRectangle2D.Float(box.x() + 1, box.y() + 1, box.width() - 2, box.height() - 2, 6, 6));
                if (cell.isEmpty()) {
                    continue;
                }
                String count = Labels.compact(cell.answered());
                Font font = plan.text();
                while (Labels.width(count, font) > room && font.getSize2D() > 7f) {
                    font = font.deriveFont(font.getSize2D() - 1f);
                }
                LineMetrics metrics = font.getLineMetrics(count, Labels.MEASURE);
                g.setFont(font);
                g.setColor(Palette.textOn(fill));
                g.drawString(count, (float) (box.centreX() - Labels.width(count, font) / 2),
                        box.y() + (box.height() + metrics.getAscent() - metrics.getDescent()) / 2);
            }
        }
    }
}
