package dev.prepbot.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Reply;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlPracticeStore;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A practice session in one topic through its buttons, whatever the length of the ids and topic names. */
class PracticeCommandTest {

    @TempDir
    Path dir;

    private static final String TOPIC = "t".repeat(64);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-04T18:00:00Z"));
    private final Caller ada = new Caller("u1", "Ada", Optional.of("g1"), "c1", false);
    private Database db;
    private PracticeCommand command;

    @BeforeEach
    void open() {
        // The longest names a bank allows: 64-character ids in a 64-character topic, and another topic beside.
        Bank bank = new Bank(List.of(
                Questions.of("a".repeat(63) + "1", TOPIC, "First long question?", "Answer one.", "Why one."),
                Questions.of("a".repeat(63) + "2", TOPIC, "Second long question?", "Answer two.", "Why two."),
                Questions.of("other-topic-question", "other", "Another topic's question?", "Answer.", "Why.")));
        db = Database.open(Engine.SQLITE.fresh(dir).location(), clock);
        command = new PracticeCommand(Catalog.of(bank),
                new Practice(Catalog.of(bank), new SqlPracticeStore(db), new Sm2(), clock, new Random(7)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Reply.Card press(Reply.Card card, String label) {
        Reply.Button button = card.buttons().stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow();
        assertTrue(button.actionId().length() <= Action.MAX_ID_LENGTH, button.actionId());
        return assertInstanceOf(Reply.Card.class,
                command.onAction(Action.parse(button.actionId()).orElseThrow(), List.of(), ada));
    }

    @Test
    void aSessionInALongNamedTopicOfLongIdsStaysInThatTopicThroughItsButtons() {
        Reply.Card first = assertInstanceOf(Reply.Card.class,
                command.handle(new CommandRequest("practice", Optional.empty(), Map.of("topic", TOPIC), ada)));
        Reply.Card answer = press(first, "Show answer");
        Reply.Card next = press(answer, "Good");
        Reply.Card last = press(press(next, "Show answer"), "Easy");
        for (Reply.Card card : List.of(first, next)) {
            assertTrue(card.title().plain().contains("long question"), card.title().plain());
        }
        assertTrue(last.buttons().isEmpty(), "both questions of the topic were practised and the other topic's never came");
    }
}
