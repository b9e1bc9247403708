package dev.prepbot.commands;

import dev.prepbot.search.Suggestion;
import java.util.List;

/** A slash command, free of any transport: a request in, a reply out. */
public interface Command {

    CommandSpec spec();

    Reply handle(CommandRequest request);

    /**
     * Whether the reply to this request will be private. A transport that must acknowledge before the
     * reply is ready (Discord's deferred reply) fixes the visibility then, so it asks first.
     */
    default boolean repliesPrivately(CommandRequest request) {
        return false;
    }

    /** Choices for an option marked autocomplete, for what the user has typed so far. */
    default List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return List.of();
    }
}
