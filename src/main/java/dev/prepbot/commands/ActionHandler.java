package dev.prepbot.commands;

import java.util.List;

/** Answers the buttons and menus whose action name it owns. */
public interface ActionHandler {

    /** The action names this handler answers. */
    List<String> actions();

    /** {@code values} are the options picked in a menu; empty for a button. */
    Reply onAction(Action action, List<String> values, Caller caller);
}
