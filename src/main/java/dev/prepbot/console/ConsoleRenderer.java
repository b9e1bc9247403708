package dev.prepbot.console;

import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Shows a reply as terminal text, in one of two forms. Plain text, for pipes, files and scripts: strong
 * words are wrapped in {@code **} (readable without colour), and nothing else marks the text. Styled
 * text, for a person at a terminal: the title, headings and strong words (such as matched search
 * words) in bold, colours where the {@link Look} allows them, and every paragraph wrapped between words
 * to the terminal's width. Either way every button and menu option gets a number the user can type.
 */
public final class ConsoleRenderer {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** Body text is indented under its heading, as in the plain form. */
    private static final String INDENT = "  ";
    private static final String CHOOSE = "(type a number to choose)";

    private final Clock clock;
    /** Where pictures (such as /readiness) are written, since a terminal cannot show them. */
    private final Path pictures;

    /** What a number typed after a reply does: press a button, or pick a menu option. */
    public record Choice(String label, String actionId, List<String> values) {
    }

    /**
     * How styled text looks: bold for the title, headings and strong words always; colours (a coloured
     * title and choice numbers, dimmed footers) only when {@code colour}, which a terminal without
     * colours or {@code NO_COLOR} turns off.
     */
    public record Look(boolean colour) {

        AttributedStyle title() {
            return colour ? AttributedStyle.BOLD.foreground(AttributedStyle.CYAN) : AttributedStyle.BOLD;
        }

        AttributedStyle strong() {
            return AttributedStyle.BOLD;
        }

        AttributedStyle number() {
            return colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN) : AttributedStyle.DEFAULT;
        }

        AttributedStyle quiet() {
            return colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK)
                    : AttributedStyle.DEFAULT;
        }

        /** Seconds left on a quiz question: yellow, and red for the last five. */
        AttributedStyle secondsLeft(long seconds) {
            return colour ? AttributedStyle.BOLD.foreground(seconds <= 5 ? AttributedStyle.RED : AttributedStyle.YELLOW)
                    : AttributedStyle.BOLD;
        }
    }

    /** A reply as styled lines that fit the width it was rendered for, and the choices it offers. */
    public record Styled(List<AttributedString> lines, List<Choice> choices) {
        public Styled {
            lines = List.copyOf(lines);
            choices = List.copyOf(choices);
        }
    }

    /** Countdowns are shown against the system clock; pictures go to the system's temporary folder. */
    public ConsoleRenderer() {
        this(Clock.systemUTC());
    }

    public ConsoleRenderer(Clock clock) {
        this(clock, Path.of(System.getProperty("java.io.tmpdir"), "prepbot"));
    }

    public ConsoleRenderer(Clock clock, Path pictures) {
        this.clock = clock;
        this.pictures = pictures;
    }

    /** Renders the reply as plain text and returns the numbered choices it offers, in order. */
    public List<Choice> render(Reply reply, StringBuilder out) {
        List<Choice> choices = choices(reply);
        switch (reply) {
            case Reply.Notice notice -> out.append(notice.text()).append('\n');
            case Reply.Form form -> out.append("== ").append(form.title()).append(" ==\n");
            case Reply.Picture picture -> {
                out.append(plain(picture.text())).append('\n');
                out.append(savePicture(picture)).append('\n');
            }
            case Reply.File file -> {
                out.append(plain(file.text())).append('\n');
                out.append(saveFile(file)).append('\n');
            }
            case Reply.Card card -> {
                out.append("== ").append(plain(card.title())).append(" ==\n");
                for (Reply.Section section : card.sections()) {
                    if (!section.heading().isEmpty()) {
                        out.append('\n').append(plain(section.heading())).append('\n');
                    }
                    if (!section.body().isEmpty()) {
                        for (String line : plain(section.body()).split("\n", -1)) {
                            out.append(INDENT).append(line).append('\n');
                        }
                    }
                }
                card.footer().ifPresent(f -> out.append('\n').append(plain(f)).append('\n'));
                if (!choices.isEmpty()) {
                    out.append('\n');
                    for (int i = 0; i < choices.size(); i++) {
                        out.append('[').append(i + 1).append("] ").append(choices.get(i).label()).append('\n');
                    }
                    out.append(CHOOSE).append('\n');
                }
            }
        }
        return choices;
    }

    /**
     * Renders the reply as styled lines of at most {@code width} columns, laid out as the plain form
     * is, without its {@code ==} and {@code **} marks, which bold replaces.
     */
    public Styled render(Reply reply, Look look, int width) {
        List<Choice> choices = choices(reply);
        List<AttributedString> lines = new ArrayList<>();
        switch (reply) {
            case Reply.Notice notice -> paragraphs(new AttributedString(notice.text()), width, lines);
            case Reply.Form form -> paragraphs(new AttributedString(form.title(), look.title()), width, lines);
            case Reply.Picture picture -> {
                paragraphs(styled(picture.text(), look, AttributedStyle.DEFAULT), width, lines);
                paragraphs(new AttributedString(savePicture(picture), look.quiet()), width, lines);
            }
            case Reply.File file -> {
                paragraphs(styled(file.text(), look, AttributedStyle.DEFAULT), width, lines);
                paragraphs(new AttributedString(saveFile(file), look.quiet()), width, lines);
            }
            case Reply.Card card -> {
                paragraphs(styled(card.title(), look, look.title()), width, lines);
                for (Reply.Section section : card.sections()) {
                    if (!section.heading().isEmpty()) {
                        lines.add(AttributedString.EMPTY);
                        paragraphs(heading(section.heading(), look), width, lines);
                    }
                    if (!section.body().isEmpty()) {
                        AttributedString body = styled(section.body(), look, AttributedStyle.DEFAULT);
                        for (AttributedString line : split(body)) {
                            lines.addAll(Wrap.lines(AttributedString.join(AttributedString.EMPTY,
                                    new AttributedString(INDENT), line), width));
                        }
                    }
                }
                card.footer().ifPresent(f -> {
                    lines.add(AttributedString.EMPTY);
                    paragraphs(styled(f, look, look.quiet()), width, lines);
                });
                if (!choices.isEmpty()) {
                    lines.add(AttributedString.EMPTY);
                    for (int i = 0; i < choices.size(); i++) {
                        AttributedString choice = new AttributedStringBuilder()
                                .styled(look.number(), "[" + (i + 1) + "]").append(' ').append(choices.get(i).label())
                                .toAttributedString();
                        lines.addAll(Wrap.lines(choice, width));
                    }
                    lines.addAll(Wrap.lines(new AttributedString(CHOOSE, look.quiet()), width));
                }
            }
        }
        return new Styled(lines, choices);
    }

    /** The reply's buttons that can still be pressed, then its menu's options, as numbered choices. */
    private static List<Choice> choices(Reply reply) {
        List<Choice> choices = new ArrayList<>();
        if (reply instanceof Reply.Card card) {
            for (Reply.Button button : card.buttons()) {
                if (!button.disabled()) {
                    choices.add(new Choice(button.label(), button.actionId(), List.of()));
                }
            }
            card.menu().ifPresent(menu -> menu.options().forEach(o ->
                    choices.add(new Choice("Open: " + o.label(), menu.actionId(), List.of(o.value())))));
        }
        return choices;
    }

    /**
     * A heading in bold, or, when it has strong words of its own (a search result's matched words), with
     * just those in bold, so they stand out as they do on Discord.
     */
    private AttributedString heading(Text heading, Look look) {
        return heading.hasStrong() ? styled(heading, look, AttributedStyle.DEFAULT) : styled(heading, look, look.strong());
    }

    /** The text in the given style, its strong words in bold. */
    private AttributedString styled(Text text, Look look, AttributedStyle style) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        for (Text.Span span : text.spans()) {
            switch (span) {
                case Text.Words words -> out.styled(words.strong() ? style.bold() : style, words.text());
                case Text.Countdown countdown -> out.styled(style, countdown(countdown));
                case Text.ChannelLink channel -> out.styled(style, "#" + channel.channelId());
            }
        }
        return out.toAttributedString();
    }

    private static void paragraphs(AttributedString text, int width, List<AttributedString> lines) {
        for (AttributedString line : split(text)) {
            lines.addAll(Wrap.lines(line, width));
        }
    }

    /** The text's lines, split at its newlines. */
    private static List<AttributedString> split(AttributedString text) {
        List<AttributedString> lines = new ArrayList<>();
        String plain = text.toString();
        int start = 0;
        for (int nl = plain.indexOf('\n'); nl >= 0; nl = plain.indexOf('\n', start)) {
            lines.add(text.subSequence(start, nl));
            start = nl + 1;
        }
        lines.add(text.subSequence(start, plain.length()));
        return lines;
    }

    /** The console cannot show a picture: it writes the PNG to the pictures folder and says where. */
    private String savePicture(Reply.Picture picture) {
        try {
            Files.createDirectories(pictures);
            String name = picture.fileName().replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.png$", "");
            Path file = Files.createTempFile(pictures, name + "-", ".png");
            Files.write(file, picture.png());
            return "Picture written to " + file.toAbsolutePath() + " (" + picture.description() + ")";
        } catch (IOException e) {
            return "Could not write the picture: " + e.getMessage();
        }
    }

    /** A file goes beside the pictures, under a name of its own. */
    private String saveFile(Reply.File reply) {
        try {
            Files.createDirectories(pictures);
            String name = reply.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
            int dot = name.lastIndexOf('.');
            Path file = Files.createTempFile(pictures, (dot > 0 ? name.substring(0, dot) : name) + "-",
                    dot > 0 ? name.substring(dot) : "");
            Files.write(file, reply.content());
            return "File written to " + file.toAbsolutePath();
        } catch (IOException e) {
            return "Could not write the file: " + e.getMessage();
        }
    }

    /** The text as plain terminal text: strong words between {@code **}. */
    public String plain(Text text) {
        StringBuilder out = new StringBuilder();
        for (Text.Span span : text.spans()) {
            switch (span) {
                case Text.Words words -> out.append(words.strong() ? "**" + words.text() + "**" : words.text());
                case Text.Countdown countdown -> out.append(countdown(countdown));
                case Text.ChannelLink channel -> out.append('#').append(channel.channelId());
            }
        }
        return out.toString();
    }

    /** A countdown as the seconds left when it is shown, and the moment it ends. */
    private String countdown(Text.Countdown countdown) {
        long seconds = Math.max(0, Duration.between(clock.instant(), countdown.at()).toSeconds());
        return "in " + seconds + " s (at " + CLOCK.format(countdown.at()) + ")";
    }

    /** Plain text, with countdowns against the system clock, for the command line's one-off output. */
    public static String text(Text text) {
        return new ConsoleRenderer().plain(text);
    }
}
