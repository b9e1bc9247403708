package dev.prepbot.console;

import dev.prepbot.commands.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The console over plain streams: lines read as they come, replies printed as plain text with no
 * escape codes, countdowns printed once. Scripts and tests pipe commands through it and read its
 * output, so its output stays exactly as it is. {@code prompting} adds a greeting and a prompt before
 * each line, for a person typing without line editing.
 */
public final class PipedIo implements ConsoleIo {

    static final String PROMPT = "prepbot> ";

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean prompting;
    private final ConsoleRenderer renderer;

    public PipedIo(BufferedReader in, PrintStream out, boolean prompting, ConsoleRenderer renderer) {
        this.in = in;
        this.out = out;
        this.prompting = prompting;
        this.renderer = renderer;
    }

    @Override
    public void welcome() {
        if (prompting) {
            out.println(Console.WELCOME);
        }
    }

    @Override
    public Optional<String> readLine(Completions completions) throws IOException {
        if (prompting) {
            out.print(PROMPT);
            out.flush();
        }
        return Optional.ofNullable(in.readLine());
    }

    @Override
    public List<ConsoleRenderer.Choice> show(Reply reply) {
        StringBuilder text = new StringBuilder();
        List<ConsoleRenderer.Choice> choices = renderer.render(reply, text);
        out.print(text);
        out.println();
        out.flush();
        return choices;
    }

    @Override
    public void say(String line) {
        out.println(line);
    }

    @Override
    public void posted(Reply.Card card) {
        // A pipe shows a countdown once, as the card printed it.
    }
}
