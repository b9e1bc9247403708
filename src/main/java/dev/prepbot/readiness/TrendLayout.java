package dev.prepbot.readiness;

import java.util.List;

/**
 * Where {@link MemberTrendRenderer} puts each topic's panel, known before drawing. Panels come weakest
 * topic first, left to right and then down; an empty chart has none.
 *
 * @param hiddenTopics topics answered in the weeks shown that got no panel
 */
public record TrendLayout(int width, int height, List<Panel> panels, int hiddenTopics) {

    public TrendLayout {
        panels = List.copyOf(panels);
    }

    /** One topic's bar chart. */
    public record Panel(String topic, int x, int y, int width, int height) {
    }
}
