package dev.prepbot.console;

import dev.prepbot.commands.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where the console reads what its user types and shows what it answers: plain lines through a pipe
 * ({@link PipedIo}), or a terminal with line editing, completion and text fitted to its width
 * ({@link TerminalIo}). Replies may be shown from other threads (a quiz question posted by its timer)
 * while a line is being read.
 */
public interface ConsoleIo {

    /** Said once, before the first line is read. */
    void welcome();

    /** The next line typed, or empty at the end of input; {@code completions} are what Tab offers in it. */
    Optional<String> readLine(Completions completions) throws IOException;

    /** Shows a reply and returns the numbered choices it offers, in order. */
    List<ConsoleRenderer.Choice> show(Reply reply);

    /** Shows one line of the console's own, such as a hint after a mistyped choice. */
    void say(String line);

    /** Told of every card posted to the console's channel after it is shown: a quiz question counts down. */
    void posted(Reply.Card card);
}
