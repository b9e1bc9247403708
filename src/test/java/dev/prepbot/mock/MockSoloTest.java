package dev.prepbot.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Visibility;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.RecordingChannels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The solo mock interview: a private card, a timer that says when time is up, and one's own checklist. */
class MockSoloTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingChannels channels = new RecordingChannels();
    private final List<String> lapses = new ArrayList<>();
    private final Bank bank = Questions.sample();
    private final MockSolo solo = new MockSolo(Catalog.of(bank), channels, (g, u, q) -> lapses.add(u + ":" + q), clock, scheduler,
            new Random(3));
    private final Caller me = new Caller("u1", "ada", Optional.of("g1"), "c1", false);

    private Reply press(Reply.Card card, String label) {
        Reply.Button button = card.buttons().stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow();
        assertTrue(button.actionId().length() <= Action.MAX_ID_LENGTH);
        return solo.onAction(Action.parse(button.actionId()).orElseThrow(), List.of(), me);
    }

    @Test
    void theCardCountsDownAndTimeIsUpIsPostedWhenItEnds() {
        Reply.Card card = assertInstanceOf(Reply.Card.class, solo.start(me, Optional.of("python"), Optional.empty(), 3));
        assertEquals(Visibility.PRIVATE, card.visibility());
        assertTrue(card.sections().stream().anyMatch(s -> s.body().spans().stream()
                .anyMatch(span -> span.equals(new dev.prepbot.commands.Text.Countdown(clock.instant().plus(Duration.ofMinutes(3)))))));
        scheduler.advance(Duration.ofMinutes(3).minusSeconds(1));
        assertEquals(List.of(), channels.all(), "not before the time is up");
        scheduler.advance(Duration.ofSeconds(1));
        assertTrue(channels.last().card().title().plain().startsWith("Time is up, ada"));
        assertEquals("c1", channels.last().channelId());
    }

    @Test
    void tickingEveryKeyPointGivesTheChecklistAndAMissJoinsPractice() {
        Reply.Card card = (Reply.Card) solo.start(me, Optional.of("databases"), Optional.empty(), 15);
        String question = card.footer().orElseThrow().plain();
        Reply reply = press(card, "Tick my answer");
        for (String label : List.of("✓ Covered", "~ Partly", "✗ Missed")) {
            reply = press(assertInstanceOf(Reply.Card.class, reply), label);
        }
        Reply.Card result = assertInstanceOf(Reply.Card.class, reply);
        String text = RecordingChannels.text(result);
        assertTrue(text.contains("✓ First point") && text.contains("~ Second point") && text.contains("✗ Third point"), text);
        assertEquals(1, lapses.size());
        assertTrue(question.endsWith(lapses.get(0).substring(3)), "the question joins the member's practice: " + lapses);
    }

    @Test
    void aChecklistWithoutAMissLeavesPracticeAlone() {
        Reply.Card card = (Reply.Card) solo.start(me, Optional.of("web"), Optional.empty(), 15);
        Reply reply = press(card, "Tick my answer");
        for (int i = 0; i < 3; i++) {
            reply = press((Reply.Card) reply, "~ Partly");
        }
        assertTrue(RecordingChannels.text((Reply.Card) reply).contains("Your checklist"));
        assertEquals(List.of(), lapses);
    }

    @Test
    void aBankWithoutKeyPointsIsStillPractisedAgainstEachShortAnswer() {
        Question plain = new Question("go-channels", "go", Difficulty.EASY, List.of(), "What is a Go channel?",
                "A typed pipe between goroutines.", Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), List.of(), List.of());
        MockSolo withoutKeyPoints = new MockSolo(Catalog.of(new Bank(List.of(plain))), channels, (g, u, q) -> { },
                clock, scheduler, new Random(3));
        Reply.Card card = assertInstanceOf(Reply.Card.class,
                withoutKeyPoints.start(me, Optional.empty(), Optional.empty(), 5));
        String text = RecordingChannels.text(card);
        assertTrue(text.contains("What is a Go channel?") && text.contains("Gives the substance of the model answer"), text);
    }
}
