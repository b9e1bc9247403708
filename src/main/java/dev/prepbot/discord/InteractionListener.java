package dev.prepbot.discord;

import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Visibility;
import dev.prepbot.search.Suggestion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives slash commands, autocomplete, buttons and menus from JDA, hands them to the transport-free
 * handlers, and sends the rendered replies. Discord wants an acknowledgement within three seconds:
 * a handler that has not answered within {@link #ANSWER_WITHIN_MS} is deferred first and answered
 * when it is done.
 */
final class InteractionListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InteractionListener.class);
    static final long ANSWER_WITHIN_MS = 1_500;

    private final Commands commands;
    private final DiscordRenderer renderer;
    private final ExecutorService workers;

    InteractionListener(Commands commands, DiscordRenderer renderer, ExecutorService workers) {
        this.commands = commands;
        this.renderer = renderer;
        this.workers = workers;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionMapping option : event.getOptions()) {
            options.put(option.getName(), option.getAsString());
        }
        CommandRequest request = new CommandRequest(event.getName(), Optional.ofNullable(event.getSubcommandName()),
                options, caller(event));
        answer(event, () -> commands.handle(request));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        List<Suggestion> suggestions = commands.autocomplete(event.getName(), event.getFocusedOption().getName(),
                event.getFocusedOption().getValue(), caller(event));
        event.replyChoices(suggestions.stream().limit(25)
                        .map(s -> new net.dv8tion.jda.api.interactions.commands.Command.Choice(
                                Fit.trim(s.name(), 100), s.id()))
                        .toList())
                .queue(null, failure -> log.warn("autocomplete answer for /{} failed: {}", event.getName(),
                        failure.getMessage()));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Caller caller = caller(event);
        answer(event, () -> commands.act(event.getComponentId(), List.of(), caller));
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent event) {
        Caller caller = caller(event);
        List<String> values = List.copyOf(event.getValues());
        answer(event, () -> commands.act(event.getComponentId(), values, caller));
    }

    /** Runs the handler off JDA's event thread; replies at once when it is quick, else defers first. */
    private void answer(IReplyCallback event, Supplier<Reply> handler) {
        CompletableFuture<Reply> work = CompletableFuture.supplyAsync(handler, workers);
        try {
            send(event, work.get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS), false);
        } catch (TimeoutException slow) {
            event.deferReply().queue();
            work.whenComplete((reply, error) -> send(event, reply != null ? reply
                    : Reply.Notice.privately("Sorry, something went wrong on my side. Please try again."), true));
        } catch (ExecutionException e) {
            log.error("handler failed for interaction {}", event.getId(), e.getCause());
            send(event, Reply.Notice.privately("Sorry, something went wrong on my side. Please try again."), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(IReplyCallback event, Reply reply, boolean deferred) {
        boolean ephemeral = reply.visibility() == Visibility.PRIVATE;
        List<MessageCreateData> messages = renderer.render(reply);
        if (deferred) {
            messages.forEach(m -> event.getHook().sendMessage(m).setEphemeral(ephemeral).queue(null, this::failed));
            return;
        }
        event.reply(messages.get(0)).setEphemeral(ephemeral).queue(hook -> {
            for (MessageCreateData more : messages.subList(1, messages.size())) {
                hook.sendMessage(more).setEphemeral(ephemeral).queue(null, this::failed);
            }
        }, this::failed);
    }

    private void failed(Throwable failure) {
        log.warn("Discord refused a reply: {}", failure.getMessage());
    }

    static Caller caller(Interaction event) {
        Member member = event.getMember();
        Optional<String> guild = Optional.ofNullable(event.getGuild()).map(Guild::getId);
        String name = member != null ? member.getEffectiveName() : event.getUser().getEffectiveName();
        boolean manage = member != null && member.hasPermission(Permission.MANAGE_SERVER);
        String channel = event.getChannelId() == null ? "" : event.getChannelId();
        return new Caller(event.getUser().getId(), name, guild, channel, manage);
    }
}
