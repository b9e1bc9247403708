package dev.prepbot.quiz;

import dev.prepbot.bank.Catalog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Reply;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.AnswerWriter;
import dev.prepbot.store.Database;
import dev.prepbot.store.RoundStatus;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.store.Standing;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.RecordingChannels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuizEngineTest {

    @TempDir
    Path dir;

    private final Bank bank = Questions.sample();
    private final SearchIndex index = SearchIndex.build(bank);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-04T10:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingChannels channels = new RecordingChannels();
    private Database db;
    private SqlQuizStore store;
    private Leaderboard leaderboard;
    private QuizEngine engine;

    private static final Caller ADA = new Caller("ada", "Ada", Optional.of("g1"), "c1", false);
    private static final Caller BOB = new Caller("bob", "Bob", Optional.of("g1"), "c1", false);
    private static final Caller ADMIN = new Caller("root", "Root", Optional.of("g1"), "c1", true);

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("quiz.db").toString(), clock);
        store = new SqlQuizStore(db);
        leaderboard = new Leaderboard(store, clock);
        engine = new QuizEngine(Catalog.of(bank), index, store, leaderboard, channels, clock, scheduler, new Random(7));
    }

    @AfterEach
    void close() {
        db.close();
        index.close();
    }

    /** Starts a round and runs the scheduler until its first question is posted. */
    private RecordingChannels.Posted start(Caller caller, int questions, int seconds) {
        assertInstanceOf(Reply.Card.class, engine.start(caller, Optional.empty(), questions, seconds));
        scheduler.runUntil(clock.instant());
        return channels.last();
    }

    private Reply click(Caller caller, RecordingChannels.Posted question, int option) {
        String id = question.card().buttons().get(option).actionId();
        return engine.onAction(Action.parse(id).orElseThrow(), List.of(), caller);
    }

    private static int rightOption(RecordingChannels.Posted question, Bank bank) {
        String text = question.card().sections().get(0).body().plain();
        String choice = bank.questions().stream().filter(q -> q.question().equals(text)).findFirst().orElseThrow()
                .choice().orElseThrow();
        String options = question.card().sections().get(1).body().plain();
        String[] lines = options.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith(choice)) {
                return i;
            }
        }
        throw new AssertionError("no right option in " + options);
    }

    private static String notice(Reply reply) {
        return assertInstanceOf(Reply.Notice.class, reply).text();
    }

    @Test
    void quizAwardsFasterAnswersMorePoints() {
        Duration limit = Duration.ofSeconds(20);
        assertEquals(1000, Scoring.points(true, Duration.ZERO, limit));
        assertEquals(750, Scoring.points(true, Duration.ofSeconds(10), limit));
        assertEquals(500, Scoring.points(true, limit, limit));
        assertEquals(500, Scoring.points(true, Duration.ofSeconds(25), limit));
        assertEquals(0, Scoring.points(false, Duration.ZERO, limit));
        assertEquals(968, Scoring.points(true, Duration.ofMillis(1_300), limit), "967.5 rounds half up");
    }

    @Test
    void eachQuestionShowsFourChoicesAndACountdown() {
        RecordingChannels.Posted question = start(ADA, 1, 20);
        assertEquals(List.of("A", "B", "C", "D"), question.card().buttons().stream().map(Reply.Button::label).toList());
        assertEquals(4, question.card().sections().get(1).body().plain().split("\n").length);
        assertTrue(question.card().sections().get(2).body().spans().stream()
                .anyMatch(s -> s instanceof dev.prepbot.commands.Text.Countdown c
                        && c.at().equals(Instant.parse("2026-03-04T10:00:20Z"))));
        assertTrue(question.card().buttons().stream().allMatch(b -> b.actionId().length() <= 100));
    }

    @Test
    void theFirstClickCountsAndADoubleClickIsNotScoredTwice() {
        RecordingChannels.Posted question = start(ADA, 1, 20);
        int right = rightOption(question, bank);
        clock.advance(Duration.ofSeconds(10));
        assertEquals("Locked in " + "ABCD".charAt(right) + ".", notice(click(BOB, question, right)));
        assertEquals("You already answered this question.", notice(click(BOB, question, (right + 1) % 4)));
        assertEquals(List.of(new Standing("bob", "Bob", 750, 1, 1)), store.standings("g1", Instant.EPOCH));
    }

    @Test
    void aWholeRoundEndsWithTheRightAnswersShownAndASummary() {
        RecordingChannels.Posted first = start(ADA, 2, 20);
        int right = rightOption(first, bank);
        clock.advance(Duration.ofSeconds(2));
        click(ADA, first, right);
        click(BOB, first, (right + 1) % 4);
        scheduler.advance(Duration.ofSeconds(18));
        RecordingChannels.Posted closed = channels.all().get(0);
        String shown = RecordingChannels.text(closed.card());
        assertTrue(shown.contains("Right answer: " + "ABCD".charAt(right)), shown);
        assertTrue(shown.contains("Got it: Ada (+950)"), shown);
        assertTrue(closed.card().buttons().stream().allMatch(Reply.Button::disabled));
        scheduler.advance(QuizEngine.BETWEEN_QUESTIONS);
        RecordingChannels.Posted second = channels.last();
        assertTrue(second.card().title().plain().equals("Question 2 of 2"), second.card().title().plain());
        scheduler.advance(Duration.ofSeconds(20));
        String summary = RecordingChannels.text(channels.last().card());
        assertTrue(summary.startsWith("Round over"), summary);
        assertTrue(summary.contains("1. Ada: 950 points, 1/1 right (100%)"), summary);
        assertTrue(summary.contains("2. Bob: 0 points, 0/1 right (0%)"), summary);
        assertTrue(summary.contains("Fastest right answer\nAda, 2.0 s on question 1"), summary);
        assertEquals(List.of(), store.runningRounds());
    }

    @Test
    void aQuestionClosesEarlyOnceEveryoneFromTheLastQuestionHasAnswered() {
        RecordingChannels.Posted first = start(ADA, 3, 60);
        click(ADA, first, 0);
        click(BOB, first, 1);
        scheduler.advance(Duration.ofSeconds(60));
        scheduler.advance(QuizEngine.BETWEEN_QUESTIONS);
        RecordingChannels.Posted second = channels.last();
        click(ADA, second, 0);
        assertTrue(engine.running("c1"));
        click(BOB, second, 0);
        String shown = RecordingChannels.text(channels.all().stream()
                .filter(p -> p.messageId().equals(second.messageId())).findFirst().orElseThrow().card());
        assertTrue(shown.contains("Right answer"), "closed at once, without waiting out the minute: " + shown);
    }

    @Test
    void twoHundredPlayersClickingAtOnceAreEachScoredExactlyOnce() throws Exception {
        RecordingChannels.Posted question = start(ADA, 1, 120);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Caller player = new Caller("p" + i, "P" + i, Optional.of("g1"), "c1", false);
            int option = i % 4;
            results.add(pool.submit(() -> {
                go.await();
                notice(click(player, question, option));
                return notice(click(player, question, option));
            }));
        }
        go.countDown();
        for (Future<String> r : results) {
            assertEquals("You already answered this question.", r.get());
        }
        pool.shutdown();
        assertEquals(200, store.standings("g1", Instant.EPOCH).stream().mapToInt(Standing::answered).sum());
    }

    @Test
    void aThousandPlayersClickingAtOnceThroughGroupCommitAreEachScoredOnceAndShownInTheResult() throws Exception {
        try (AnswerWriter writer = new AnswerWriter(store, stored -> stored.stream().map(AnswerRecord::guildId)
                .distinct().forEach(leaderboard::invalidate))) {
            engine = new QuizEngine(Catalog.of(bank), index, store, writer::write, leaderboard, channels, clock, scheduler, new Random(7));
            RecordingChannels.Posted question = start(ADA, 1, 120);
            ExecutorService players = Executors.newVirtualThreadPerTaskExecutor();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                Caller player = new Caller("p" + i, "P" + i, Optional.of("g1"), "c1", false);
                int option = i % 4;
                results.add(players.submit(() -> {
                    go.await();
                    return List.of(notice(click(player, question, option)), notice(click(player, question, option)));
                }));
            }
            go.countDown();
            for (Future<List<String>> r : results) {
                List<String> replies = r.get();
                assertTrue(replies.get(0).startsWith("Locked in "), replies.toString());
                assertEquals("You already answered this question.", replies.get(1));
            }
            players.shutdown();
            assertEquals(1_000, store.standings("g1", Instant.EPOCH).stream().mapToInt(Standing::answered).sum());
            assertEquals(1_000, engine.answerers("c1").size(), "every stored answer counts in the round");
        }
    }

    @Test
    void onlyTheStarterOrAManagerMayStopARound() {
        start(ADA, 3, 20);
        assertTrue(notice(engine.stop(BOB)).startsWith("Only the person who started the round"));
        assertTrue(engine.running("c1"));
        assertEquals("Round stopped by Root.", notice(engine.stop(ADMIN)));
        assertTrue(RecordingChannels.text(channels.last().card()).startsWith("Round stopped"));
        start(ADA, 3, 20);
        assertEquals("Round stopped by Ada.", notice(engine.stop(ADA)));
        assertTrue(notice(engine.stop(ADA)).startsWith("No round is running"));
    }

    @Test
    void aGuildMayRunOnlyFiveRoundsAtOnce() {
        for (int i = 0; i < QuizEngine.MAX_ROUNDS_PER_GUILD; i++) {
            Caller starter = new Caller("s" + i, "S" + i, Optional.of("g1"), "channel-" + i, false);
            assertInstanceOf(Reply.Card.class, engine.start(starter, Optional.empty(), 1, 20));
        }
        Caller sixth = new Caller("s6", "S6", Optional.of("g1"), "channel-6", false);
        assertTrue(notice(engine.start(sixth, Optional.empty(), 1, 20)).startsWith("This server already has 5 rounds running"));
        Caller elsewhere = new Caller("s7", "S7", Optional.of("g2"), "channel-7", false);
        assertInstanceOf(Reply.Card.class, engine.start(elsewhere, Optional.empty(), 1, 20), "other servers are not affected");
    }

    @Test
    void aSecondStartInTheChannelLinksToTheRunningRound() {
        RecordingChannels.Posted question = start(ADA, 3, 20);
        String reply = notice(engine.start(BOB, Optional.empty(), 3, 20));
        assertTrue(reply.contains("https://discord.com/channels/g1/c1/" + question.messageId()), reply);
    }

    @Test
    void aRestartInTheMiddleOfARoundKeepsItsScoresAndMarksItInterrupted() {
        RecordingChannels.Posted question = start(ADA, 3, 20);
        click(BOB, question, 0);
        db.close();
        // The process died: timers gone, memory gone; a new process opens the same database.
        scheduler.clear();
        db = Database.open(dir.resolve("quiz.db").toString(), clock);
        store = new SqlQuizStore(db);
        QuizEngine restarted = new QuizEngine(Catalog.of(bank), index, store, new Leaderboard(store, clock), channels, clock,
                scheduler, new Random(8));
        restarted.recoverInterrupted();
        assertEquals(List.of(), store.runningRounds());
        assertTrue(RecordingChannels.text(channels.all().stream()
                .filter(p -> p.messageId().equals(question.messageId())).findFirst().orElseThrow().card())
                .startsWith("Round interrupted"));
        assertEquals(1, store.standings("g1", Instant.EPOCH).size());
        String old = question.card().buttons().get(1).actionId();
        assertEquals("This round is over.", notice(restarted.onAction(Action.parse(old).orElseThrow(), List.of(), BOB)),
                "old buttons are refused politely");
        assertInstanceOf(Reply.Card.class, restarted.start(ADA, Optional.empty(), 1, 20), "the channel is free again");
    }

    @Test
    void forgedClicksChangeNothing() {
        RecordingChannels.Posted question = start(ADA, 1, 20);
        Caller stranger = new Caller("eve", "Eve", Optional.of("g2"), "c9", false);
        assertTrue(notice(click(stranger, question, 0)).contains("another server"));
        assertEquals("This round is over.", notice(engine.onAction(Action.of("quiz", "nosuchround", "0", "1"), List.of(), ADA)));
        assertEquals("That button is not one I know.", notice(engine.onAction(Action.of("quiz", "x"), List.of(), ADA)));
        String roundId = Action.parse(question.card().buttons().get(0).actionId()).orElseThrow().args().get(0);
        assertEquals("This round is over.", notice(engine.onAction(Action.of("quiz", roundId, "0", "7"), List.of(), ADA)));
        assertEquals("This question is closed.", notice(engine.onAction(Action.of("quiz", roundId, "5", "1"), List.of(), ADA)));
        assertEquals(List.of(), store.standings("g1", Instant.EPOCH));
    }

    @Test
    void aNewScoreShowsOnTheNextLeaderboard() {
        RecordingChannels.Posted question = start(ADA, 2, 20);
        assertEquals(List.of(), leaderboard.standings("g1", Period.WEEK));
        click(ADA, question, rightOption(question, bank));
        assertEquals(1000, leaderboard.standings("g1", Period.WEEK).get(0).points());
        assertEquals(List.of(), leaderboard.standings("g2", Period.ALL), "another guild sees none of it");
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirstInUtc() {
        Instant wednesday = Instant.parse("2026-03-04T10:00:00Z");
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), Period.WEEK.start(wednesday));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), Period.MONTH.start(wednesday));
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), Period.WEEK.start(Instant.parse("2026-03-08T23:59:59Z")));
        assertEquals(Instant.EPOCH, Period.ALL.start(wednesday));
        RecordingChannels.Posted question = start(ADA, 1, 20);
        click(ADA, question, 0);
        clock.set(Instant.parse("2026-03-09T00:00:00Z"));
        assertEquals(List.of(), leaderboard.standings("g1", Period.WEEK), "a new week starts empty");
        assertEquals(1, leaderboard.standings("g1", Period.MONTH).size());
        store.closeRound("unused", RoundStatus.FINISHED, clock.instant());
    }
}
