package dev.prepbot.quiz;

import dev.prepbot.commands.Caller;
import dev.prepbot.search.Suggestion;
import dev.prepbot.bank.Catalog;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Topics;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code /quiz start [topic] [questions] [seconds]} and {@code /quiz stop}. */
public final class QuizCommand implements Command {

    private final Catalog bank;
    private final QuizEngine engine;

    public QuizCommand(Catalog bank, QuizEngine engine) {
        this.bank = bank;
        this.engine = engine;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec start = new CommandSpec("start", "Start a timed multiple-choice round in this channel", List.of(
                Topics.option(),
                OptionSpec.integer("questions", "How many questions (1-20, default 5)",
                        QuizEngine.MIN_QUESTIONS, QuizEngine.MAX_QUESTIONS),
                OptionSpec.integer("seconds", "Seconds per question (10-120, default 20)",
                        QuizEngine.MIN_SECONDS, QuizEngine.MAX_SECONDS)), List.of(), true);
        CommandSpec stop = new CommandSpec("stop", "Stop the round in this channel (its starter or Manage Server)",
                List.of(), List.of(), true);
        return new CommandSpec("quiz", "Timed quiz rounds", List.of(), List.of(start, stop), true);
    }

    @Override
    public Reply handle(CommandRequest request) {
        if (request.subcommand().filter("stop"::equals).isPresent()) {
            return engine.stop(request.caller());
        }
        Optional<String> topic = request.text("topic");
        if (topic.isPresent() && !bank.hasTopic(request.caller().guildId(), topic.get())) {
            return Topics.unknown(bank, request.caller().guildId(), topic.get());
        }
        try {
            OptionalLong questions = request.integer("questions");
            OptionalLong seconds = request.integer("seconds");
            long n = questions.orElse(QuizEngine.DEFAULT_QUESTIONS);
            long s = seconds.orElse(QuizEngine.DEFAULT_SECONDS);
            if (n < QuizEngine.MIN_QUESTIONS || n > QuizEngine.MAX_QUESTIONS) {
                return Reply.Notice.privately("A round has 1 to 20 questions.");
            }
            if (s < QuizEngine.MIN_SECONDS || s > QuizEngine.MAX_SECONDS) {
                return Reply.Notice.privately("Each question lasts 10 to 120 seconds.");
            }
            return engine.start(request.caller(), topic, (int) n, (int) s);
        } catch (CommandRequest.InvalidOptionException e) {
            return Reply.Notice.privately(e.getMessage());
        }
    }

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return Topics.OPTION.equals(option) ? Topics.suggest(bank, caller, typed) : List.of();
    }
}
