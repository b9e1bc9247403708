package dev.prepbot.console;

import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows a reply as plain terminal text. Strong words are wrapped in {@code **} (readable without
 * colour, and in a pipe), and every button and menu option gets a number the user can type.
 */
public final class ConsoleRenderer {

    /** Where pictures (such as /readiness) are written. */
    private final java.nio.file.Path pictures;

    public ConsoleRenderer() {
        this(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "prepbot"));
    }

    public ConsoleRenderer(java.nio.file.Path pictures) {
        this.pictures = pictures;
    }

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    /** What a number typed after a reply does: press a button, or pick a menu option. */
    public record Choice(String label, String actionId, List<String> values) {
    }

    /** Renders the reply and returns the numbered choices it offers, in order. */
    public List<Choice> render(Reply reply, StringBuilder out) {
        List<Choice> choices = new ArrayList<>();
        switch (reply) {
            case Reply.Notice notice -> out.append(notice.text()).append('\n');
            case Reply.Form form -> out.append("== ").append(form.title()).append(" ==\n");
            case Reply.Picture picture -> {
                out.append(text(picture.text())).append('\n');
                out.append(savePicture(picture)).append('\n');
            }
            case Reply.Card card -> {
                out.append("== ").append(text(card.title())).append(" ==\n");
                for (Reply.Section section : card.sections()) {
                    if (!section.heading().isEmpty()) {
                        out.append('\n').append(text(section.heading())).append('\n');
                    }
                    if (!section.body().isEmpty()) {
                        for (String line : text(section.body()).split("\n", -1)) {
                            out.append("  ").append(line).append('\n');
                        }
                    }
                }
                card.footer().ifPresent(f -> out.append('\n').append(text(f)).append('\n'));
                for (Reply.Button button : card.buttons()) {
                    if (!button.disabled()) {
                        choices.add(new Choice(button.label(), button.actionId(), List.of()));
                    }
                }
                card.menu().ifPresent(menu -> menu.options().forEach(o ->
                        choices.add(new Choice("Open: " + o.label(), menu.actionId(), List.of(o.value())))));
                if (!choices.isEmpty()) {
                    out.append('\n');
                    for (int i = 0; i < choices.size(); i++) {
                        out.append('[').append(i + 1).append("] ").append(choices.get(i).label()).append('\n');
                    }
                    out.append("(type a number to choose)\n");
                }
            }
        }
        return choices;
    }

    /** The console cannot show a picture: it writes the PNG to the pictures folder and says where. */
    private String savePicture(Reply.Picture picture) {
        try {
            java.nio.file.Files.createDirectories(pictures);
            String safe = picture.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
            java.nio.file.Path file = java.nio.file.Files.createTempFile(pictures, safe.replaceAll("\\.png$", "") + "-", ".png");
            java.nio.file.Files.write(file, picture.png());
            return "Picture written to " + file.toAbsolutePath() + " (" + picture.description() + ")";
        } catch (java.io.IOException e) {
            return "Could not write the picture: " + e.getMessage();
        }
    }

    public static String text(Text text) {
        StringBuilder out = new StringBuilder();
        for (Text.Span span : text.spans()) {
            switch (span) {
                case Text.Words words -> out.append(words.strong() ? "**" + words.text() + "**" : words.text());
                case Text.Countdown countdown -> {
                    long seconds = Math.max(0, java.time.Duration.between(java.time.Instant.now(), countdown.at()).toSeconds());
                    out.append("in ").append(seconds).append(" s (at ").append(CLOCK.format(countdown.at())).append(')');
                }
                case Text.ChannelLink channel -> out.append('#').append(channel.channelId());
            }
        }
        return out.toString();
    }
}
