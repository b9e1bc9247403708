package dev.prepbot.quiz;

import dev.prepbot.bank.Catalog;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.ActionHandler;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Channels;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.QuizStore;
import dev.prepbot.store.RoundRecord;
import dev.prepbot.store.RoundStatus;
import dev.prepbot.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timed multiple-choice rounds, one per channel. Each question is posted with four buttons and a
 * countdown; each player's first click counts and is written to storage before anything is shown;
 * the question closes when its time is up (or, from the second question on, once everyone who
 * answered the previous one has answered), its message is edited to show the right answer and who
 * got it, and the round ends with a summary. Time comes from the injected clock and scheduler.
 */
public final class QuizEngine implements ActionHandler {

    private static final Logger log = LoggerFactory.getLogger(QuizEngine.class);

    public static final int MIN_QUESTIONS = 1;
    public static final int MAX_QUESTIONS = 20;
    public static final int DEFAULT_QUESTIONS = 5;
    public static final int MIN_SECONDS = 10;
    public static final int MAX_SECONDS = 120;
    public static final int DEFAULT_SECONDS = 20;
    /** Rounds one guild may run at once, so one server cannot tie up the bot. */
    public static final int MAX_ROUNDS_PER_GUILD = 5;
    /** A pause to read the result before the next question appears. */
    static final Duration BETWEEN_QUESTIONS = Duration.ofSeconds(4);
    static final String ACTION = "quiz";

    private final QuizStore store;
    private final AnswerSink answers;
    private final Leaderboard leaderboard;
    private final Channels channels;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final QuestionPicker picker;
    private final Map<String, Round> byChannel = new ConcurrentHashMap<>();
    private final Map<String, Round> byId = new ConcurrentHashMap<>();

    /**
     * Where a click's answer goes to be stored; the future completes, with whether it was stored (false:
     * the player had answered already), once the answer is durable.
     */
    @FunctionalInterface
    public interface AnswerSink {
        CompletableFuture<Boolean> write(AnswerRecord answer);
    }

    /** Stores each answer in a transaction of its own, at once: for tests and the console. */
    public QuizEngine(Catalog bank, SearchIndex index, QuizStore store, Leaderboard leaderboard, Channels channels,
                      Clock clock, Scheduler scheduler, RandomGenerator random) {
        this(bank, index, store, answer -> {
            boolean stored = store.recordAnswer(answer);
            if (stored) {
                leaderboard.invalidate(answer.guildId());
            }
            return CompletableFuture.completedFuture(stored);
        }, leaderboard, channels, clock, scheduler, random);
    }

    /** Stores answers through {@code answers}, such as a group-committing writer for a crowd of players. */
    public QuizEngine(Catalog bank, SearchIndex index, QuizStore store, AnswerSink answers, Leaderboard leaderboard,
                      Channels channels, Clock clock, Scheduler scheduler, RandomGenerator random) {
        this.store = store;
        this.answers = answers;
        this.leaderboard = leaderboard;
        this.channels = channels;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.picker = new QuestionPicker(bank, index);
    }

    /** One player's answer to the open question. */
    private record Answer(String userName, int choice, boolean correct, int points, long millis) {
    }

    /** A player's running totals in a round. */
    private static final class Total {
        String name;
        long points;
        int answered;
        int correct;
    }

    /** A round in progress; every field is guarded by the round's own monitor. */
    private static final class Round {
        final String id;
        final String guildId;
        final String channelId;
        final String starterId;
        final Optional<String> topic;
        final List<QuizQuestion> questions;
        final Duration limit;
        int index = -1;
        boolean open;
        boolean over;
        Instant openedAt;
        Optional<String> messageId = Optional.empty();
        Map<String, Answer> answers = new LinkedHashMap<>();
        /** Players whose click on the open question is being stored: a second click is refused meanwhile. */
        Set<String> claimed = new HashSet<>();
        Set<String> previousAnswerers = Set.of();
        final Map<String, Total> totals = new LinkedHashMap<>();
        String fastestName;
        long fastestMillis = Long.MAX_VALUE;
        int fastestQuestion;
        Scheduler.Task timer;

        Round(String id, String guildId, String channelId, String starterId, Optional<String> topic,
              List<QuizQuestion> questions, Duration limit) {
            this.id = id;
            this.guildId = guildId;
            this.channelId = channelId;
            this.starterId = starterId;
            this.topic = topic;
            this.questions = questions;
            this.limit = limit;
        }
    }

    // ---- starting and stopping --------------------------------------------------------------

    public Reply start(Caller caller, Optional<String> topic, int count, int seconds) {
        String guild = caller.guildId().orElseThrow();
        Round running = byChannel.get(caller.channelId());
        if (running != null) {
            return Reply.Notice.privately("A round is already running in this channel: " + link(running)
                    + " Wait for it to end, or ask its starter to /quiz stop it.");
        }
        long inGuild = byId.values().stream().filter(r -> r.guildId.equals(guild)).count();
        if (inGuild >= MAX_ROUNDS_PER_GUILD) {
            return Reply.Notice.privately("This server already has " + MAX_ROUNDS_PER_GUILD
                    + " rounds running. Try again when one has ended.");
        }
        List<QuizQuestion> questions = picker.pick(Optional.of(guild), topic, count, random);
        if (questions.isEmpty()) {
            return Reply.Notice.privately("There are no quiz questions" + topic.map(t -> " in " + t).orElse("") + " yet.");
        }
        Round round = new Round(newId(), guild, caller.channelId(), caller.userId(), topic, questions,
                Duration.ofSeconds(seconds));
        if (byChannel.putIfAbsent(caller.channelId(), round) != null) {
            return Reply.Notice.privately("A round is already running in this channel.");
        }
        byId.put(round.id, round);
        store.openRound(new RoundRecord(round.id, guild, round.channelId, round.starterId, topic, questions.size(),
                seconds, RoundStatus.RUNNING, Optional.empty(), clock.instant()));
        askNext(round);
        String what = questions.size() + (questions.size() == 1 ? " question" : " questions") + " of "
                + topic.orElse("all topics") + ", " + seconds + " seconds each";
        if (questions.size() < count) {
            what += " (all there are)";
        }
        return new Reply.Card(Text.of("Quiz round starting"), List.of(
                Reply.Section.of("", what + ". Click A, B, C or D: your first click counts, and faster right answers score more.")),
                Optional.of(Text.of("Started by " + caller.displayName())), List.of(), Optional.empty(), Visibility.PUBLIC);
    }

    public Reply stop(Caller caller) {
        Round round = byChannel.get(caller.channelId());
        if (round == null) {
            return Reply.Notice.privately("No round is running in this channel.");
        }
        if (!round.starterId.equals(caller.userId()) && !caller.canManageServer()) {
            return Reply.Notice.privately("Only the person who started the round, or a member with Manage Server, can stop it.");
        }
        synchronized (round) {
            if (round.over) {
                return Reply.Notice.privately("The round has just ended.");
            }
            if (round.open) {
                closeQuestion(round, false);
            }
            finish(round, RoundStatus.STOPPED);
        }
        return new Reply.Notice("Round stopped by " + caller.displayName() + ".", Visibility.PUBLIC);
    }

    /** Rounds running in this process now, for the health line. */
    public int roundsRunning() {
        return byId.size();
    }

    /** Whether a round is running in the channel. */
    public boolean running(String channelId) {
        return byChannel.containsKey(channelId);
    }

    /**
     * Closes rounds that were running when the bot last stopped: their message says the round was
     * interrupted; the scores already written stay.
     */
    public void recoverInterrupted() {
        recoverInterrupted(guild -> true);
    }

    /**
     * The same for the guilds {@code ownsGuild} accepts only: with shards, another process sharing the
     * database is running the other guilds' rounds, which are not interrupted at all.
     */
    public void recoverInterrupted(java.util.function.Predicate<String> ownsGuild) {
        for (RoundRecord r : store.runningRounds()) {
            if (byId.containsKey(r.id()) || !ownsGuild.test(r.guildId())) {
                continue;
            }
            store.closeRound(r.id(), RoundStatus.INTERRUPTED, clock.instant());
            r.messageId().ifPresent(message -> channels.edit(r.channelId(), message, interruptedCard())
                    .exceptionally(e -> {
                        log.warn("could not mark round {} as interrupted: {}", r.id(), e.getMessage());
                        return null;
                    }));
        }
    }

    // ---- questions ---------------------------------------------------------------------------

    private void askNext(Round round) {
        synchronized (round) {
            if (round.over) {
                return;
            }
            round.index++;
            round.open = true;
            round.openedAt = clock.instant();
            round.answers = new LinkedHashMap<>();
            round.claimed = new HashSet<>();
            int index = round.index;
            round.timer = scheduler.schedule(round.limit, () -> onTimeUp(round, index));
            channels.post(round.channelId, questionCard(round, false)).whenComplete((messageId, error) -> {
                if (error != null) {
                    log.warn("could not post question {} of round {}: {}", index + 1, round.id, error.getMessage());
                    synchronized (round) {
                        if (!round.over) {
                            finish(round, RoundStatus.STOPPED);
                        }
                    }
                    return;
                }
                synchronized (round) {
                    if (round.index == index) {
                        round.messageId = Optional.of(messageId);
                    }
                }
                store.setRoundMessage(round.id, messageId);
            });
        }
    }

    private void onTimeUp(Round round, int index) {
        synchronized (round) {
            if (!round.over && round.open && round.index == index) {
                closeQuestion(round, true);
            }
        }
    }

    /** Shows the result of the open question; then the next question or the summary, when {@code goOn}. */
    private void closeQuestion(Round round, boolean goOn) {
        round.open = false;
        if (round.timer != null) {
            round.timer.cancel();
        }
        round.previousAnswerers = Set.copyOf(round.answers.keySet());
        Reply.Card result = questionCard(round, true);
        round.messageId.ifPresent(message -> channels.edit(round.channelId, message, result)
                .exceptionally(e -> {
                    log.warn("could not show the result of round {}: {}", round.id, e.getMessage());
                    return null;
                }));
        if (!goOn) {
            return;
        }
        if (round.index + 1 < round.questions.size()) {
            scheduler.schedule(BETWEEN_QUESTIONS, () -> askNext(round));
        } else {
            finish(round, RoundStatus.FINISHED);
        }
    }

    private void finish(Round round, RoundStatus status) {
        round.over = true;
        round.open = false;
        if (round.timer != null) {
            round.timer.cancel();
        }
        store.closeRound(round.id, status, clock.instant());
        byChannel.remove(round.channelId, round);
        byId.remove(round.id);
        channels.post(round.channelId, summaryCard(round, status)).exceptionally(e -> {
            log.warn("could not post the summary of round {}: {}", round.id, e.getMessage());
            return null;
        });
    }

    // ---- answers -----------------------------------------------------------------------------

    @Override
    public List<String> actions() {
        return List.of(ACTION);
    }

    /** A click on A-D: {@code quiz:ROUND:QUESTION:OPTION}. */
    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        if (action.args().size() != 3) {
            return Reply.Notice.privately("That button is not one I know.");
        }
        Round round = byId.get(action.args().get(0));
        Optional<Integer> index = number(action.args().get(1));
        Optional<Integer> option = number(action.args().get(2));
        if (round == null || index.isEmpty() || option.isEmpty() || option.get() > 3) {
            return Reply.Notice.privately("This round is over.");
        }
        if (!caller.guildId().equals(Optional.of(round.guildId))) {
            return Reply.Notice.privately("That button belongs to a round in another server.");
        }
        AnswerRecord record;
        synchronized (round) {
            if (round.over || !round.open || round.index != index.get()) {
                return Reply.Notice.privately("This question is closed.");
            }
            if (round.answers.containsKey(caller.userId()) || !round.claimed.add(caller.userId())) {
                return Reply.Notice.privately("You already answered this question.");
            }
            QuizQuestion question = round.questions.get(round.index);
            Instant now = clock.instant();
            long millis = Math.max(0, Duration.between(round.openedAt, now).toMillis());
            boolean correct = option.get() == question.correct();
            int points = Scoring.points(correct, Duration.ofMillis(millis), round.limit);
            record = new AnswerRecord(round.id, round.index, question.question().id(), question.question().topic(),
                    round.guildId, caller.userId(), caller.displayName(), option.get(), correct, points, millis, now,
                    Optional.of(question.options().get(option.get())));
        }
        // Stored and committed before anyone is shown anything about this answer; the round is not held
        // meanwhile, so a crowd's clicks are committed together rather than one after another.
        boolean stored;
        try {
            stored = answers.write(record).join();
        } catch (CompletionException e) {
            synchronized (round) {
                round.claimed.remove(caller.userId());
            }
            log.error("could not store an answer in round {}: {}", round.id, e.getCause().getMessage());
            return Reply.Notice.privately("Your answer could not be saved. Please click again.");
        }
        if (!stored) {
            return Reply.Notice.privately("You already answered this question.");
        }
        synchronized (round) {
            count(round, record);
        }
        return Reply.Notice.privately("Locked in " + QuizQuestion.letter(record.choice()) + ".");
    }

    /** Adds a stored answer to the round: its question's answers if still open, and the player's totals. */
    private void count(Round round, AnswerRecord a) {
        if (round.index == a.questionIndex()) {
            round.answers.put(a.userId(), new Answer(a.userName(), a.choice(), a.correct(), a.points(), a.millis()));
        }
        Total total = round.totals.computeIfAbsent(a.userId(), id -> new Total());
        total.name = a.userName();
        total.points += a.points();
        total.answered++;
        if (a.correct()) {
            total.correct++;
            if (a.millis() < round.fastestMillis) {
                round.fastestMillis = a.millis();
                round.fastestName = a.userName();
                round.fastestQuestion = a.questionIndex() + 1;
            }
        }
        if (round.open && !round.over && round.index == a.questionIndex() && round.index > 0
                && !round.previousAnswerers.isEmpty() && round.answers.keySet().containsAll(round.previousAnswerers)) {
            closeQuestion(round, true);
        }
    }

    // ---- cards -------------------------------------------------------------------------------

    private Reply.Card questionCard(Round round, boolean closed) {
        QuizQuestion q = round.questions.get(round.index);
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("", q.question().question()));
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            boolean right = closed && i == q.correct();
            options.append(right ? "✅ " : "").append(QuizQuestion.letter(i)).append(") ").append(q.options().get(i)).append('\n');
        }
        sections.add(Reply.Section.of("", options.toString().strip()));
        if (closed) {
            List<String> winners = round.answers.values().stream().filter(Answer::correct)
                    .sorted(Comparator.comparingLong(Answer::millis))
                    .map(a -> a.userName() + " (+" + a.points() + ")").toList();
            sections.add(Reply.Section.of("Right answer: " + QuizQuestion.letter(q.correct()),
                    winners.isEmpty() ? "Nobody got it right." : "Got it: " + String.join(", ", winners)));
        } else {
            sections.add(new Reply.Section(Text.of(""), Text.builder().plain("Time's up ")
                    .countdown(round.openedAt.plus(round.limit)).plain(".").build()));
        }
        List<Reply.Button> buttons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = Action.of(ACTION, round.id, Integer.toString(round.index), Integer.toString(i)).id();
            Reply.ButtonStyle style = closed && i == q.correct() ? Reply.ButtonStyle.SUCCESS : Reply.ButtonStyle.PRIMARY;
            buttons.add(new Reply.Button(QuizQuestion.letter(i), id, style, closed));
        }
        Text title = Text.of("Question " + (round.index + 1) + " of " + round.questions.size());
        Text footer = Text.of(q.question().topic() + " · " + q.question().difficulty().slug());
        return new Reply.Card(title, sections, Optional.of(footer), buttons, Optional.empty(), Visibility.PUBLIC);
    }

    private Reply.Card summaryCard(Round round, RoundStatus status) {
        List<Map.Entry<String, Total>> ranking = new ArrayList<>(round.totals.entrySet());
        ranking.sort(Comparator.<Map.Entry<String, Total>>comparingLong(e -> -e.getValue().points)
                .thenComparing(e -> -e.getValue().correct));
        StringBuilder lines = new StringBuilder();
        int place = 0;
        for (Map.Entry<String, Total> e : ranking) {
            Total t = e.getValue();
            lines.append(++place).append(". ").append(t.name).append(": ").append(t.points).append(" points, ")
                    .append(t.correct).append('/').append(t.answered).append(" right (")
                    .append(percent(t.correct, t.answered)).append(")\n");
        }
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Ranking", ranking.isEmpty() ? "Nobody answered." : lines.toString().strip()));
        if (round.fastestName != null) {
            sections.add(Reply.Section.of("Fastest right answer", round.fastestName + ", "
                    + String.format(Locale.ROOT, "%.1f", round.fastestMillis / 1000.0) + " s on question " + round.fastestQuestion));
        }
        String title = status == RoundStatus.STOPPED ? "Round stopped" : "Round over";
        return new Reply.Card(Text.of(title), sections, Optional.of(Text.of("/leaderboard shows the standings")),
                List.of(), Optional.empty(), Visibility.PUBLIC);
    }

    static Reply.Card interruptedCard() {
        return new Reply.Card(Text.of("Round interrupted"), List.of(Reply.Section.of("",
                "This round was interrupted when the bot restarted. Points already scored are kept; /quiz start begins a new round.")),
                Optional.empty(), List.of(), Optional.empty(), Visibility.PUBLIC);
    }

    static String percent(int part, int whole) {
        return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "%";
    }

    private static String link(Round round) {
        return round.messageId.map(m -> "https://discord.com/channels/" + round.guildId + "/" + round.channelId + "/" + m)
                .orElse("it is just starting.");
    }

    private String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static Optional<Integer> number(String text) {
        if (!text.matches("\\d{1,2}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    /** Players who answered the question, for tests. */
    Set<String> answerers(String channelId) {
        Round round = byChannel.get(channelId);
        if (round == null) {
            return Set.of();
        }
        synchronized (round) {
            return new HashSet<>(round.answers.keySet());
        }
    }
}
