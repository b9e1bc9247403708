package dev.prepbot.commands;

import java.util.List;
import java.util.Map;

/** Answers the buttons and menus whose action name it owns. */
public interface ActionHandler {

    /** The action names this handler answers. */
    List<String> actions();

    /** {@code values} are the options picked in a menu; empty for a button. */
    Reply onAction(Action action, List<String> values, Caller caller);

    /** A form this handler asked for came back filled in: field ids to the text typed. */
    default Reply onSubmit(Action action, Map<String, String> fields, Caller caller) {
        return Reply.Notice.privately("That form is not one I know. Try the button again.");
    }
}
