package dev.prepbot.console;

import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The interactive terminal: the same commands as Discord, typed as {@code /search tcp handshake}.
 * After a reply with buttons, typing a button's number presses it, so the parts of a model answer
 * can be revealed one by one. Works the same with commands piped on standard input, and ends
 * cleanly at the end of input or on {@code /quit}.
 */
public final class Console {

    private final Commands commands;
    private final Caller caller;
    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;
    private final ConsoleRenderer renderer = new ConsoleRenderer();

    public Console(Commands commands, Caller caller, BufferedReader in, PrintStream out, boolean interactive) {
        this.commands = commands;
        this.caller = caller;
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    public void run() throws IOException {
        if (interactive) {
            out.println("Prepbot console. Type /help for commands, /quit to leave.");
        }
        List<ConsoleRenderer.Choice> choices = List.of();
        while (true) {
            if (interactive) {
                out.print("prepbot> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                break;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("/quit") || line.equals("/exit")) {
                break;
            }
            Reply reply;
            boolean fromChoice = false;
            if (line.matches("\\d{1,3}")) {
                int n = Integer.parseInt(line);
                if (n < 1 || n > choices.size()) {
                    out.println(choices.isEmpty() ? "There is nothing to choose right now."
                            : "Choose a number from 1 to " + choices.size() + ".");
                    continue;
                }
                ConsoleRenderer.Choice choice = choices.get(n - 1);
                reply = commands.act(choice.actionId(), choice.values(), caller);
                fromChoice = true;
            } else if (line.startsWith("/")) {
                String name = line.substring(1).split("\\s+", 2)[0];
                LineParser.Parsed parsed = LineParser.parse(line, commands.command(name).map(c -> c.spec()));
                reply = commands.handle(new CommandRequest(parsed.command(), parsed.subcommand(), parsed.options(), caller));
            } else {
                out.println("Commands start with a slash, for example /search " + shorten(line) + ". Type /help for all.");
                continue;
            }
            StringBuilder text = new StringBuilder();
            List<ConsoleRenderer.Choice> offered = renderer.render(reply, text);
            // Revealing a part keeps the other parts on offer, so an answer can be read part by part.
            if (!fromChoice || !offered.isEmpty()) {
                choices = offered;
            }
            out.print(text);
            out.println();
            out.flush();
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) : text;
    }

    /** The caller the console acts as: one local user, allowed to manage its one "server". */
    public static Caller localCaller() {
        String user = Optional.ofNullable(System.getenv("USER")).filter(u -> !u.isBlank()).orElse("you");
        return new Caller("console", user, Optional.empty(), "console", true);
    }
}
