package dev.prepbot.discord;

import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.Message;
import java.util.Set;
import java.io.InputStream;
import dev.prepbot.commands.Attachment;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Visibility;
import dev.prepbot.search.Suggestion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives slash commands, autocomplete, buttons and menus from JDA, hands them to the transport-free
 * handlers, and sends the rendered replies. Discord wants an acknowledgement within three seconds:
 * a handler that has not answered within {@link #ANSWER_WITHIN} is deferred first and answered when
 * it is done.
 *
 * <p>A deferral fixes the reply's visibility before the reply exists: Discord shows the first
 * follow-up as the deferred "thinking" message, private or public as the deferral was. So a deferral
 * is private when the reply is expected to be (every button and menu in Prepbot answers privately),
 * and a reply that turns out private after a public deferral replaces the public placeholder with a
 * private message rather than filling it: an answer revealed to one person never shows to all.
 */
final class InteractionListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InteractionListener.class);
    static final Duration ANSWER_WITHIN = Duration.ofMillis(1_500);

    private final Commands commands;
    private final DiscordRenderer renderer;
    private final ExecutorService commandWorkers;
    private final ExecutorService clickWorkers;
    private final Duration answerWithin;

    /**
     * Slash commands run on {@code commandWorkers}; buttons, menus and forms, which mostly wait for the
     * store, on {@code clickWorkers}.
     */
    InteractionListener(Commands commands, DiscordRenderer renderer, ExecutorService commandWorkers,
                        ExecutorService clickWorkers, Duration answerWithin) {
        this.commands = commands;
        this.renderer = renderer;
        this.commandWorkers = commandWorkers;
        this.clickWorkers = clickWorkers;
        this.answerWithin = answerWithin;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Message.Attachment> files = new LinkedHashMap<>();
        for (OptionMapping option : event.getOptions()) {
            if (option.getType() == OptionType.ATTACHMENT) {
                files.put(option.getName(), option.getAsAttachment());
            } else {
                options.put(option.getName(), option.getAsString());
            }
        }
        Caller caller = caller(event);
        CommandRequest asked = new CommandRequest(event.getName(), Optional.ofNullable(event.getSubcommandName()),
                options, caller);
        // Attachments are fetched on the worker, never on JDA's gateway thread.
        answer(event, () -> commands.handle(new CommandRequest(asked.command(), asked.subcommand(), options, caller,
                download(files))), commands.repliesPrivately(asked), commandWorkers);
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
        answer(event, () -> commands.act(event.getComponentId(), List.of(), caller), true, clickWorkers);
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Caller caller = caller(event);
        Map<String, String> fields = new LinkedHashMap<>();
        for (ModalMapping value : event.getValues()) {
            fields.put(value.getCustomId(), value.getAsString());
        }
        answer(event, () -> commands.submit(event.getModalId(), fields, caller), true, clickWorkers);
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent event) {
        Caller caller = caller(event);
        List<String> values = List.copyOf(event.getValues());
        answer(event, () -> commands.act(event.getComponentId(), values, caller), true, clickWorkers);
    }

    /**
     * Runs the handler off JDA's event thread and returns at once, so the next interaction is read while
     * this one is handled; replies when the handler is done, or defers first (privately when the reply
     * is expected to be private) if it is not done within {@link #answerWithin}. Waiting here instead
     * made JDA's one gateway thread handle a crowd's clicks one after another.
     */
    private void answer(IReplyCallback event, Supplier<Reply> handler, boolean expectPrivate, ExecutorService workers) {
        CompletableFuture<Reply> work = CompletableFuture.supplyAsync(handler, workers);
        // Whoever moves the interaction out of PENDING decides how it is answered: at once, or deferred.
        AtomicInteger state = new AtomicInteger(PENDING);
        if (answerWithin.isZero()) {
            // Zero means "defer every reply", however quick: how the tests exercise deferred replies.
            defer(event, state, expectPrivate);
        } else {
            CompletableFuture.delayedExecutor(answerWithin.toMillis(), TimeUnit.MILLISECONDS, clickWorkers)
                    .execute(() -> defer(event, state, expectPrivate));
        }
        work.whenComplete((reply, error) -> {
            Reply answer = reply;
            if (error != null) {
                log.error("handler failed for interaction {}", event.getId(), error);
                answer = Reply.Notice.privately("Sorry, something went wrong on my side. Please try again.");
            }
            if (state.compareAndSet(PENDING, ANSWERED)) {
                send(event, answer);
            } else {
                sendDeferred(event, answer, expectPrivate);
            }
        });
    }

    private static final int PENDING = 0;
    private static final int ANSWERED = 1;
    private static final int DEFERRED = 2;

    private void defer(IReplyCallback event, AtomicInteger state, boolean privately) {
        if (state.compareAndSet(PENDING, DEFERRED)) {
            event.deferReply(privately).queue(null, this::failed);
        }
    }

    private void send(IReplyCallback event, Reply reply) {
        if (reply instanceof Reply.Form form && event instanceof IModalCallback modalCallback) {
            modalCallback.replyModal(renderer.modal(form)).queue(null, this::failed);
            return;
        }
        boolean ephemeral = reply.visibility() == Visibility.PRIVATE;
        List<MessageCreateData> messages = renderer.render(reply);
        event.reply(messages.get(0)).setEphemeral(ephemeral).queue(hook -> {
            for (MessageCreateData more : messages.subList(1, messages.size())) {
                hook.sendMessage(more).setEphemeral(ephemeral).queue(null, this::failed);
            }
        }, this::failed);
    }

    /** Answers a deferred interaction, keeping the reply's own visibility whatever the deferral's was. */
    private void sendDeferred(IReplyCallback event, Reply reply, boolean deferredPrivately) {
        boolean ephemeral = reply.visibility() == Visibility.PRIVATE;
        List<MessageCreateData> messages = renderer.render(reply);
        InteractionHook hook = event.getHook();
        if (ephemeral == deferredPrivately) {
            // The first follow-up fills the placeholder; the rest follow it.
            sendInOrder(hook, messages, ephemeral);
        } else if (ephemeral) {
            // The placeholder is public: remove it, then answer privately in follow-ups of their own.
            hook.deleteOriginal().queue(done -> sendInOrder(hook, messages, true), this::failed);
        } else {
            // The placeholder is private: say so there, and post the public reply after it.
            hook.editOriginal(MessageEditData.fromContent("Done: the reply is below, for everyone."))
                    .queue(done -> sendInOrder(hook, messages, false), this::failed);
        }
    }

    /** Sends the messages one after another, so they arrive in order. */
    private void sendInOrder(InteractionHook hook, List<MessageCreateData> messages, boolean ephemeral) {
        if (messages.isEmpty()) {
            return;
        }
        hook.sendMessage(messages.get(0)).setEphemeral(ephemeral)
                .queue(sent -> sendInOrder(hook, messages.subList(1, messages.size()), ephemeral), this::failed);
    }

    /**
     * Fetches attached files up to {@link Attachment#MAX_DOWNLOAD}; a larger one is passed on with its
     * declared size and no content, for the command to refuse with a sentence.
     */
    private static Map<String, Attachment> download(Map<String, Message.Attachment> files) {
        Map<String, Attachment> downloaded = new LinkedHashMap<>();
        files.forEach((name, file) -> {
            byte[] content = new byte[0];
            if (file.getSize() <= Attachment.MAX_DOWNLOAD) {
                try (InputStream in = file.getProxy().download().get(30, TimeUnit.SECONDS)) {
                    content = in.readNBytes((int) Attachment.MAX_DOWNLOAD + 1);
                } catch (Exception e) {
                    throw new IllegalStateException("could not fetch the attached file " + file.getFileName(), e);
                }
            }
            downloaded.put(name, new Attachment(file.getFileName(), Math.max(file.getSize(), content.length), content));
        });
        return downloaded;
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
        Set<String> roles = member == null ? Set.of()
                : member.getRoles().stream().map(Role::getId).collect(java.util.stream.Collectors.toSet());
        return new Caller(event.getUser().getId(), name, guild, channel, manage, roles);
    }
}
