package dev.prepbot.readiness;

import dev.prepbot.bank.Catalog;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Visibility;
import dev.prepbot.quiz.Period;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.Database;
import dev.prepbot.store.RoundRecord;
import dev.prepbot.store.RoundStatus;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.store.SqlReadinessStore;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** /readiness and the /stats trend on the real store. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ReadinessCommandTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-20T12:00:00Z"));
    private final Bank bank = Questions.sample();
    private Database db;
    private SqlQuizStore quiz;
    private SqlReadinessStore store;
    private int round;

    @BeforeEach
    void open() {
        db = Database.open(engine.fresh(dir).location(), clock);
        quiz = new SqlQuizStore(db);
        store = new SqlReadinessStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void answers(String user, String topic, int right, int wrong) {
        String id = "r" + round++;
        quiz.openRound(new RoundRecord(id, "g1", "c1", user, Optional.empty(), right + wrong, 30, RoundStatus.RUNNING,
                Optional.empty(), clock.instant()));
        for (int i = 0; i < right + wrong; i++) {
            quiz.recordAnswer(new AnswerRecord(id, i, topic + "-q" + i, topic, "g1", user, "name-" + user, 0, i < right,
                    i < right ? 800 : 0, 3_000, clock.instant()));
        }
    }

    private Reply readiness(Map<String, String> options) {
        return new ReadinessCommand(Catalog.of(bank), store, clock).handle(new CommandRequest("readiness", Optional.empty(), options,
                new Caller("u1", "Ada", Optional.of("g1"), "c1", false)));
    }

    @Test
    void theWeakestTopicIsNamedAndDrawnForEveryone() {
        List<String> topics = bank.topics();
        answers("u1", topics.get(0), 9, 1);
        answers("u2", topics.get(0), 8, 2);
        answers("u1", topics.get(1), 2, 8);
        answers("u2", topics.get(1), 1, 9);
        Reply.Picture picture = assertInstanceOf(Reply.Picture.class, readiness(Map.of()));
        assertEquals(Visibility.PUBLIC, picture.visibility());
        assertTrue(picture.text().plain().startsWith("Weakest topics: " + topics.get(1)), picture.text().plain());
        assertEquals(picture.text().plain(), picture.description(), "the alt text says what the message says");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(picture.png(), 4));
        assertTrue(picture.png().length < 1_000_000);
    }

    @Test
    void anotherSignalAddsItsOwnLineForThePeriodToTheMessageAndTheAltText() {
        answers("u1", bank.topics().get(0), 5, 5);
        List<Instant> asked = new java.util.ArrayList<>();
        ReadinessCommand command = new ReadinessCommand(Catalog.of(bank), store, clock, List.of((guild, since) -> {
            asked.add(since);
            return Optional.of("Mock interviews in " + guild + ": 2 rounds scored.");
        }));
        Reply.Picture picture = assertInstanceOf(Reply.Picture.class, command.handle(new CommandRequest("readiness",
                Optional.empty(), Map.of("period", "week"), new Caller("u1", "Ada", Optional.of("g1"), "c1", false))));
        assertTrue(picture.text().plain().endsWith("\nMock interviews in g1: 2 rounds scored."), picture.text().plain());
        assertEquals(picture.text().plain(), picture.description());
        assertEquals(List.of(Period.WEEK.start(clock.instant())), asked, "asked for the same period");
    }

    @Test
    void aPeriodLimitsTheAnswersAndABadOneIsASentence() {
        answers("u1", bank.topics().get(0), 5, 5);
        clock.advance(Duration.ofDays(40));
        Reply.Picture week = assertInstanceOf(Reply.Picture.class, readiness(Map.of("period", "week")));
        assertEquals("No answers yet.", week.text().plain());
        Reply.Picture all = assertInstanceOf(Reply.Picture.class, readiness(Map.of("period", "all")));
        assertTrue(all.text().plain().contains(bank.topics().get(0)), all.text().plain());
        Reply.Notice bad = assertInstanceOf(Reply.Notice.class, readiness(Map.of("period", "decade")));
        assertTrue(bad.text().contains("week, month or all"));
    }

    @Test
    void aMembersTrendIsAPrivatePictureOfTheirWeeks() {
        answers("u1", bank.topics().get(0), 3, 1);
        clock.advance(Duration.ofDays(7));
        answers("u1", bank.topics().get(0), 4, 0);
        assertEquals(2, store.weeks("g1", "u1", Instant.EPOCH).size(), "two calendar weeks");
        TrendAction trend = new TrendAction(store, clock);
        Reply reply = trend.onAction(dev.prepbot.commands.Action.parse(TrendAction.button("u1").actionId()).orElseThrow(),
                List.of(), new Caller("u2", "Bob", Optional.of("g1"), "c1", false));
        Reply.Picture picture = assertInstanceOf(Reply.Picture.class, reply);
        assertEquals(Visibility.PRIVATE, picture.visibility());
        assertTrue(picture.description().contains("8 answers"), picture.description());
        Reply nobody = trend.onAction(dev.prepbot.commands.Action.of(TrendAction.TREND, "u9"), List.of(),
                new Caller("u2", "Bob", Optional.of("g1"), "c1", false));
        assertInstanceOf(Reply.Notice.class, nobody);
    }
}
