package dev.prepbot.commands;

import java.util.List;
import java.util.OptionalLong;

/** One option of a command, described once for Discord's registration, the console and /help. */
public record OptionSpec(String name, String description, OptionType type, boolean required,
                         List<String> choices, boolean autocomplete, OptionalLong min, OptionalLong max) {

    public enum OptionType {
        STRING, INTEGER, BOOLEAN, CHANNEL, USER, ROLE, ATTACHMENT
    }

    public OptionSpec {
        choices = List.copyOf(choices);
    }

    public static OptionSpec text(String name, String description, boolean required) {
        return new OptionSpec(name, description, OptionType.STRING, required, List.of(), false,
                OptionalLong.empty(), OptionalLong.empty());
    }

    public static OptionSpec choice(String name, String description, List<String> choices) {
        return new OptionSpec(name, description, OptionType.STRING, false, choices, false,
                OptionalLong.empty(), OptionalLong.empty());
    }

    public static OptionSpec integer(String name, String description, long min, long max) {
        return new OptionSpec(name, description, OptionType.INTEGER, false, List.of(), false,
                OptionalLong.of(min), OptionalLong.of(max));
    }

    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, description, OptionType.BOOLEAN, false, List.of(), false,
                OptionalLong.empty(), OptionalLong.empty());
    }

    public static OptionSpec channel(String name, String description, boolean required) {
        return new OptionSpec(name, description, OptionType.CHANNEL, required, List.of(), false,
                OptionalLong.empty(), OptionalLong.empty());
    }

    public static OptionSpec user(String name, String description) {
        return new OptionSpec(name, description, OptionType.USER, false, List.of(), false,
                OptionalLong.empty(), OptionalLong.empty());
    }

    public static OptionSpec role(String name, String description, boolean required) {
        return new OptionSpec(name, description, OptionType.ROLE, required, List.of(), false,
                OptionalLong.empty(), OptionalLong.empty());
    }

    public static OptionSpec attachment(String name, String description, boolean required) {
        return new OptionSpec(name, description, OptionType.ATTACHMENT, required, List.of(), false,
                OptionalLong.empty(), OptionalLong.empty());
    }

    public OptionSpec asRequired() {
        return new OptionSpec(name, description, type, true, choices, autocomplete, min, max);
    }

    public OptionSpec withAutocomplete() {
        return new OptionSpec(name, description, type, required, choices, true, min, max);
    }
}
