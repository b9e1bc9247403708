package dev.prepbot.mock;

import dev.prepbot.commands.Caller;
import dev.prepbot.search.Suggestion;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code /mock start|stop|queue|leave|solo}: mock interviews in pairs, or on one's own. */
public final class MockCommand implements Command {

    private final Catalog catalog;
    private final MockInterviews interviews;
    private final MockSolo solo;

    public MockCommand(Catalog catalog, MockInterviews interviews, MockSolo solo) {
        this.catalog = catalog;
        this.interviews = interviews;
        this.solo = solo;
    }

    private static OptionSpec difficulty() {
        return OptionSpec.choice("difficulty", "Question difficulty (default: any)",
                Arrays.stream(Difficulty.values()).map(Difficulty::slug).toList());
    }

    private static OptionSpec minutes() {
        return OptionSpec.integer("minutes", "Minutes a round (1-60, default 15)", MockInterviews.MIN_MINUTES,
                MockInterviews.MAX_MINUTES);
    }

    @Override
    public CommandSpec spec() {
        CommandSpec start = new CommandSpec("start", "Open a lobby for mock interviews in pairs (2-20 members)",
                List.of(Topics.option(), difficulty(), minutes()), List.of(), true);
        CommandSpec stop = new CommandSpec("stop", "End the mock interview session in this channel", List.of(),
                List.of(), true);
        CommandSpec queue = new CommandSpec("queue", "Wait for a partner: two at the same difficulty are matched at once",
                List.of(difficulty()), List.of(), true);
        CommandSpec leave = new CommandSpec("leave", "Leave the queue, a lobby or your mock interview", List.of(),
                List.of(), true);
        CommandSpec alone = new CommandSpec("solo", "A mock interview on your own: the card, a timer, a checklist",
                List.of(Topics.option(), difficulty(), minutes()), List.of(), true);
        return new CommandSpec("mock", "Mock interviews in pairs, with a rubric, a timer and scores", List.of(),
                List.of(start, stop, queue, leave, alone), true);
    }

    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return true;
    }

    @Override
    public Reply handle(CommandRequest request) {
        String sub = request.subcommand().orElse("start");
        Optional<String> topic = request.text("topic");
        if (topic.isPresent() && !catalog.hasTopic(request.caller().guildId(), topic.get())) {
            return Topics.unknown(catalog, request.caller().guildId(), topic.get());
        }
        Optional<String> level = request.text("difficulty");
        Optional<Difficulty> difficulty = level.flatMap(Difficulty::fromSlug);
        if (level.isPresent() && difficulty.isEmpty()) {
            return Reply.Notice.privately("The difficulty is easy, medium or hard.");
        }
        int minutes;
        try {
            OptionalLong given = request.integer("minutes");
            long m = given.orElse(MockInterviews.DEFAULT_MINUTES);
            if (m < MockInterviews.MIN_MINUTES || m > MockInterviews.MAX_MINUTES) {
                return Reply.Notice.privately("A round lasts 1 to 60 minutes.");
            }
            minutes = (int) m;
        } catch (CommandRequest.InvalidOptionException e) {
            return Reply.Notice.privately(e.getMessage());
        }
        return switch (sub) {
            case "stop" -> interviews.stop(request.caller());
            case "queue" -> interviews.queue(request.caller(), difficulty);
            case "leave" -> interviews.leave(request.caller());
            case "solo" -> solo.start(request.caller(), topic, difficulty, minutes);
            default -> interviews.start(request.caller(), topic, difficulty, minutes);
        };
    }

    /** Mock interviews draw from the questions the server sees, its own included: their topics are offered. */
    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return Topics.OPTION.equals(option) ? Topics.suggest(catalog, caller, typed) : List.of();
    }
}
