package dev.prepbot.commands;

import dev.prepbot.bank.Question;
import dev.prepbot.search.GuildSearch;
import dev.prepbot.search.Suggestion;
import java.util.List;
import java.util.Optional;

/**
 * {@code /answer question [private]}: the model answer. The question option autocompletes to an id; a
 * user who types free text instead gets the best search match.
 */
public final class AnswerCommand implements Command {

    /** Related questions shown under an answer: enough to follow a thread, few enough to read. */
    static final int RELATED = 3;

    private final GuildSearch index;
    private final AnswerCards cards;

    public AnswerCommand(GuildSearch index, AnswerCards cards) {
        this.index = index;
        this.cards = cards;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("answer", "The model answer to a question",
                OptionSpec.text("question", "Start typing a question", true).withAutocomplete(),
                OptionSpec.flag("private", "Show the answer only to you"));
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<String> typed = request.text("question");
        if (typed.isEmpty()) {
            return Reply.Notice.privately("Tell me which question: start typing it and pick one from the list.");
        }
        Optional<String> guild = request.caller().guildId();
        Optional<Question> question = index.catalog().byId(guild, typed.get())
                .or(() -> index.find(guild, typed.get()));
        if (question.isEmpty()) {
            return Reply.Notice.privately("No question matches that. Try /search with other words.");
        }
        Reply.Card card = cards.answerCard(question.get(), request.flag("private") ? Visibility.PRIVATE : Visibility.PUBLIC);
        return cards.withRelated(card, index.related(guild, question.get(), RELATED));
    }

    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return request.flag("private");
    }

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return "question".equals(option) ? index.suggest(caller.guildId(), typed, 25) : List.of();
    }
}
