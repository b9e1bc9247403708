package dev.prepbot.console;

import dev.prepbot.commands.Topics;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a typed command such as {@code /search tcp handshake topic:web} or {@code /question python easy}.
 * Named options are written {@code name:value} (a value runs until the next named option). Other words
 * fill the options in order, except that a command whose first option is free text, like a search
 * query, takes all of them as that text.
 */
final class LineParser {

    record Parsed(String command, Optional<String> subcommand, Map<String, String> options) {
    }

    static Parsed parse(String line, Optional<CommandSpec> spec) {
        List<String> words = new ArrayList<>(List.of(line.strip().split("\\s+")));
        String command = words.remove(0).replaceFirst("^/", "");
        Optional<String> subcommand = Optional.empty();
        List<OptionSpec> options = spec.map(CommandSpec::options).orElse(List.of());
        if (spec.isPresent() && !spec.get().subcommands().isEmpty() && !words.isEmpty()) {
            String wanted = words.get(0);
            Optional<CommandSpec> sub = spec.get().subcommands().stream().filter(s -> s.name().equals(wanted)).findFirst();
            if (sub.isPresent()) {
                words.remove(0);
                subcommand = Optional.of(wanted);
                options = sub.get().options();
            }
        }
        Map<String, String> named = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        String current = null;
        for (String word : words) {
            int colon = word.indexOf(':');
            String name = colon > 0 ? word.substring(0, colon) : null;
            if (name != null && hasOption(options, name)) {
                current = name;
                named.put(name, word.substring(colon + 1));
            } else if (current != null) {
                named.merge(current, word, (a, b) -> a.isEmpty() ? b : a + " " + b);
            } else if (!word.isEmpty()) {
                positional.add(word);
            }
        }
        fillPositional(options, named, positional);
        return new Parsed(command, subcommand, named);
    }

    private static void fillPositional(List<OptionSpec> options, Map<String, String> named, List<String> positional) {
        if (positional.isEmpty()) {
            return;
        }
        List<OptionSpec> free = options.stream().filter(o -> !named.containsKey(o.name())).toList();
        if (free.isEmpty()) {
            return;
        }
        OptionSpec first = free.get(0);
        // A topic is one slug, so "/question networking medium" is a topic and a difficulty.
        if (first.type() == OptionSpec.OptionType.STRING && first.choices().isEmpty()
                && !Topics.isTopic(first)) {
            named.put(first.name(), String.join(" ", positional));
            return;
        }
        for (int i = 0; i < positional.size() && i < free.size(); i++) {
            named.put(free.get(i).name(), positional.get(i));
        }
    }

    private static boolean hasOption(List<OptionSpec> options, String name) {
        return options.stream().anyMatch(o -> o.name().equals(name));
    }
}
