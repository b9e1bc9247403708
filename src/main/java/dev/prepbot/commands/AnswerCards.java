package dev.prepbot.commands;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cards that show a question and its model answer, shared by /question, /answer, /search and the
 * reveal buttons, and the handler of those buttons ({@code reveal:PART:ID}) and of the search menu
 * ({@code open}).
 */
public final class AnswerCards implements ActionHandler {

    static final String REVEAL = "reveal";
    static final String OPEN = "open";
    /** The self-check's button; its handler lives with practice, which owns the check. */
    public static final String CHECK = "check";
    static final String CHECK_LABEL = "Check my answer";

    /** Told when a member reveals the answer to a question they were asked, so practice can bring it back. */
    @FunctionalInterface
    public interface RevealListener {
        void revealed(Caller caller, Question question);
    }

    private final Catalog bank;
    private final RevealListener onReveal;

    public AnswerCards(Catalog bank) {
        this(bank, (caller, question) -> { });
    }

    public AnswerCards(Catalog bank, RevealListener onReveal) {
        this.bank = bank;
        this.onReveal = onReveal;
    }

    public static String revealId(AnswerPart part, Question q) {
        return Action.of(REVEAL, part.slug(), q.id()).id();
    }

    /**
     * The question alone, with buttons to reveal the short or the full answer, and to check one's own
     * answer against its key points when it has them.
     */
    public Reply.Card questionCard(Question q) {
        List<Reply.Button> buttons = new ArrayList<>(List.of(
                new Reply.Button(AnswerPart.ANSWER.label(), revealId(AnswerPart.ANSWER, q), Reply.ButtonStyle.PRIMARY, false),
                Reply.Button.of(AnswerPart.FULL.label(), revealId(AnswerPart.FULL, q))));
        if (q.hasKeypoints()) {
            buttons.add(Reply.Button.of(CHECK_LABEL, Action.of(CHECK, q.id()).id()));
        }
        return new Reply.Card(Text.of(q.question()), List.of(), Optional.of(footer(q)), buttons, Optional.empty(),
                Visibility.PUBLIC);
    }

    /** The model answer: short answer and explanation, with buttons for the example, mistakes and story. */
    public Reply.Card answerCard(Question q, Visibility visibility) {
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(section(AnswerPart.ANSWER, q));
        q.explanation().ifPresent(e -> sections.add(section(AnswerPart.EXPLANATION, q)));
        List<Reply.Button> buttons = new ArrayList<>();
        for (AnswerPart part : List.of(AnswerPart.EXAMPLE, AnswerPart.MISTAKES, AnswerPart.STORY)) {
            if (part.text(q).isPresent()) {
                buttons.add(Reply.Button.of(part.label(), revealId(part, q)));
            }
        }
        return new Reply.Card(Text.of(q.question()), sections, Optional.of(footer(q)), buttons, Optional.empty(),
                visibility);
    }

    /**
     * The card with questions related to its own: listed at the end, and a menu that opens one
     * privately, as the search menu does.
     */
    public Reply.Card withRelated(Reply.Card card, List<Question> related) {
        if (related.isEmpty()) {
            return card;
        }
        List<Reply.Section> sections = new ArrayList<>(card.sections());
        StringBuilder list = new StringBuilder();
        List<Reply.MenuOption> options = new ArrayList<>();
        for (Question r : related) {
            list.append(list.isEmpty() ? "" : "\n").append("• ").append(r.question());
            options.add(new Reply.MenuOption(r.question(), r.id(), r.topic() + " · " + r.difficulty().slug()));
        }
        sections.add(Reply.Section.of("Related questions", list.toString()));
        Reply.Menu menu = new Reply.Menu(Action.of(OPEN).id(), "Open a related question", options);
        return new Reply.Card(card.title(), sections, card.footer(), card.buttons(), Optional.of(menu), card.visibility());
    }

    /** Every part of the model answer at once. */
    public Reply.Card fullCard(Question q, Visibility visibility) {
        List<Reply.Section> sections = new ArrayList<>();
        for (AnswerPart part : AnswerPart.values()) {
            if (part.text(q).isPresent()) {
                sections.add(section(part, q));
            }
        }
        return new Reply.Card(Text.of(q.question()), sections, Optional.of(footer(q)), List.of(), Optional.empty(),
                visibility);
    }

    /** One part, shown only to whoever clicked. */
    public Reply.Card partCard(Question q, AnswerPart part) {
        if (part == AnswerPart.FULL) {
            return fullCard(q, Visibility.PRIVATE);
        }
        return new Reply.Card(Text.of(q.question()), List.of(section(part, q)), Optional.of(footer(q)), List.of(),
                Optional.empty(), Visibility.PRIVATE);
    }

    public static Text footer(Question q) {
        return Text.of(q.topic() + " · " + q.difficulty().slug() + " · " + q.id());
    }

    private static Reply.Section section(AnswerPart part, Question q) {
        return Reply.Section.of(part.label(), part.text(q).orElse(""));
    }

    @Override
    public List<String> actions() {
        return List.of(REVEAL, OPEN);
    }

    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        if (action.name().equals(OPEN)) {
            return values.stream().findFirst().flatMap(id -> bank.byId(caller.guildId(), id))
                    .<Reply>map(q -> answerCard(q, Visibility.PRIVATE))
                    .orElseGet(() -> Reply.Notice.privately("That question is no longer in the bank."));
        }
        if (action.args().size() != 2) {
            return Reply.Notice.privately("That button is not one I know. Try the command again.");
        }
        Optional<AnswerPart> part = AnswerPart.fromSlug(action.args().get(0));
        Optional<Question> question = bank.byId(caller.guildId(), action.args().get(1));
        if (part.isEmpty()) {
            return Reply.Notice.privately("That button is not one I know. Try the command again.");
        }
        if (question.isEmpty()) {
            return Reply.Notice.privately("That question is no longer in the bank.");
        }
        if (part.get().text(question.get()).isEmpty() && part.get() != AnswerPart.FULL) {
            return Reply.Notice.privately("This question has no " + part.get().label().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        if (part.get() == AnswerPart.ANSWER || part.get() == AnswerPart.FULL) {
            onReveal.revealed(caller, question.get());
        }
        return partCard(question.get(), part.get());
    }
}
