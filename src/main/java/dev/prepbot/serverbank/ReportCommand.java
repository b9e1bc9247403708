package dev.prepbot.serverbank;

import dev.prepbot.bank.Question;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.search.Suggestion;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code /report question reason [note]}: flags a question as wrong, unclear, outdated or a duplicate.
 * Reports on the server's own questions reach its curators ({@code /bank reports}); reports on built-in
 * ones are kept too, for whoever maintains the shipped bank ({@code prepbot reports}).
 */
public final class ReportCommand implements Command {

    static final int MAX_NOTE = 500;

    private final ServerBanks banks;
    private final Clock clock;
    private final RandomGenerator random;

    public ReportCommand(ServerBanks banks, Clock clock, RandomGenerator random) {
        this.banks = banks;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public CommandSpec spec() {
        return new CommandSpec("report", "Flag a question as wrong, unclear, outdated or a duplicate", List.of(
                OptionSpec.text("question", "Start typing the question", true).withAutocomplete(),
                OptionSpec.choice("reason", "What is wrong with it",
                        Arrays.stream(ReportReason.values()).map(ReportReason::slug).toList()).asRequired(),
                OptionSpec.text("note", "Anything the curators should know (at most 500 characters)", false)),
                List.of(), true);
    }

    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return true;
    }

    @Override
    public Reply handle(CommandRequest request) {
        Caller caller = request.caller();
        String guild = caller.guildId().orElseThrow();
        Optional<Question> question = request.text("question").flatMap(id -> banks.byId(caller.guildId(), id)
                .or(() -> banks.search().find(caller.guildId(), id)));
        if (question.isEmpty()) {
            return Reply.Notice.privately("No question matches that. Start typing it and pick one from the list.");
        }
        Optional<ReportReason> reason = request.text("reason").flatMap(ReportReason::fromSlug);
        if (reason.isEmpty()) {
            return Reply.Notice.privately("The reason must be wrong, unclear, outdated or duplicate.");
        }
        Optional<String> note = request.text("note");
        if (note.isPresent() && note.get().length() > MAX_NOTE) {
            return Reply.Notice.privately("The note has " + note.get().length() + " characters; at most " + MAX_NOTE
                    + " fit. Nothing was reported.");
        }
        String id = question.get().id();
        if (banks.store().hasOpenReport(guild, id, caller.userId())) {
            return Reply.Notice.privately("You have already reported this question; the curators will look at it.");
        }
        boolean builtIn = banks.builtIn().byId(id).filter(question.get()::equals).isPresent();
        banks.store().report(new Report(Long.toString(Math.abs(random.nextLong()), 36) + "-" + clock.millis(), guild, id,
                builtIn, caller.userId(), reason.get(), note, clock.instant(), Optional.empty()));
        return Reply.Notice.privately("Thanks: \"" + question.get().question() + "\" is reported as " + reason.get().slug()
                + (builtIn ? ". It is a built-in question; the report is kept for the bank's maintainers and this"
                + " server's curators." : ". This server's curators see it in /bank reports."));
    }

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return "question".equals(option) ? banks.search().suggest(caller.guildId(), typed, 25) : List.of();
    }
}
