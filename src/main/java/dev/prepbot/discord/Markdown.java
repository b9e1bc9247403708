package dev.prepbot.discord;

import dev.prepbot.commands.Text;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns reply text into Discord markdown that shows exactly the text: bank or user text cannot open
 * bold, spoilers, quotes, headings or masked links. Complete {@code `code`} spans on one line are kept,
 * since bank text uses them for identifiers.
 *
 * <p>Written by hand on purpose: JDA's {@code MarkdownSanitizer} escapes only complete regions, so a
 * lone {@code *} or backtick passes through, and a message assembled from several texts (a title, a
 * query, a bank section) could pair two lone marks from different texts into formatting. Escaping
 * every mark character is the only rule that holds for any combination.
 */
final class Markdown {

    private static final Pattern CODE = Pattern.compile("`[^`\\n]+`");
    private static final String MARKS = "\\*_~`|[]<";
    private static final Pattern LINE_START_MARK = Pattern.compile("(?m)^([ \\t]*)([#>-])");

    private Markdown() {
    }

    static String render(Text text) {
        StringBuilder out = new StringBuilder();
        for (Text.Span span : text.spans()) {
            switch (span) {
                case Text.Words words -> {
                    String escaped = escape(words.text());
                    out.append(words.strong() && !escaped.isBlank() ? "**" + escaped + "**" : escaped);
                }
                // Discord's relative timestamp counts down in every client without the bot editing anything.
                case Text.Countdown countdown -> out.append("<t:").append(countdown.at().getEpochSecond()).append(":R>");
                case Text.ChannelLink channel -> out.append("<#").append(channel.channelId().replaceAll("\\D", "")).append('>');
            }
        }
        return out.toString();
    }

    /** Escapes every markdown mark, keeping whole one-line code spans as they are. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher code = CODE.matcher(text);
        int at = 0;
        while (code.find()) {
            escapePlain(text.substring(at, code.start()), out);
            out.append(code.group());
            at = code.end();
        }
        escapePlain(text.substring(at), out);
        return LINE_START_MARK.matcher(out).replaceAll("$1\\\\$2");
    }

    private static void escapePlain(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MARKS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
