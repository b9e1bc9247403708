package dev.prepbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What Discord refuses in a message or an autocomplete answer, as sentences naming the broken limit. */
final class Limits {

    private static final Pattern PING = Pattern.compile("@everyone|@here|<@!?\\d+>|<@&\\d+>");

    private Limits() {
    }

    /** Problems with a message payload; {@code creating} messages must not be empty. */
    static List<String> message(JsonNode data, boolean creating) {
        List<String> problems = new ArrayList<>();
        String content = data.path("content").asText("");
        if (content.length() > 2_000) {
            problems.add("content is " + content.length() + " characters (max 2000)");
        }
        JsonNode embeds = data.path("embeds");
        if (embeds.size() > 10) {
            problems.add(embeds.size() + " embeds (max 10)");
        }
        int total = 0;
        for (JsonNode embed : embeds) {
            total += check(problems, "embed title", embed.path("title").asText(""), 256);
            total += check(problems, "embed description", embed.path("description").asText(""), 4_096);
            total += check(problems, "embed footer", embed.path("footer").path("text").asText(""), 2_048);
            total += check(problems, "embed author", embed.path("author").path("name").asText(""), 256);
            if (embed.path("fields").size() > 25) {
                problems.add(embed.path("fields").size() + " embed fields (max 25)");
            }
            for (JsonNode field : embed.path("fields")) {
                total += check(problems, "field name", field.path("name").asText(""), 256);
                total += check(problems, "field value", field.path("value").asText(""), 1_024);
            }
        }
        if (total > 6_000) {
            problems.add("embeds total " + total + " characters (max 6000)");
        }
        JsonNode rows = data.path("components");
        if (rows.size() > 5) {
            problems.add(rows.size() + " action rows (max 5)");
        }
        for (JsonNode row : rows) {
            JsonNode children = row.path("components");
            if (children.size() > 5) {
                problems.add(children.size() + " components in a row (max 5)");
            }
            for (JsonNode c : children) {
                check(problems, "custom_id", c.path("custom_id").asText(""), 100);
                check(problems, "button label", c.path("label").asText(""), 80);
                check(problems, "placeholder", c.path("placeholder").asText(""), 150);
                if (c.path("options").size() > 25) {
                    problems.add(c.path("options").size() + " select options (max 25)");
                }
                for (JsonNode o : c.path("options")) {
                    check(problems, "option label", o.path("label").asText(""), 100);
                    check(problems, "option value", o.path("value").asText(""), 100);
                    check(problems, "option description", o.path("description").asText(""), 100);
                }
            }
        }
        for (JsonNode file : data.path("attachments")) {
            if (file.path("size").asLong() > 10L * 1024 * 1024) {
                problems.add("attachment " + file.path("filename").asText() + " is over 10 MiB");
            }
            check(problems, "attachment description", file.path("description").asText(""), 1_024);
        }
        if (creating && content.isEmpty() && embeds.isEmpty() && rows.isEmpty() && data.path("attachments").isEmpty()) {
            problems.add("cannot send an empty message");
        }
        return problems;
    }

    /** Problems with an autocomplete result. */
    /** A modal: custom_id 100, title 45, one to five labelled text inputs within their own limits. */
    static List<String> modal(JsonNode data) {
        List<String> problems = new ArrayList<>();
        if (data.path("custom_id").asText("").isEmpty() || data.path("custom_id").asText().length() > 100) {
            problems.add("modal custom_id missing or over 100 characters");
        }
        String title = data.path("title").asText("");
        if (title.isEmpty() || title.length() > 45) {
            problems.add("modal title is " + title.length() + " characters (1-45)");
        }
        JsonNode components = data.path("components");
        if (components.size() < 1 || components.size() > 5) {
            problems.add("modal has " + components.size() + " components (1-5)");
        }
        for (JsonNode label : components) {
            JsonNode input = label.path("component");
            if (label.path("type").asInt() != 18 || input.path("type").asInt() != 4) {
                problems.add("modal component is not a label around a text input: " + label);
                continue;
            }
            if (label.path("label").asText("").length() > 45) {
                problems.add("modal label over 45 characters");
            }
            if (input.path("custom_id").asText("").length() > 100) {
                problems.add("text input custom_id over 100 characters");
            }
            if (input.path("max_length").asInt(4_000) > 4_000 || input.path("value").asText("").length() > 4_000) {
                problems.add("text input over 4000 characters");
            }
            if (input.path("placeholder").asText("").length() > 100) {
                problems.add("text input placeholder over 100 characters");
            }
        }
        return problems;
    }

    static List<String> choices(JsonNode data) {
        List<String> problems = new ArrayList<>();
        JsonNode choices = data.path("choices");
        if (choices.size() > 25) {
            problems.add(choices.size() + " autocomplete choices (max 25)");
        }
        for (JsonNode choice : choices) {
            String name = choice.path("name").asText("");
            if (name.isEmpty() || name.length() > 100) {
                problems.add("choice name of " + name.length() + " characters (1 to 100)");
            }
            check(problems, "choice value", choice.path("value").asText(""), 100);
        }
        return problems;
    }

    /** Whether a message could ping someone: mention syntax in its content without mentions switched off. */
    static boolean couldPing(JsonNode data) {
        String content = data.path("content").asText("");
        if (!PING.matcher(content).find()) {
            return false;
        }
        JsonNode allowed = data.path("allowed_mentions");
        if (allowed.isMissingNode() || allowed.isNull()) {
            return true;
        }
        return allowed.path("parse").size() > 0 || allowed.path("users").size() > 0 || allowed.path("roles").size() > 0;
    }

    private static int check(List<String> problems, String what, String text, int max) {
        if (text.length() > max) {
            problems.add(what + " is " + text.length() + " characters (max " + max + ")");
        }
        return text.length();
    }
}
