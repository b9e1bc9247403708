package dev.prepbot.discord;

import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** Turns the transport-free command specs into Discord's slash command registrations. */
final class SlashCommands {

    private static final int DESCRIPTION_MAX = 100;

    private SlashCommands() {
    }

    static List<CommandData> of(List<CommandSpec> specs) {
        return specs.stream().<CommandData>map(SlashCommands::of).toList();
    }

    static SlashCommandData of(CommandSpec spec) {
        SlashCommandData data = Commands.slash(spec.name(), Fit.trim(spec.description(), DESCRIPTION_MAX));
        spec.options().forEach(o -> data.addOptions(option(o)));
        for (CommandSpec sub : spec.subcommands()) {
            SubcommandData subcommand = new SubcommandData(sub.name(), Fit.trim(sub.description(), DESCRIPTION_MAX));
            sub.options().forEach(o -> subcommand.addOptions(option(o)));
            data.addSubcommands(subcommand);
        }
        data.setContexts(spec.guildOnly() ? List.of(InteractionContextType.GUILD)
                : List.of(InteractionContextType.GUILD, InteractionContextType.BOT_DM));
        return data;
    }

    private static OptionData option(OptionSpec spec) {
        OptionType type = switch (spec.type()) {
            case STRING -> OptionType.STRING;
            case INTEGER -> OptionType.INTEGER;
            case BOOLEAN -> OptionType.BOOLEAN;
            case CHANNEL -> OptionType.CHANNEL;
            case USER -> OptionType.USER;
            case ROLE -> OptionType.ROLE;
            case ATTACHMENT -> OptionType.ATTACHMENT;
        };
        OptionData option = new OptionData(type, spec.name(), Fit.trim(spec.description(), DESCRIPTION_MAX),
                spec.required(), spec.autocomplete());
        spec.choices().forEach(c -> option.addChoice(c, c));
        spec.min().ifPresent(option::setMinValue);
        spec.max().ifPresent(option::setMaxValue);
        return option;
    }
}
