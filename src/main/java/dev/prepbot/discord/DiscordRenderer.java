package dev.prepbot.discord;

import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Turns a reply into Discord messages within every limit Discord sets (listed in docs/discord-limits.md). A card becomes
 * embeds: the title, then the sections packed into descriptions, long ones split at sentences; what
 * does not fit one message (6,000 characters of embeds) continues in the next. Buttons and the menu
 * ride on the first message. Every message allows no mentions, so no text can ping anyone.
 */
final class DiscordRenderer {

    static final int CONTENT_MAX = 2_000;
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4_096;
    static final int FOOTER_MAX = 2_048;
    static final int MESSAGE_EMBEDS_TOTAL = 6_000;
    static final int EMBEDS_PER_MESSAGE = 10;
    static final int BUTTON_LABEL_MAX = 80;
    static final int BUTTONS_PER_ROW = 5;
    static final int ROWS_MAX = 5;
    static final int MENU_OPTIONS_MAX = 25;
    static final int MENU_TEXT_MAX = 100;
    /** Discord's limit on an attachment's description, its alt text. */
    static final int ALT_TEXT_MAX = 1_024;
    /** Room left in a description for the blank line between packed sections. */
    private static final int CHUNK_MAX = DESCRIPTION_MAX - 96;
    private static final int COLOR = 0x5865F2;

    /** No @everyone, @here, user or role mention in anything the bot sends. */
    static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    List<MessageCreateData> render(Reply reply) {
        return switch (reply) {
            case Reply.Notice notice -> List.of(new MessageCreateBuilder()
                    .setContent(Fit.trim(Markdown.escape(notice.text()), CONTENT_MAX))
                    .setAllowedMentions(NO_MENTIONS)
                    .build());
            case Reply.Card card -> renderCard(card);
            // A form is shown as a modal (see modal()); one that reaches a message, such as after a deferral,
            // can only point back to its button.
            case Reply.Form form -> render(Reply.Notice.privately(form.title() + ": press the button again to open the form."));
            case Reply.File file -> List.of(new MessageCreateBuilder()
                    .setContent(Fit.trim(Markdown.render(file.text()), CONTENT_MAX))
                    .addFiles(FileUpload.fromData(file.content(), file.fileName()))
                    .setAllowedMentions(NO_MENTIONS)
                    .build());
            case Reply.Picture picture -> List.of(new MessageCreateBuilder()
                    .setContent(Fit.trim(Markdown.render(picture.text()), CONTENT_MAX))
                    .addFiles(FileUpload.fromData(picture.png(), picture.fileName())
                            .setDescription(Fit.trim(picture.description(), ALT_TEXT_MAX)))
                    .setAllowedMentions(NO_MENTIONS)
                    .build());
        };
    }

    /** A form as a Discord modal: a label and a text input per field, within Discord's limits. */
    Modal modal(Reply.Form form) {
        List<Label> labels = new ArrayList<>();
        for (Reply.Field field : form.fields()) {
            TextInput.Builder input = TextInput.create(field.id(), field.paragraph() ? TextInputStyle.PARAGRAPH
                    : TextInputStyle.SHORT)
                    .setRequired(field.required())
                    .setRequiredRange(Math.max(0, field.minLength()), Math.min(TextInput.MAX_VALUE_LENGTH, field.maxLength()));
            if (!field.value().isEmpty()) {
                input.setValue(Fit.trim(field.value(), Math.min(TextInput.MAX_VALUE_LENGTH, field.maxLength())));
            }
            if (!field.placeholder().isEmpty()) {
                input.setPlaceholder(Fit.trim(field.placeholder(), TextInput.MAX_PLACEHOLDER_LENGTH));
            }
            labels.add(Label.of(Fit.trim(field.label(), Label.LABEL_MAX_LENGTH), input.build()));
        }
        return Modal.create(form.actionId(), Fit.trim(form.title(), Modal.MAX_TITLE_LENGTH)).addComponents(labels).build();
    }

    /** The same reply as an edit of an existing message: its first message, components included. */
    MessageEditData renderEdit(Reply reply) {
        return new MessageEditBuilder().applyCreateData(render(reply).get(0)).setAllowedMentions(NO_MENTIONS).build();
    }

    private List<MessageCreateData> renderCard(Reply.Card card) {
        String title = Fit.trim(Markdown.escape(card.title().plain()), TITLE_MAX);
        String footer = card.footer().map(f -> Fit.trim(f.plain(), FOOTER_MAX)).orElse("");
        List<String> chunks = new ArrayList<>();
        for (Reply.Section section : card.sections()) {
            String block = block(section);
            if (!block.isBlank()) {
                chunks.addAll(Fit.split(block, CHUNK_MAX));
            }
        }
        List<String> descriptions = pack(chunks);
        List<List<MessageEmbed>> messages = new ArrayList<>();
        List<MessageEmbed> current = new ArrayList<>();
        int currentTotal = 0;
        for (int i = 0; i < Math.max(1, descriptions.size()); i++) {
            String description = descriptions.isEmpty() ? "" : descriptions.get(i);
            boolean first = i == 0;
            boolean last = i == Math.max(1, descriptions.size()) - 1;
            EmbedBuilder embed = new EmbedBuilder().setColor(COLOR);
            int size = description.length();
            if (first) {
                embed.setTitle(title);
                size += title.length();
            }
            if (last && !footer.isEmpty()) {
                embed.setFooter(footer);
                size += footer.length();
            }
            if (!description.isEmpty()) {
                embed.setDescription(description);
            }
            if (!current.isEmpty() && (currentTotal + size > MESSAGE_EMBEDS_TOTAL || current.size() == EMBEDS_PER_MESSAGE)) {
                messages.add(current);
                current = new ArrayList<>();
                currentTotal = 0;
            }
            current.add(embed.build());
            currentTotal += size;
        }
        messages.add(current);
        List<MessageCreateData> rendered = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            MessageCreateBuilder message = new MessageCreateBuilder().setEmbeds(messages.get(i))
                    .setAllowedMentions(NO_MENTIONS);
            if (i == 0) {
                message.setComponents(components(card));
            }
            rendered.add(message.build());
        }
        return rendered;
    }

    /** A section as markdown: its heading in bold (or with its own strong words), then its body. */
    private static String block(Reply.Section section) {
        String heading = section.heading().isEmpty() ? "" : heading(section.heading());
        String body = Markdown.render(section.body());
        if (heading.isEmpty()) {
            return body;
        }
        return body.isEmpty() ? heading : heading + "\n" + body;
    }

    private static String heading(Text heading) {
        boolean plainWords = heading.spans().stream().allMatch(s -> s instanceof Text.Words w && !w.strong());
        return !plainWords ? Markdown.render(heading) : "**" + Markdown.escape(Fit.trim(heading.plain(), 512)) + "**";
    }

    /** Chunks joined by blank lines into descriptions of at most 4,096 characters. */
    private static List<String> pack(List<String> chunks) {
        List<String> descriptions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String chunk : chunks) {
            if (current.length() > 0 && current.length() + 2 + chunk.length() > DESCRIPTION_MAX) {
                descriptions.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append("\n\n");
            }
            current.append(chunk);
        }
        if (current.length() > 0) {
            descriptions.add(current.toString());
        }
        return descriptions;
    }

    private static List<ActionRow> components(Reply.Card card) {
        List<ActionRow> rows = new ArrayList<>();
        List<Button> buttons = new ArrayList<>();
        for (Reply.Button b : card.buttons()) {
            Button button = switch (b.style()) {
                case PRIMARY -> Button.primary(b.actionId(), Fit.trim(b.label(), BUTTON_LABEL_MAX));
                case SUCCESS -> Button.success(b.actionId(), Fit.trim(b.label(), BUTTON_LABEL_MAX));
                case DANGER -> Button.danger(b.actionId(), Fit.trim(b.label(), BUTTON_LABEL_MAX));
                case SECONDARY -> Button.secondary(b.actionId(), Fit.trim(b.label(), BUTTON_LABEL_MAX));
            };
            buttons.add(button.withDisabled(b.disabled()));
        }
        int menuRows = card.menu().isPresent() ? 1 : 0;
        for (int i = 0; i < buttons.size() && rows.size() < ROWS_MAX - menuRows; i += BUTTONS_PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + BUTTONS_PER_ROW))));
        }
        card.menu().filter(m -> !m.options().isEmpty()).ifPresent(menu -> {
            StringSelectMenu.Builder select = StringSelectMenu.create(menu.actionId())
                    .setPlaceholder(Fit.trim(menu.placeholder(), MENU_TEXT_MAX));
            menu.options().stream().limit(MENU_OPTIONS_MAX).forEach(o -> select.addOption(
                    Fit.trim(o.label(), MENU_TEXT_MAX), o.value(), Fit.trim(o.description(), MENU_TEXT_MAX)));
            rows.add(ActionRow.of(select.build()));
        });
        return rows;
    }
}
