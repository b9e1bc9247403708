package dev.prepbot.readiness;

import java.util.Objects;

/**
 * Where the heatmap's cells fall in its image, known before drawing, so a test (or anything that
 * annotates the image) can find a cell. Row {@code r} is topic {@code r} of the data and column
 * {@code c} member {@code c}; an empty heatmap has no rows and no columns.
 *
 * @param othersGap extra space before the "others" column, 0 when there is none
 * @param hiddenTopics topics beyond the rows drawn, left out to keep the image readable
 */
public record HeatmapLayout(int width, int height, int rows, int columns, int gridX, int gridY,
                            int cellWidth, int cellHeight, int othersGap, int hiddenTopics) {

    public CellBox cell(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        int x = gridX + column * cellWidth + (column == columns - 1 ? othersGap : 0);
        return new CellBox(x, gridY + row * cellHeight, cellWidth, cellHeight);
    }

    /**
     * A cell's box. The colour fills it but for a one-pixel gap at each edge; the count is centred and
     * leaves at least {@link #PLAIN_MARGIN} pixels of plain colour at its left and right.
     */
    public record CellBox(int x, int y, int width, int height) {

        public static final int PLAIN_MARGIN = 6;

        public int centreX() {
            return x + width / 2;
        }

        public int centreY() {
            return y + height / 2;
        }
    }
}
