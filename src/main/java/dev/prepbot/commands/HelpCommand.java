package dev.prepbot.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /help}: every command with what it does, read from the commands' own specs, then itself. */
public final class HelpCommand implements Command {

    private final List<CommandSpec> others;

    public HelpCommand(List<CommandSpec> others) {
        this.others = List.copyOf(others);
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("help", "What each command does");
    }

    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return true;
    }

    @Override
    public Reply handle(CommandRequest request) {
        List<Reply.Section> sections = new ArrayList<>();
        List<CommandSpec> all = new ArrayList<>(others);
        all.add(spec());
        for (CommandSpec spec : all) {
            if (spec.subcommands().isEmpty()) {
                sections.add(Reply.Section.of(usage("/" + spec.name(), spec.options()), spec.description()));
            } else {
                for (CommandSpec sub : spec.subcommands()) {
                    sections.add(Reply.Section.of(usage("/" + spec.name() + " " + sub.name(), sub.options()),
                            sub.description()));
                }
            }
        }
        return new Reply.Card(Text.of("Prepbot: practise interview questions together"), sections,
                Optional.of(Text.of("Options in [brackets] are optional.")), List.of(), Optional.empty(),
                Visibility.PRIVATE);
    }

    static String usage(String name, List<OptionSpec> options) {
        StringBuilder usage = new StringBuilder(name);
        for (OptionSpec o : options) {
            usage.append(' ').append(o.required() ? o.name() : "[" + o.name() + "]");
        }
        return usage.toString();
    }
}
