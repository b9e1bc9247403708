package dev.prepbot.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeatmapRendererTest {

    private final HeatmapRenderer renderer = new HeatmapRenderer();

    @Test
    void rendersAPngOfTheLaidOutSize() {
        ReadinessData data = ReadinessData.from(Teams.random(6, 16, 1));

        BufferedImage image = Pngs.decode(renderer.render(data));
        HeatmapLayout layout = renderer.layout(data);

        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        assertEquals(16, layout.rows());
        assertEquals(6, layout.columns());
    }

    @Test
    void otherSignalsAreDrawnAsNotesUnderTheLegend() {
        ReadinessData data = ReadinessData.from(Teams.random(6, 16, 1));
        BufferedImage plain = Pngs.decode(renderer.render(data, "Readiness"));
        BufferedImage noted = Pngs.decode(renderer.render(data, "Readiness",
                List.of("Mock interviews: 4 rounds scored, 3.8 of 5 on average")));
        assertEquals(plain.getWidth(), noted.getWidth());
        assertEquals(plain.getHeight() + 28, noted.getHeight(), "one line and a gap more");
        int inked = 0;
        for (int y = plain.getHeight() - 20; y < noted.getHeight(); y++) {
            for (int x = 0; x < noted.getWidth(); x++) {
                if ((noted.getRGB(x, y) & 0xFFFFFF) != (noted.getRGB(0, noted.getHeight() - 1) & 0xFFFFFF)) {
                    inked++;
                }
            }
        }
        assertTrue(inked > 200, "the note is drawn: " + inked + " pixels");
    }

    @Test
    void sixteenMembersByThirtyTopicsFitInSixteenHundredByTwelveHundred() {
        List<Tally> tallies = Teams.renamed(Teams.random(16, 30, 2),
                IntStream.range(0, 16).mapToObj(m -> "A rather long display name, number " + m).toList());
        ReadinessData data = ReadinessData.from(tallies);

        byte[] png = renderer.render(data);
        BufferedImage image = Pngs.decode(png);

        assertEquals(30, renderer.layout(data).rows());
        assertTrue(image.getWidth() <= 1600 && image.getHeight() <= 1200, image.getWidth() + "×" + image.getHeight());
        assertTrue(png.length < 1_000_000, png.length + " bytes");
    }

    @Test
    void weakestTopicIsTheWarmestColour() {
        List<Tally> tallies = new ArrayList<>();
        String[] topics = {"strong", "good", "middling", "weak"};
        int[][] right = {{10, 9, 9}, {7, 8, 7}, {5, 6, 4}, {1, 2, 0}};
        for (int t = 0; t < topics.length; t++) {
            for (int m = 0; m < 3; m++) {
                tallies.add(new Tally("id" + m, "member " + m, topics[t], right[t][m], 10));
            }
        }
        ReadinessData data = ReadinessData.from(tallies);
        HeatmapLayout layout = renderer.layout(data);
        BufferedImage image = Pngs.decode(renderer.render(data));

        assertEquals(List.of("weak", "middling", "good", "strong"), data.topics());
        int coolestWeak = Integer.MAX_VALUE;
        int warmestOther = Integer.MIN_VALUE;
        for (int r = 0; r < layout.rows(); r++) {
            for (int c = 0; c < layout.columns(); c++) {
                int[] p = Pngs.plainPoint(layout.cell(r, c));
                int warmth = Pngs.warmth(image, p[0], p[1]);
                if (r == 0) {
                    coolestWeak = Math.min(coolestWeak, warmth);
                } else {
                    warmestOther = Math.max(warmestOther, warmth);
                }
            }
        }
        assertTrue(coolestWeak > warmestOther, "weakest row " + coolestWeak + " vs others " + warmestOther);
        assertTrue(coolestWeak > 100, "the weakest topic is red, not just warmer: " + coolestWeak);
        int[] strong = Pngs.plainPoint(layout.cell(3, 0));
        assertTrue(Pngs.warmth(image, strong[0], strong[1]) < -50, "the strongest topic is green");
    }

    @Test
    void cellsWithNoAnswersAreGreyAndEmpty() {
        ReadinessData data = ReadinessData.from(List.of(
                new Tally("a", "Ada", "git", 3, 9),
                new Tally("a", "Ada", "web", 3, 6),
                new Tally("b", "Bob", "git", 1, 2)));
        HeatmapLayout layout = renderer.layout(data);
        BufferedImage image = Pngs.decode(renderer.render(data));
        int web = data.topics().indexOf("web");
        HeatmapLayout.CellBox bobOnWeb = layout.cell(web, data.members().indexOf("Bob"));

        int colour = Pngs.plainColour(image, bobOnWeb);
        int r = colour >> 16 & 0xFF;
        int g = colour >> 8 & 0xFF;
        int b = colour & 0xFF;
        assertTrue(r == g && g == b, "neutral grey: " + Integer.toHexString(colour));
        for (int x = bobOnWeb.x() + 4; x < bobOnWeb.x() + bobOnWeb.width() - 4; x++) {
            assertEquals(colour, image.getRGB(x, bobOnWeb.centreY()) & 0xFFFFFF, "no text in an empty cell");
        }
    }

    @Test
    void noAnswersRendersAClearNoAnswersYetImage() {
        HeatmapLayout layout = renderer.layout(ReadinessData.empty());
        BufferedImage image = Pngs.decode(renderer.render(ReadinessData.from(List.of(), Teams.topics(16))));

        assertEquals(0, layout.rows());
        assertEquals(0, layout.columns());
        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        // The headline is big bright text across the middle of the card.
        int bright = 0;
        for (int y = 120; y < 160; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) > 200) {
                    bright++;
                }
            }
        }
        assertTrue(bright > 500, bright + " bright pixels");
    }

    @Test
    void aThousandMembersByThirtyTopicsDrawTheFifteenMostActiveAndOthersUnderOneMegabyte() {
        ReadinessData data = ReadinessData.from(Teams.random(1_000, 30, 3));

        byte[] png = renderer.render(data);
        BufferedImage image = Pngs.decode(png);
        HeatmapLayout layout = renderer.layout(data);

        assertEquals(16, layout.columns());
        assertEquals("others (985)", data.members().getLast());
        assertTrue(png.length < 1_000_000, png.length + " bytes");
        assertTrue(image.getWidth() <= 1600 && image.getHeight() <= 1200, image.getWidth() + "×" + image.getHeight());
    }

    @Test
    void manyTopicsGetSmallerRowsAndTheStrongestAreLeftOut() {
        ReadinessData data = ReadinessData.from(Teams.random(4, 200, 4));

        HeatmapLayout layout = renderer.layout(data);
        BufferedImage image = Pngs.decode(renderer.render(data));

        assertEquals(HeatmapRenderer.MAX_ROWS, layout.rows());
        assertEquals(140, layout.hiddenTopics());
        assertEquals(layout.height(), image.getHeight());
        assertTrue(layout.height() <= 1400, layout.height() + " pixels tall");
    }

    @Test
    void hostileNamesDoNotDisturbTheGrid() {
        List<String> hostile = List.of(
                "x".repeat(10_000),
                "👩‍👩‍👧‍👦🚀🔥".repeat(40),
                "مرحبا بالعالم، هذا اسم طويل جدا جدا",
                "\u202Eevil\u202C name",
                "@everyone",
                "<@&123> @here",
                "Z" + "\u0336\u0353\u0344\u0489".repeat(60) + "algo",
                "line\nbreak\ttab",
                "",
                "   ",
                "\uD800lone",
                "𝕳𝖔𝖘𝖙𝖎𝖑𝖊 𝖓𝖆𝖒𝖊",
                "中文名字很长很长很长很长很长很长很长",
                "**bold** `code` ||spoiler||",
                "\u0000\u0007\u001B[31m",
                "Ada");
        List<String> plain = IntStream.range(0, hostile.size()).mapToObj(m -> "member " + m).toList();
        List<Tally> tallies = Teams.random(hostile.size(), 12, 6);
        ReadinessData rough = ReadinessData.from(Teams.renamed(tallies, hostile));
        ReadinessData calm = ReadinessData.from(Teams.renamed(tallies, plain));

        HeatmapLayout roughLayout = renderer.layout(rough);
        HeatmapLayout calmLayout = renderer.layout(calm);
        BufferedImage roughImage = Pngs.decode(renderer.render(rough));
        BufferedImage calmImage = Pngs.decode(renderer.render(calm));

        assertEquals(calmLayout.gridX(), roughLayout.gridX());
        assertEquals(calmLayout.columns(), roughLayout.columns());
        assertTrue(roughImage.getWidth() <= 1600 && roughImage.getHeight() <= 1200);
        // Topic labels, team accuracies, cells and legend: pixel for pixel what plain names give.
        int right = calmLayout.cell(0, calmLayout.columns() - 1).x() + calmLayout.cellWidth();
        int height = calmLayout.rows() * calmLayout.cellHeight() + 60;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < right; x++) {
                int calmPixel = calmImage.getRGB(x, calmLayout.gridY() + y);
                int roughPixel = roughImage.getRGB(x, roughLayout.gridY() + y);
                if (calmPixel != roughPixel) {
                    throw new AssertionError("grid differs at " + x + "," + y + " below its top");
                }
            }
        }
    }
}
