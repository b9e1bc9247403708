package dev.prepbot.practice;

import dev.prepbot.search.Suggestion;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.ActionHandler;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.AnswerPart;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Topics;
import dev.prepbot.commands.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /practice [topic]}: a private session of spaced repetition. Each card asks a question; "Show
 * answer" reveals the model answer with Again, Hard, Good and Easy, and the grade schedules the question
 * and brings the next one. Buttons carry the question and topic, so a session survives a restart.
 */
public final class PracticeCommand implements Command, ActionHandler {

    static final String SHOW = "practice-show";
    static final String GRADE = "practice-grade";
    /** Marks "any topic" in a button id, where an empty argument would be ambiguous. */
    private static final String ANY_TOPIC = "-";
    /**
     * Marks "the question's own topic", which is the session's topic whenever there is one: a topic's
     * name (up to 64 characters) does not fit beside a 64-character id in Discord's 100. Not a slug, so
     * no topic is ever read as it; buttons sent before it carried the topic's name, still read as such.
     */
    private static final String QUESTION_TOPIC = "_";

    private final Catalog bank;
    private final Practice practice;

    public PracticeCommand(Catalog bank, Practice practice) {
        this.bank = bank;
        this.practice = practice;
    }

    @Override
    public CommandSpec spec() {
        return new CommandSpec("practice", "Practise privately: missed and due questions come back on schedule",
                List.of(Topics.option()), List.of(), true);
    }

    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return true;
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<String> topic = request.text("topic");
        if (topic.isPresent() && !bank.hasTopic(request.caller().guildId(), topic.get())) {
            return Topics.unknown(bank, request.caller().guildId(), topic.get());
        }
        return nextCard(request.caller(), topic, Optional.empty());
    }

    @Override
    public List<String> actions() {
        return List.of(SHOW, GRADE);
    }

    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        Optional<String> guild = caller.guildId();
        Optional<Question> question = action.args().isEmpty() ? Optional.empty() : bank.byId(guild, action.args().get(0));
        if (guild.isEmpty()) {
            return Reply.Notice.privately("Practice works in a server channel.");
        }
        if (question.isEmpty()) {
            return Reply.Notice.privately("That question is no longer in the bank. /practice brings the next one.");
        }
        Optional<String> topic = action.args().size() > 1 ? topicOf(action.args().get(1), question.get())
                .filter(t -> bank.hasTopic(guild, t)) : Optional.empty();
        if (action.name().equals(SHOW)) {
            return answerCard(question.get(), topic);
        }
        Optional<Grade> grade = action.args().size() > 2 ? Grade.fromSlug(action.args().get(2)) : Optional.empty();
        if (grade.isEmpty()) {
            return Reply.Notice.privately("That button is not one I know. Try /practice again.");
        }
        Card card = practice.grade(guild.get(), caller.userId(), question.get().id(), grade.get());
        Text graded = Text.builder().plain(grade.get().label() + ": \"" + shorten(question.get().question())
                + "\" comes back ").countdown(card.due()).plain(".").build();
        return nextCard(caller, topic, Optional.of(graded));
    }

    /** How a button names the session's topic, as short as it can; see {@link #QUESTION_TOPIC}. */
    private static String topicArgument(Optional<String> topic, Question shown) {
        return topic.map(t -> t.equals(shown.topic()) ? QUESTION_TOPIC : t).orElse(ANY_TOPIC);
    }

    private static Optional<String> topicOf(String argument, Question shown) {
        return switch (argument) {
            case ANY_TOPIC -> Optional.empty();
            case QUESTION_TOPIC -> Optional.of(shown.topic());
            default -> Optional.of(argument);
        };
    }

    /** The next question of the session, or when there is none, when the next review is. */
    private Reply nextCard(Caller caller, Optional<String> topic, Optional<Text> before) {
        Practice.Next next = practice.next(caller.guildId().orElseThrow(), caller.userId(), topic);
        List<Reply.Section> sections = new ArrayList<>();
        before.ifPresent(b -> sections.add(new Reply.Section(Text.of("Scheduled"), b)));
        return switch (next) {
            case Practice.Next.Due due -> {
                sections.add(Reply.Section.of("Due for review", due.dueCount() == 1 ? "This is the last one due."
                        : due.dueCount() + " questions are due; this one has waited longest."));
                yield questionCard(due.question(), topic, sections);
            }
            case Practice.Next.Fresh fresh -> {
                Text.Builder note = Text.builder().plain("Nothing is due for review");
                fresh.nextReview().ifPresent(at -> note.plain(" (the next comes ").countdown(at).plain(")"));
                note.plain(". A new question from " + fresh.question().topic() + ", your weakest topic with new ones.");
                sections.add(new Reply.Section(Text.of("New question"), note.build()));
                yield questionCard(fresh.question(), topic, sections);
            }
            case Practice.Next.Nothing nothing -> {
                Text.Builder text = Text.builder().plain("You have practised every question"
                        + topic.map(t -> " of " + t).orElse("") + ", and none is due.");
                nothing.nextReview().ifPresent(at -> text.plain(" The next review comes ").countdown(at).plain("."));
                sections.add(new Reply.Section(Text.of("All done for now"), text.build()));
                yield new Reply.Card(Text.of("Practice"), sections, Optional.empty(), List.of(), Optional.empty(),
                        Visibility.PRIVATE);
            }
        };
    }

    private Reply.Card questionCard(Question q, Optional<String> topic, List<Reply.Section> sections) {
        List<Reply.Button> buttons = new ArrayList<>(List.of(new Reply.Button("Show answer",
                Action.of(SHOW, q.id(), topicArgument(topic, q)).id(), Reply.ButtonStyle.PRIMARY, false)));
        if (q.hasKeypoints()) {
            buttons.add(Reply.Button.of("Check my answer", Action.of(AnswerCards.CHECK, q.id()).id()));
        }
        return new Reply.Card(Text.of(q.question()), sections, Optional.of(AnswerCards.footer(q)), buttons,
                Optional.empty(), Visibility.PRIVATE);
    }

    private Reply.Card answerCard(Question q, Optional<String> topic) {
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of(AnswerPart.ANSWER.label(), q.answer()));
        q.explanation().ifPresent(e -> sections.add(Reply.Section.of(AnswerPart.EXPLANATION.label(), e)));
        if (q.hasKeypoints()) {
            sections.add(Reply.Section.of("Key points", "- " + String.join("\n- ", q.keypoints())));
        }
        sections.add(Reply.Section.of("How well did you know it?",
                "Again: not at all, it comes back tomorrow. Hard, Good, Easy: it comes back later each time."));
        List<Reply.Button> buttons = new ArrayList<>();
        for (Grade g : Grade.values()) {
            buttons.add(new Reply.Button(g.label(), Action.of(GRADE, q.id(), topicArgument(topic, q), g.slug()).id(),
                    g == Grade.AGAIN ? Reply.ButtonStyle.DANGER : g == Grade.GOOD ? Reply.ButtonStyle.SUCCESS
                            : Reply.ButtonStyle.SECONDARY, false));
        }
        return new Reply.Card(Text.of(q.question()), sections, Optional.of(AnswerCards.footer(q)), buttons,
                Optional.empty(), Visibility.PRIVATE);
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return Topics.OPTION.equals(option) ? Topics.suggest(bank, caller, typed) : List.of();
    }
}
