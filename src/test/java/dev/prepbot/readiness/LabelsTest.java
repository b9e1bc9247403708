package dev.prepbot.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import org.junit.jupiter.api.Test;

class LabelsTest {

    private static final Font FONT = Canvas.font(Font.PLAIN, 13f);

    @Test
    void cleaningLeavesOneLineWithoutControlsOrBidiOverrides() {
        assertEquals("Ada Lovelace", Labels.clean("  Ada\n\tLovelace\u0007 "));
        assertEquals("evil name", Labels.clean("\u202Eevil\u202C name"));
        assertEquals("lone", Labels.clean("\uD800lone"));
        assertEquals("שלום", Labels.clean("שלום"));
        assertEquals("", Labels.clean(null));
    }

    @Test
    void fittingCutsBetweenWholeCharactersAsReadersSeeThem() {
        String family = "👩‍👩‍👧‍👦";
        String fitted = Labels.fit(family.repeat(100), FONT, 80);

        assertTrue(fitted.endsWith(Labels.ELLIPSIS));
        String kept = fitted.substring(0, fitted.length() - 1);
        assertEquals(0, kept.length() % family.length(), "a family emoji was split: " + kept);
        assertTrue(Labels.width(fitted, FONT) <= 80);
    }

    @Test
    void aLabelThatFitsIsLeftAlone() {
        assertEquals("git", Labels.fit("git", FONT, 80));
        assertEquals(Labels.ELLIPSIS, Labels.fit("W".repeat(50), FONT, 1));
    }

    @Test
    void countsFitInFiveCharacters() {
        assertEquals("9999", Labels.compact(9_999));
        assertEquals("12.3k", Labels.compact(12_345));
        assertEquals("99.9k", Labels.compact(99_999));
        assertEquals("123k", Labels.compact(123_456));
        assertEquals("1.2M", Labels.compact(1_234_567));
        assertEquals("2147M", Labels.compact(Integer.MAX_VALUE));
    }
}
