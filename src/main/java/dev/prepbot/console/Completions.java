package dev.prepbot.console;

import dev.prepbot.commands.Topics;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.search.Suggestion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Tab offers at the cursor of a console line, read the way {@link LineParser} reads the line when it
 * runs: command names, then a subcommand, then options, written {@code name:value} or filling the
 * options in order. An option offers its fixed choices (topics, difficulties), true or false, or, when
 * it autocompletes on Discord, the same command's autocomplete: for {@code /answer}, questions found by
 * the suggester from any words of their text or id, of which the id is what gets inserted.
 */
public final class Completions {

    /** Questions offered at once: enough to choose from, few enough to read; Discord lists 25. */
    static final int SUGGESTIONS = 10;

    /**
     * One thing Tab can insert: {@code value}, shown as {@code display} with a {@code description};
     * {@code complete} when nothing more belongs to the word, so a space may follow it.
     */
    record Completion(String value, String display, String description, boolean complete) {
    }

    /**
     * What Tab offers at a cursor: completions replacing the line from {@code start} to {@code end}, the
     * word being typed and any spaces typed before it beyond one. {@code ranked} offers come best first,
     * as the command's autocomplete ordered them, and match what was typed by meaning rather than by
     * spelling.
     */
    record Offer(int start, int end, boolean ranked, List<Completion> completions) {
        Offer {
            completions = List.copyOf(completions);
        }

        static Offer none(int cursor) {
            return new Offer(cursor, cursor, false, List.of());
        }
    }

    /**
     * A word of the line and where it stands; {@code from} is where a completion of it starts, which
     * takes in any spaces typed before it beyond the one that separates it from the word before.
     */
    private record Word(String text, int from, int start, int end) {
    }

    /** The word at the cursor: where its completions go, and what was typed of it before the cursor. */
    private record Token(String line, int cursor, int start, int end, String typed) {
        Offer offer(boolean ranked, List<Completion> completions) {
            return new Offer(start, end, ranked, completions);
        }
    }

    private final Commands commands;
    private final Caller caller;

    Completions(Commands commands, Caller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    /** What Tab offers with the cursor at {@code cursor} in {@code line}. */
    Offer at(String line, int cursor) {
        int at = Math.max(0, Math.min(cursor, line.length()));
        List<Word> words = words(line);
        int index = 0;
        while (index < words.size() && words.get(index).end() < at) {
            index++;
        }
        if (index == words.size() || words.get(index).start() > at) {
            int from = index == 0 ? at : Math.min(words.get(index - 1).end() + 1, at);
            words.add(index, new Word("", from, at, at));
        }
        Word current = words.get(index);
        String typed = line.substring(current.start(), at);
        Token token = new Token(line, at, current.from(), current.end(), typed);
        if (index == 0) {
            boolean command = typed.isEmpty() || typed.startsWith("/");
            return command ? token.offer(false, commandNames(typed.replaceFirst("^/", ""))) : Offer.none(at);
        }
        String first = words.get(0).text();
        if (!first.startsWith("/")) {
            return Offer.none(at);
        }
        Optional<CommandSpec> spec = commands.command(first.substring(1)).map(c -> c.spec());
        if (spec.isEmpty()) {
            return Offer.none(at);
        }
        List<OptionSpec> options = spec.get().options();
        int argsFrom = 1;
        if (!spec.get().subcommands().isEmpty()) {
            if (index == 1) {
                return token.offer(false, spec.get().subcommands().stream()
                        .filter(s -> startsWith(s.name(), typed))
                        .map(s -> new Completion(s.name(), s.name(), s.description(), true)).toList());
            }
            Optional<CommandSpec> sub = spec.get().subcommands().stream()
                    .filter(s -> s.name().equals(words.get(1).text())).findFirst();
            if (sub.isEmpty()) {
                return Offer.none(at);
            }
            options = sub.get().options();
            argsFrom = 2;
        }
        return options(spec.get().name(), options, words.subList(argsFrom, index), token);
    }

    private List<Completion> commandNames(String typed) {
        List<Completion> names = new ArrayList<>();
        for (CommandSpec spec : commands.specs()) {
            if (startsWith(spec.name(), typed)) {
                names.add(new Completion("/" + spec.name(), "/" + spec.name(), spec.description(), true));
            }
        }
        if (startsWith(Console.QUIT.substring(1), typed)) {
            names.add(new Completion(Console.QUIT, Console.QUIT, "Leave the console", true));
        }
        return names;
    }

    /**
     * Completions for an option's name or value. The words before the cursor are read as
     * {@link LineParser} reads them: {@code name:value} starts a named option whose value runs on
     * until the next one; other words fill the options not named, in order, or all go to the first of
     * them when it is free text.
     */
    private Offer options(String command, List<OptionSpec> options, List<Word> before, Token token) {
        Set<String> taken = new HashSet<>();
        Optional<Word> segment = Optional.empty();
        List<Word> positional = new ArrayList<>();
        for (Word word : before) {
            Optional<OptionSpec> named = named(options, word.text());
            if (named.isPresent()) {
                taken.add(named.get().name());
                segment = Optional.of(word);
            } else if (segment.isEmpty()) {
                positional.add(word);
            }
        }
        Optional<OptionSpec> namedHere = named(options, token.typed());
        if (namedHere.isPresent()) {
            OptionSpec option = namedHere.get();
            String value = token.typed().substring(token.typed().indexOf(':') + 1);
            return token.offer(option.autocomplete() && !value.isBlank(), values(command, option, value, option.name() + ":"));
        }
        List<OptionSpec> free = options.stream().filter(o -> !taken.contains(o.name())).toList();
        if (segment.isPresent()) {
            OptionSpec option = named(options, segment.get().text()).orElseThrow();
            if (option.autocomplete()) {
                int valueFrom = segment.get().start() + option.name().length() + 1;
                String value = token.line().substring(valueFrom, token.cursor());
                return new Offer(segment.get().from(), token.end(), !value.isBlank(),
                        values(command, option, value, option.name() + ":"));
            }
            return token.offer(false, names(free, token.typed()));
        }
        if (!free.isEmpty() && isFreeText(free.get(0))) {
            OptionSpec text = free.get(0);
            List<OptionSpec> unfilled = positional.isEmpty() ? free : free.subList(1, free.size());
            if (!text.autocomplete()) {
                return token.offer(false, names(unfilled, token.typed()));
            }
            // A question typed as several words is one value: all of them are what the suggester is given.
            int from = positional.isEmpty() ? token.start() : positional.get(0).from();
            String value = positional.isEmpty() ? token.typed()
                    : token.line().substring(positional.get(0).start(), token.cursor());
            List<Completion> offered = new ArrayList<>(values(command, text, value, ""));
            offered.addAll(names(unfilled, value));
            // With nothing typed there is nothing to rank by: the choices are listed, none inserted.
            return new Offer(from, token.end(), !value.isBlank(), offered);
        }
        int filled = Math.min(positional.size(), free.size());
        Optional<OptionSpec> next = filled < free.size() ? Optional.of(free.get(filled)) : Optional.empty();
        List<Completion> offered = new ArrayList<>(next.map(o -> values(command, o, token.typed(), "")).orElse(List.of()));
        offered.addAll(names(free.subList(filled, free.size()), token.typed()));
        return token.offer(next.filter(OptionSpec::autocomplete).isPresent() && !token.typed().isBlank(), offered);
    }

    /** The option a {@code name:value} word names, if it is one of these options. */
    private static Optional<OptionSpec> named(List<OptionSpec> options, String word) {
        int colon = word.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String name = word.substring(0, colon);
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** {@code name:} for each option whose name begins with what was typed. */
    private static List<Completion> names(List<OptionSpec> options, String typed) {
        return options.stream().filter(o -> startsWith(o.name(), typed))
                .map(o -> new Completion(o.name() + ":", o.name() + ":", o.description(), false)).toList();
    }

    private List<Completion> values(String command, OptionSpec option, String typed, String prefix) {
        if (option.autocomplete()) {
            return suggestions(command, option, typed, prefix);
        }
        List<String> values = option.type() == OptionSpec.OptionType.BOOLEAN ? List.of("true", "false") : option.choices();
        return values.stream().filter(v -> startsWith(v, typed.strip()))
                .map(v -> new Completion(prefix + v, v, null, true)).toList();
    }

    /**
     * The command's own autocomplete for what was typed, as Discord would show it, except that ids
     * holding every typed word come first: the console inserts ids, so a word typed from one is the
     * plainest sign of the question meant.
     */
    private List<Completion> suggestions(String command, OptionSpec option, String typed, String prefix) {
        List<Suggestion> found = commands.autocomplete(command, option.name(), typed.strip(), caller);
        List<Suggestion> ordered = new ArrayList<>(found.stream().filter(s -> spells(s.id(), typed)).toList());
        found.stream().filter(s -> !spells(s.id(), typed)).forEach(ordered::add);
        return ordered.stream().limit(SUGGESTIONS)
                .map(s -> new Completion(prefix + s.id(), s.name(), null, true)).toList();
    }

    /** Whether every typed word begins a word of the id ("lead" and "system-design-leader-election"). */
    static boolean spells(String id, String typed) {
        List<String> parts = List.of(id.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+"));
        List<String> wanted = List.of(typed.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")).stream()
                .filter(w -> !w.isEmpty()).toList();
        return !wanted.isEmpty() && wanted.stream().allMatch(w -> parts.stream().anyMatch(p -> p.startsWith(w)));
    }

    private static boolean isFreeText(OptionSpec option) {
        return option.type() == OptionSpec.OptionType.STRING && option.choices().isEmpty() && !Topics.isTopic(option);
    }

    private static boolean startsWith(String value, String typed) {
        return value.toLowerCase(Locale.ROOT).startsWith(typed.toLowerCase(Locale.ROOT));
    }

    private static List<Word> words(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                int from = words.isEmpty() ? start : words.get(words.size() - 1).end() + 1;
                words.add(new Word(line.substring(start, i), from, start, i));
            }
        }
        return words;
    }
}
