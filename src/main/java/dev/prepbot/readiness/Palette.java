package dev.prepbot.readiness;

import java.awt.Color;

/**
 * The colours both images share.
 *
 * <p>The card is an opaque dark neutral. A transparent image would lose its text against one of
 * Discord's themes; an opaque card carries its own contrast into both. Dark rather than white because
 * most of Discord reads in the dark theme, where a white card glares, and because the scale's light
 * middle (yellow) would barely stand apart from white. On the light theme the dark card reads as a
 * framed picture. Text is near-white (about 16:1 on the card) or a muted grey (about 8:1).
 */
final class Palette {

    static final Color CARD = new Color(0x1B1E24);
    static final Color BORDER = new Color(0x3A3F4A);
    static final Color PANEL = new Color(0x262A33);
    static final Color GRID_LINE = new Color(0x3A3F4A);
    static final Color TEXT = new Color(0xF2F3F5);
    static final Color MUTED = new Color(0xA6ACB8);
    /** No answers: a grey with no hue, lighter than the card, darker than any colour of the scale. */
    static final Color NO_ANSWERS = new Color(0x505050);

    private static final Color DARK_TEXT = new Color(0x111318);

    // ColorBrewer's RdYlGn red and yellow, the green end pulled towards teal: red and a plain green look
    // alike to red-green colour-blind readers, red and teal do not. Each step from low to high loses
    // red relative to green, so the weakest accuracy is always the warmest colour.
    private static final Color LOW = new Color(0xD7301F);
    private static final Color MIDDLE = new Color(0xFDD55C);
    private static final Color HIGH = new Color(0x1A9E77);

    private Palette() {
    }

    /** The colour of an accuracy from 0 (red) through 0.5 (yellow) to 1 (teal green); outside 0 to 1 is clamped. */
    static Color accuracy(double accuracy) {
        double a = Double.isNaN(accuracy) ? 0 : Math.clamp(accuracy, 0.0, 1.0);
        return a < 0.5 ? mix(LOW, MIDDLE, a * 2) : mix(MIDDLE, HIGH, (a - 0.5) * 2);
    }

    /** Near-black or white, whichever contrasts more with the background (WCAG contrast ratio). */
    static Color textOn(Color background) {
        double l = luminance(background);
        double withWhite = 1.05 / (l + 0.05);
        double withDark = (l + 0.05) / (luminance(DARK_TEXT) + 0.05);
        return withWhite >= withDark ? Color.WHITE : DARK_TEXT;
    }

    private static Color mix(Color from, Color to, double t) {
        return new Color(
                (int) Math.round(from.getRed() + (to.getRed() - from.getRed()) * t),
                (int) Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * t),
                (int) Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * t));
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double s = channel / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
