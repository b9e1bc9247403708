package dev.prepbot.console;

import java.io.Console;

/** Whether Prepbot runs in a terminal, where a person reads its output as it comes. */
public final class Terminal {

    private Terminal() {
    }

    /**
     * Java 21 has a console only for a terminal; from Java 22 there may be one for a pipe too, and
     * {@code Console.isTerminal()} (looked up by name, as Java 21 lacks it) tells them apart.
     */
    public static boolean attached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
