package dev.prepbot.mock;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.ActionHandler;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Channels;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import dev.prepbot.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A mock interview on one's own (the console's, and anyone's on Discord): the interviewer's card for
 * oneself, a timer that says when time is up, and the rubric to tick oneself. The ticks so far ride in
 * the button ids, so nothing is stored until the last tick, when misses join the practice schedule.
 */
public final class MockSolo implements ActionHandler {

    static final String ACTION = "mock-solo";

    private final Catalog catalog;
    private final Channels channels;
    private final MockInterviews.Lapses lapses;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;

    public MockSolo(Catalog catalog, Channels channels, MockInterviews.Lapses lapses, Clock clock, Scheduler scheduler,
                    RandomGenerator random) {
        this.catalog = catalog;
        this.channels = channels;
        this.lapses = lapses;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
    }

    @Override
    public List<String> actions() {
        return List.of(ACTION);
    }

    public Reply start(Caller caller, Optional<String> topic, Optional<Difficulty> difficulty, int minutes) {
        List<Question> pool = Rubric.toAskFrom(catalog.select(caller.guildId(), topic, difficulty));
        if (pool.isEmpty()) {
            return Reply.Notice.privately("There are no questions" + topic.map(t -> " in " + t).orElse("")
                    + difficulty.map(d -> " at " + d.slug()).orElse("") + ".");
        }
        Question question = pool.get(random.nextInt(pool.size()));
        Instant endsAt = clock.instant().plus(Duration.ofMinutes(minutes));
        String tickId = Action.of(ACTION, "tick", question.id(), "").id();
        scheduler.schedule(Duration.ofMinutes(minutes), () -> channels.post(caller.channelId(), new Reply.Card(
                Text.of("Time is up, " + caller.displayName()), List.of(Reply.Section.of("",
                        "Tick each key point of your answer: covered, partly or missed.")), Optional.empty(),
                List.of(new Reply.Button("Tick my answer", tickId, Reply.ButtonStyle.PRIMARY, false)),
                Optional.empty(), Visibility.PUBLIC)));
        Rubric rubric = Rubric.of(question);
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Question", question.question()));
        sections.add(new Reply.Section(Text.of("Time"), Text.builder().plain("Answer aloud; time is up ")
                .countdown(endsAt).plain(".").build()));
        sections.add(Reply.Section.of(rubric.heading(), "☐ " + String.join("\n☐ ", rubric.points())));
        List<String> followUps = MockCards.followUps(question, random);
        StringBuilder asks = new StringBuilder();
        for (int i = 0; i < followUps.size(); i++) {
            asks.append(i + 1).append(". ").append(followUps.get(i)).append('\n');
        }
        sections.add(Reply.Section.of("Then answer these follow-ups", asks.toString().strip()));
        return new Reply.Card(Text.of("Solo mock interview: " + minutes + (minutes == 1 ? " minute" : " minutes")),
                sections, Optional.of(AnswerCards.footer(question)),
                List.of(Reply.Button.of("Model answer", Action.of(ACTION, "answer", question.id()).id()),
                        new Reply.Button("Tick my answer", tickId, Reply.ButtonStyle.PRIMARY, false)),
                Optional.empty(), Visibility.PRIVATE);
    }

    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        List<String> args = action.args();
        Optional<Question> question = args.size() >= 2 ? catalog.byId(caller.guildId(), args.get(1)) : Optional.empty();
        if (question.isEmpty()) {
            return Reply.Notice.privately("That question is no longer in the bank.");
        }
        if (args.get(0).equals("answer") && args.size() == 2) {
            return MockCards.modelAnswer(question.get());
        }
        if (!args.get(0).equals("tick") || args.size() != 3 || !args.get(2).matches("[cpm]{0,8}")) {
            return Reply.Notice.privately("That button is not one I know. Try the command again.");
        }
        Rubric rubric = Rubric.of(question.get());
        String codes = args.get(2);
        if (codes.length() < rubric.points().size()) {
            Reply.Card ask = MockCards.tick("tick", List.of(question.get().id()), rubric, codes.length());
            // The tick buttons carry the ticks so far followed by this one.
            List<Reply.Button> buttons = ask.buttons().stream().map(b -> new Reply.Button(b.label(),
                    Action.of(ACTION, "tick", question.get().id(), codes + b.actionId().charAt(b.actionId().length() - 1)).id(),
                    b.style(), false)).toList();
            return new Reply.Card(ask.title(), ask.sections(), ask.footer(), buttons, Optional.empty(), Visibility.PRIVATE);
        }
        MockScore score = new MockScore("solo", 1, caller.guildId().orElse(""), caller.userId(), caller.userId(),
                question.get().id(), question.get().topic(), MockScore.parseTicks(codes.substring(0, rubric.points().size())),
                java.util.OptionalInt.empty(), Optional.empty(), clock.instant());
        boolean missed = score.ticks().stream().anyMatch(t -> t.equals(Optional.of(Tick.MISSED)));
        if (missed) {
            caller.guildId().ifPresent(guild -> lapses.missed(guild, caller.userId(), question.get().id()));
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < rubric.points().size(); i++) {
            Tick t = score.ticks().get(i).orElseThrow();
            lines.append(t.mark()).append(' ').append(rubric.points().get(i)).append(" (").append(t.label()).append(")\n");
        }
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Your checklist", lines.toString().strip()));
        if (missed) {
            sections.add(Reply.Section.of("Practice", "The question joins your /practice schedule, due tomorrow."));
        }
        return new Reply.Card(Text.of(question.get().question()), sections, Optional.of(AnswerCards.footer(question.get())),
                List.of(Reply.Button.of("Model answer", Action.of(ACTION, "answer", question.get().id()).id())),
                Optional.empty(), Visibility.PRIVATE);
    }
}
