package dev.prepbot.commands;

import java.util.List;

/**
 * A command's name, description, options and subcommands. {@code guildOnly} commands make no sense
 * outside a server (quiz rounds, leaderboards, schedules) and are refused in direct messages.
 */
public record CommandSpec(String name, String description, List<OptionSpec> options,
                          List<CommandSpec> subcommands, boolean guildOnly) {

    public CommandSpec {
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
    }

    public static CommandSpec of(String name, String description, OptionSpec... options) {
        return new CommandSpec(name, description, List.of(options), List.of(), false);
    }
}
