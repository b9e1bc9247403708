package dev.prepbot.readiness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Reading rendered images back, as Discord would receive them. */
final class Pngs {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private Pngs() {
    }

    /** Checks the PNG signature, then decodes. */
    static BufferedImage decode(byte[] png) {
        assertArrayEquals(SIGNATURE, Arrays.copyOf(png, SIGNATURE.length), "PNG signature");
        try {
            BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "ImageIO could not read it back");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How much redder than green a pixel is: higher is warmer on the accuracy scale. */
    static int warmth(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return ((rgb >> 16) & 0xFF) - ((rgb >> 8) & 0xFF);
    }

    /** A point in the cell's plain colour, left of its centred count. */
    static int[] plainPoint(HeatmapLayout.CellBox box) {
        return new int[] {box.x() + 1 + HeatmapLayout.CellBox.PLAIN_MARGIN / 2, box.centreY()};
    }

    static int plainColour(BufferedImage image, HeatmapLayout.CellBox box) {
        int[] p = plainPoint(box);
        return image.getRGB(p[0], p[1]) & 0xFFFFFF;
    }
}
