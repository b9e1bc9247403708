package dev.prepbot.commands;

import dev.prepbot.bank.Catalog;
import dev.prepbot.search.Suggestion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The topic option shared by several commands, and the answer to a topic the bank does not have.
 * Topics autocomplete rather than being fixed choices: a server's own topics differ from server to
 * server, and Discord's fixed choices are the same everywhere.
 */
public final class Topics {

    public static final String OPTION = "topic";

    private Topics() {
    }

    public static OptionSpec option() {
        return OptionSpec.text(OPTION, "Only questions of this topic", false).withAutocomplete();
    }

    /**
     * The topics seen where the caller is that begin with what was typed, or when none does, that contain
     * it; at most 25.
     */
    public static List<Suggestion> suggest(Catalog catalog, Caller caller, String typed) {
        String lower = typed.strip().toLowerCase(Locale.ROOT);
        List<String> topics = catalog.topics(caller.guildId());
        List<String> starting = topics.stream().filter(t -> t.startsWith(lower)).toList();
        return (starting.isEmpty() ? topics.stream().filter(t -> t.contains(lower)).toList() : starting).stream()
                .limit(25).map(t -> new Suggestion(t, t)).toList();
    }

    /** A topic is one slug: typed in the console, it takes one word, not the rest of the line. */
    public static boolean isTopic(OptionSpec option) {
        return option.name().equals(OPTION);
    }

    public static Reply unknown(Catalog catalog, Optional<String> guild, String topic) {
        String shown = topic.length() > 40 ? topic.substring(0, 40) + "…" : topic;
        return Reply.Notice.privately("There is no topic \"" + shown + "\". Topics: "
                + String.join(", ", catalog.topics(guild)) + ".");
    }
}
