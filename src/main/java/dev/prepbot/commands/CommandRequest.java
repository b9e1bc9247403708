package dev.prepbot.commands;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A command as invoked: its name, subcommand, the options given (as the text the user chose) and the
 * caller. Typed getters turn option text into values; a value that does not parse is reported as
 * the user's mistake by the handler, never as an exception.
 */
public record CommandRequest(String command, Optional<String> subcommand, Map<String, String> options,
                             Caller caller, Map<String, Attachment> attachments) {

    public CommandRequest {
        options = Map.copyOf(options);
        attachments = Map.copyOf(attachments);
    }

    public CommandRequest(String command, Optional<String> subcommand, Map<String, String> options, Caller caller) {
        this(command, subcommand, options, caller, Map.of());
    }

    public Optional<Attachment> attachment(String name) {
        return Optional.ofNullable(attachments.get(name));
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(options.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The option as a whole number; empty when absent, an exception when present but not a number. */
    public OptionalLong integer(String name) throws InvalidOptionException {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(raw.get()));
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("The " + name + " option must be a whole number.");
        }
    }

    public boolean flag(String name) {
        return text(name).map(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")).orElse(false);
    }

    /** A user's option value that cannot be used; its message is a sentence to show them. */
    public static final class InvalidOptionException extends Exception {
        public InvalidOptionException(String message) {
            super(message);
        }
    }
}
