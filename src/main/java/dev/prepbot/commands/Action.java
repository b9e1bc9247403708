package dev.prepbot.commands;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a button or menu asks for, encoded in its id as {@code name:arg:arg}. Ids are stateless, so a
 * button keeps working after a restart, and at most 100 characters (Discord's custom_id limit).
 */
public record Action(String name, List<String> args) {

    public static final int MAX_ID_LENGTH = 100;

    public Action {
        args = List.copyOf(args);
    }

    public static Action of(String name, String... args) {
        return new Action(name, Arrays.asList(args));
    }

    public String id() {
        String id = args.isEmpty() ? name : name + ":" + String.join(":", args);
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("action id longer than " + MAX_ID_LENGTH + ": " + id);
        }
        return id;
    }

    /** Reads an id back; empty for anything that is not an action id, such as a forged one. */
    public static Optional<Action> parse(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.matches("[a-z0-9:_-]+")) {
            return Optional.empty();
        }
        String[] parts = id.split(":", -1);
        return Optional.of(new Action(parts[0], Arrays.asList(parts).subList(1, parts.length)));
    }
}
