package dev.prepbot.commands;

import java.util.List;
import java.util.Optional;

/** What a command answers, independent of Discord or the console. */
public sealed interface Reply permits Reply.Card, Reply.Notice, Reply.Form, Reply.Picture, Reply.File {

    Visibility visibility();

    /**
     * A structured answer: a title, sections (a heading and a body each), buttons and an optional
     * menu. Each button and menu carries an action id that any transport can send back.
     */
    record Card(Text title, List<Section> sections, Optional<Text> footer, List<Button> buttons,
                Optional<Menu> menu, Visibility visibility) implements Reply {
        public Card {
            sections = List.copyOf(sections);
            buttons = List.copyOf(buttons);
        }
    }

    /** One short sentence: an error a user can fix, a confirmation, a refusal. */
    record Notice(String text, Visibility visibility) implements Reply {
        public static Notice privately(String text) {
            return new Notice(text, Visibility.PRIVATE);
        }
    }

    /**
     * A form for the person who asked (Discord shows it as a modal): its fields come back, by id, to the
     * handler of {@code actionId}. A field's {@code value} is what it starts with, so a form shown again
     * after a mistake keeps what was typed.
     */
    record Form(String actionId, String title, List<Field> fields) implements Reply {
        public Form {
            fields = List.copyOf(fields);
        }

        @Override
        public Visibility visibility() {
            return Visibility.PRIVATE;
        }
    }

    /**
     * A picture with a line of text: a PNG (Discord attaches it; the console writes it to a file), and
     * a description of what it shows for whoever cannot see it (Discord's alt text).
     */
    record Picture(Text text, String fileName, byte[] png, String description, Visibility visibility) implements Reply {
        public Picture {
            png = png.clone();
        }

        @Override
        public byte[] png() {
            return png.clone();
        }
    }

    /** A file with a line of text, such as an exported bank: Discord attaches it; the console writes it out. */
    record File(Text text, String fileName, byte[] content, Visibility visibility) implements Reply {
        public File {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** One text field of a form: a line, or a paragraph when {@code paragraph}. */
    record Field(String id, String label, boolean paragraph, int minLength, int maxLength, boolean required,
                 String value, String placeholder) {
    }

    record Section(Text heading, Text body) {
        public static Section of(String heading, String body) {
            return new Section(Text.of(heading), Text.of(body));
        }
    }

    record Button(String label, String actionId, ButtonStyle style, boolean disabled) {
        public static Button of(String label, String actionId) {
            return new Button(label, actionId, ButtonStyle.SECONDARY, false);
        }
    }

    enum ButtonStyle {
        PRIMARY, SECONDARY, SUCCESS, DANGER
    }

    record Menu(String actionId, String placeholder, List<MenuOption> options) {
        public Menu {
            options = List.copyOf(options);
        }
    }

    record MenuOption(String label, String value, String description) {
    }
}
