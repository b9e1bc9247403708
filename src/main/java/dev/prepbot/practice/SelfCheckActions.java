package dev.prepbot.practice;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.ActionHandler;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.AnswerPart;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Check my answer" on a question card: a form for the member's own answer, then a private verdict of
 * which key points it covered and which it missed, with the model answer. The answer is checked and
 * forgotten: nothing of it is stored.
 */
public final class SelfCheckActions implements ActionHandler {

    static final String CHECK = AnswerCards.CHECK;
    static final String SUBMIT = "check-answer";
    static final String ANSWER_FIELD = "answer";

    private final Catalog bank;
    private final SelfCheck selfCheck;

    public SelfCheckActions(Catalog bank, SelfCheck selfCheck) {
        this.bank = bank;
        this.selfCheck = selfCheck;
    }

    @Override
    public List<String> actions() {
        return List.of(CHECK, SUBMIT);
    }

    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        Optional<Question> question = question(action, caller);
        if (question.isEmpty() || !question.get().hasKeypoints()) {
            return Reply.Notice.privately("That question is not in the bank, or has no key points to check against.");
        }
        Reply.Field answer = new Reply.Field(ANSWER_FIELD, "Your answer, as you would say it", true, 1,
                SelfCheck.MAX_ANSWER, true, "", "Explain it in your own words; it is checked, then forgotten.");
        return new Reply.Form(Action.of(SUBMIT, question.get().id()).id(), "Check your answer", List.of(answer));
    }

    @Override
    public Reply onSubmit(Action action, Map<String, String> fields, Caller caller) {
        Optional<Question> question = question(action, caller);
        String answer = fields.getOrDefault(ANSWER_FIELD, "").strip();
        if (question.isEmpty() || !question.get().hasKeypoints()) {
            return Reply.Notice.privately("That question is not in the bank, or has no key points to check against.");
        }
        if (answer.isEmpty()) {
            return Reply.Notice.privately("Your answer was empty: write what you would say, then check it.");
        }
        return verdict(selfCheck.check(question.get(), answer));
    }

    private Optional<Question> question(Action action, Caller caller) {
        return action.args().size() == 1 ? bank.byId(caller.guildId(), action.args().get(0)) : Optional.empty();
    }

    private static Reply.Card verdict(SelfCheck.Result result) {
        Question q = result.question();
        List<Reply.Section> sections = new ArrayList<>();
        int total = q.keypoints().size();
        sections.add(Reply.Section.of("Covered: " + result.covered().size() + " of " + total,
                result.covered().isEmpty() ? "None yet." : "✓ " + String.join("\n✓ ", result.covered())));
        if (!result.missed().isEmpty()) {
            sections.add(Reply.Section.of("Missed", "✗ " + String.join("\n✗ ", result.missed())));
        }
        sections.add(Reply.Section.of(AnswerPart.ANSWER.label(), q.answer()));
        List<Reply.Button> buttons = List.of(Reply.Button.of(AnswerPart.FULL.label(), AnswerCards.revealId(AnswerPart.FULL, q)),
                Reply.Button.of("Try again", Action.of(CHECK, q.id()).id()));
        return new Reply.Card(Text.of(q.question()), sections, Optional.of(AnswerCards.footer(q)), buttons,
                Optional.empty(), Visibility.PRIVATE);
    }
}
