package dev.prepbot.commands;

import dev.prepbot.search.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes commands, autocomplete and actions to their handlers, for every transport alike. A handler
 * that fails is logged with context and answered with an apology, never a stack trace.
 */
public final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    static final String APOLOGY = "Sorry, something went wrong on my side. Please try again.";

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Map<String, ActionHandler> actions = new LinkedHashMap<>();
    private final RateLimit rateLimit;

    public Commands(List<Command> commands, List<ActionHandler> actionHandlers, RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        commands.forEach(c -> this.commands.put(c.spec().name(), c));
        for (ActionHandler handler : actionHandlers) {
            handler.actions().forEach(a -> actions.put(a, handler));
        }
    }

    public List<CommandSpec> specs() {
        List<CommandSpec> specs = new ArrayList<>();
        commands.values().forEach(c -> specs.add(c.spec()));
        return specs;
    }

    public Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public Reply handle(CommandRequest request) {
        Command command = commands.get(request.command());
        if (command == null) {
            return Reply.Notice.privately("There is no /" + shorten(request.command()) + " command. Try /help.");
        }
        if (command.spec().guildOnly() && request.caller().guildId().isEmpty()) {
            return Reply.Notice.privately("/" + request.command() + " works only in a server channel.");
        }
        Optional<java.time.Duration> wait = rateLimit.take(request.caller().userId());
        if (wait.isPresent()) {
            return Reply.Notice.privately(RateLimit.slowDown(wait.get()));
        }
        try {
            return command.handle(request);
        } catch (RuntimeException e) {
            log.error("/{} failed for user {} in channel {}", request.command(), request.caller().userId(),
                    request.caller().channelId(), e);
            return Reply.Notice.privately(APOLOGY);
        }
    }

    public List<Suggestion> autocomplete(String commandName, String option, String typed, Caller caller) {
        Command command = commands.get(commandName);
        if (command == null) {
            return List.of();
        }
        try {
            return command.autocomplete(option, typed == null ? "" : typed, caller);
        } catch (RuntimeException e) {
            log.error("autocomplete of /{} {} failed", commandName, option, e);
            return List.of();
        }
    }

    /** Answers a button or menu by its action id; an id this bot never made gets a polite refusal. */
    /** Whether the reply to this request will be private, known before it is handled. */
    public boolean repliesPrivately(CommandRequest request) {
        Command command = commands.get(request.command());
        return command == null || command.repliesPrivately(request);
    }

    public Reply act(String actionId, List<String> values, Caller caller) {
        return dispatch(actionId, caller, (handler, action) -> handler.onAction(action, values, caller));
    }

    /** A form came back filled in; {@code fields} maps each field's id to the text typed. */
    public Reply submit(String actionId, Map<String, String> fields, Caller caller) {
        return dispatch(actionId, caller, (handler, action) -> handler.onSubmit(action, Map.copyOf(fields), caller));
    }

    /** Finds the handler of an action id, rate limits the caller, and answers a failure with an apology. */
    private Reply dispatch(String actionId, Caller caller, java.util.function.BiFunction<ActionHandler, Action, Reply> call) {
        Optional<Action> action = Action.parse(actionId);
        ActionHandler handler = action.map(a -> actions.get(a.name())).orElse(null);
        if (handler == null) {
            return Reply.Notice.privately("That button is not one I know. Try the command again.");
        }
        Optional<java.time.Duration> wait = rateLimit.take(caller.userId());
        if (wait.isPresent()) {
            return Reply.Notice.privately(RateLimit.slowDown(wait.get()));
        }
        try {
            return call.apply(handler, action.get());
        } catch (RuntimeException e) {
            log.error("action {} failed for user {}", action.get().name(), caller.userId(), e);
            return Reply.Notice.privately(APOLOGY);
        }
    }


    private static String shorten(String text) {
        return text.length() > 32 ? text.substring(0, 32) + "…" : text;
    }
}
