package dev.prepbot.practice;

import dev.prepbot.bank.Question;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.AnswerPart;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /review}: the quiz questions the member missed in the last 30 days, oldest first, answers on buttons. */
public final class ReviewCommand implements Command {

    /** Discord allows 25 buttons; the oldest misses come first, and /practice brings the rest back in time. */
    static final int SHOWN = 10;

    private final Practice practice;

    public ReviewCommand(Practice practice) {
        this.practice = practice;
    }

    @Override
    public CommandSpec spec() {
        return new CommandSpec("review", "The questions you missed in the last 30 days, with their answers",
                List.of(), List.of(), true);
    }

    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return true;
    }

    @Override
    public Reply handle(CommandRequest request) {
        List<Question> missed = practice.missed(request.caller().guildId().orElseThrow(), request.caller().userId());
        if (missed.isEmpty()) {
            return Reply.Notice.privately("You have missed no quiz question in the last 30 days. /practice has more.");
        }
        List<Reply.Section> sections = new ArrayList<>();
        List<Reply.Button> buttons = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN, missed.size()); i++) {
            Question q = missed.get(i);
            sections.add(new Reply.Section(Text.of((i + 1) + ". " + q.question()), AnswerCards.footer(q)));
            buttons.add(Reply.Button.of("Answer " + (i + 1), AnswerCards.revealId(AnswerPart.FULL, q)));
        }
        String title = "Missed in the last 30 days: " + missed.size()
                + (missed.size() > SHOWN ? " (the " + SHOWN + " oldest shown)" : "");
        return new Reply.Card(Text.of(title), sections, Optional.of(Text.of("/practice brings them back on schedule.")),
                buttons, Optional.empty(), Visibility.PRIVATE);
    }
}
