package dev.prepbot.readiness;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.RoundRectangle2D;

/** The colour scale with 0%, 50% and 100% marked, and optionally what grey means. */
final class Legend {

    static final int HEIGHT = 46;

    private static final int BAR_WIDTH = 220;
    private static final int BAR_HEIGHT = 12;
    private static final int SWATCH = 14;
    private static final int GAP = 28;
    private static final Font CAPTION = Canvas.font(Font.PLAIN, 12f);
    private static final Font TICK = Canvas.font(Font.PLAIN, 11f);
    private static final String SCALE_CAPTION = "Accuracy: weakest red, strongest green";
    private static final String NO_ANSWERS = "grey: no answers yet";

    private Legend() {
    }

    static int width(boolean withNoAnswers) {
        int scale = (int) Math.ceil(Math.max(BAR_WIDTH, Labels.width(SCALE_CAPTION, CAPTION)));
        return withNoAnswers ? scale + GAP + SWATCH + 6 + (int) Math.ceil(Labels.width(NO_ANSWERS, CAPTION)) : scale;
    }

    /** Draws the legend with its top-left corner at (x, y), {@link #HEIGHT} pixels tall. */
    static void draw(Graphics2D g, int x, int y, boolean withNoAnswers) {
        g.setFont(CAPTION);
        g.setColor(Palette.MUTED);
        g.drawString(SCALE_CAPTION, x, y + 12);
        int barY = y + 18;
        for (int i = 0; i < BAR_WIDTH; i++) {
            g.setColor(Palette.accuracy(i / (double) (BAR_WIDTH - 1)));
            g.fillRect(x + i, barY, 1, BAR_HEIGHT);
        }
        g.setFont(TICK);
        g.setColor(Palette.MUTED);
        int tickY = barY + BAR_HEIGHT + 13;
        g.drawString("0%", x, tickY);
        drawCentred(g, "50%", x + BAR_WIDTH / 2f, tickY);
        g.drawString("100%", (float) (x + BAR_WIDTH - Labels.width("100%", TICK)), tickY);
        if (withNoAnswers) {
            int swatchX = x + width(false) + GAP;
            g.setColor(Palette.NO_ANSWERS);
            g.fill(new RoundRectangle2D.Float(swatchX, barY - 1, SWATCH, SWATCH, 5, 5));
            g.setFont(CAPTION);
            g.setColor(Palette.MUTED);
            g.drawString(NO_ANSWERS, swatchX + SWATCH + 6, barY + 11);
        }
    }

    private static void drawCentred(Graphics2D g, String text, float centreX, float baseline) {
        g.drawString(text, (float) (centreX - Labels.width(text, g.getFont()) / 2), baseline);
    }

    /** The note under a picture that leaves topics out, in the font the picture uses for small text. */
    static void drawHiddenTopics(java.awt.Graphics2D g, java.awt.Font font, int hidden, int x, int y) {
        if (hidden <= 0) {
            return;
        }
        g.setFont(font);
        g.setColor(Palette.MUTED);
        g.drawString(hidden == 1
                ? "One more topic, among the strongest or least answered, is not shown."
                : hidden + " more topics, the strongest or least answered, are not shown.", x, y);
    }
}
