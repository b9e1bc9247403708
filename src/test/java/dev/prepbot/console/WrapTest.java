package dev.prepbot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WrapTest {

    private static final String PARAGRAPH = "  Leader election picks one node to coordinate the others, usually through a "
            + "lease held in a consensus store such as etcd or ZooKeeper; split brain happens when two nodes both "
            + "believe they lead, so every write carries a fencing token that storage checks before accepting it.";

    private static List<String> wrap(String line, int width) {
        return Wrap.lines(new AttributedString(line), width).stream().map(AttributedString::toString).toList();
    }

    private static String words(List<String> lines) {
        return String.join(" ", lines).strip().replaceAll(" +", " ");
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 37, 60, 80, 110})
    void aParagraphBreaksOnlyBetweenWordsAndNoLineIsWiderThanTheTerminal(int width) {
        List<String> lines = wrap(PARAGRAPH, width);
        for (String line : lines) {
            assertTrue(line.length() <= width, width + ": " + line);
            assertTrue(line.startsWith("  "), "continuation lines keep the indent: " + line);
            assertTrue(!line.endsWith(" "), "no space is left at a break: [" + line + "]");
        }
        assertEquals(words(List.of(PARAGRAPH)), words(lines), "every word is kept whole and in order");
        assertTrue(lines.size() > 1 || PARAGRAPH.length() <= width);
    }

    @Test
    void aLineThatFitsIsLeftAsItIs() {
        assertEquals(List.of("  It is about tcp-handshake."), wrap("  It is about tcp-handshake.", 40));
        assertEquals(List.of(""), wrap("", 40));
    }

    @Test
    void aWordWiderThanTheLineIsCutAtTheEdgeAndOnlyThen() {
        String word = "Supercalifragilisticexpialidocious";
        assertEquals(List.of("a", "Supercalif", "ragilistic", "expialidoc", "ious end"), wrap("a " + word + " end", 10));
        assertEquals(List.of("a", word, "end"), wrap("a " + word + " end", word.length()),
                "a word as wide as the line moves to a line of its own, whole");
    }

    @Test
    void aUrlStaysWholeUnlessItIsWiderThanTheLine() {
        String url = "https://raft.github.io/raft.pdf?section=leader-election";
        List<String> lines = wrap("Read the paper at " + url + " for the details of terms and votes.", 60);
        assertEquals(List.of("Read the paper at", url + " for", "the details of terms and votes."), lines);
        List<String> narrow = wrap("See " + url + " now", 30);
        assertEquals(List.of("See", url.substring(0, 30), url.substring(30) + " now"), narrow,
                "wider than the line, it starts a line of its own and is cut at the edge");
    }

    @Test
    void hyphenatedWordsAreNotBrokenAtTheirHyphens() {
        List<String> lines = wrap("open system-design-leader-election and distributed-systems-quorum-reads-writes", 45);
        assertEquals(List.of("open system-design-leader-election and", "distributed-systems-quorum-reads-writes"), lines);
    }

    @Test
    void aListItemsContinuationLinesAlignUnderItsText() {
        assertEquals(List.of("  - Trusting a lease without a", "    fencing token."),
                wrap("  - Trusting a lease without a fencing token.", 30));
        assertEquals(List.of("[2] Open: How does leader", "    election work?"), wrap("[2] Open: How does leader election work?", 26));
        assertEquals(List.of("A) One leader per term,", "   elected by a majority."), wrap("A) One leader per term, elected by a majority.", 26));
    }

    @Test
    void boldWordsStayBoldOnWhicheverLineTheyLand() {
        AttributedString line = new AttributedStringBuilder().append("1. How does ")
                .styled(AttributedStyle.BOLD, "leader election").append(" work in a distributed system?")
                .toAttributedString();
        List<AttributedString> lines = Wrap.lines(line, 20);
        assertEquals(List.of("1. How does leader", "   election work in", "   a distributed", "   system?"),
                lines.stream().map(AttributedString::toString).toList());
        assertEquals(AttributedStyle.BOLD, lines.get(0).styleAt("1. How does ".length()));
        assertEquals(AttributedStyle.BOLD, lines.get(1).styleAt(3));
        assertEquals(AttributedStyle.DEFAULT, lines.get(1).styleAt("   election ".length()));
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        List<String> lines = wrap("✅ B) A majority of nodes grants the vote", 12);
        for (String line : lines) {
            assertTrue(new AttributedString(line).columnLength() <= 12, line);
        }
        assertEquals("✅ B) A", lines.get(0));
    }
}
