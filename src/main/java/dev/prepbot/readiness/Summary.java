package dev.prepbot.readiness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One line naming the team's weakest topics, such as
 * {@code "Weakest topics: networking 38% (52 answers), git 45% (20 answers)."}: the message sent with the
 * heatmap and the image's alt text, so a reader who cannot see the colours still gets its point.
 */
public final class Summary {

    /** Discord's limit on an attachment's description (its alt text); the message limit is larger. */
    public static final int MAX_LENGTH = 1024;

    /** Three topics are a study plan; more would be a list nobody reads. */
    static final int TOPICS = 3;

    private Summary() {
    }

    /** Only topics with at least {@link ReadinessData#ENOUGH_ANSWERS} answers are called weak. */
    public static String of(ReadinessData data) {
        if (data.isEmpty()) {
            return "No answers yet.";
        }
        record Total(String topic, Cell cell) {
        }
        List<Total> weakest = IntStream.range(0, data.topics().size())
                .mapToObj(t -> new Total(data.topics().get(t), data.topicTotal(t)))
                .filter(t -> t.cell().answered() >= ReadinessData.ENOUGH_ANSWERS)
                .sorted(Comparator.comparing(Total::cell, ReadinessData.WEAKEST_FIRST).thenComparing(Total::topic))
                .limit(TOPICS)
                .toList();
        if (weakest.isEmpty()) {
            return "Not enough answers yet to name a weakest topic: each needs at least "
                    + ReadinessData.ENOUGH_ANSWERS + ".";
        }
        List<String> parts = new ArrayList<>();
        for (Total t : weakest) {
            parts.add(Labels.orPlaceholder(Labels.clean(t.topic())) + " " + Labels.percent(t.cell().accuracy())
                    + " (" + t.cell().answered() + " answers)");
        }
        String line = (weakest.size() == 1 ? "Weakest topic: " : "Weakest topics: ") + String.join(", ", parts) + ".";
        return shorten(line);
    }

    private static String shorten(String line) {
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int end = MAX_LENGTH - Labels.ELLIPSIS.length();
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + Labels.ELLIPSIS;
    }
}
