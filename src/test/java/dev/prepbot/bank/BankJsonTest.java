package dev.prepbot.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BankJsonTest {

    private final BankJson json = new BankJson();

    @Test
    void everyBuiltInQuestionReadsBackFromItsCompactForm() throws Exception {
        for (Question q : new BankLoader().loadBuiltIn().questions()) {
            String stored = json.compact(q);
            assertFalse(stored.contains("\n"), "one line: " + q.id());
            assertEquals(q, json.read(stored));
        }
    }

    @Test
    void aQuestionWithoutItsOptionalPartsReadsBackWithoutThem() {
        Question bare = new Question("bare-1", "custom", Difficulty.EASY, List.of(), "What is \"bare\"?",
                "Nothing but a question and a short answer.\nOn two lines, with a tab\there.", Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), List.of(), List.of());
        Question read = json.read(json.compact(bare));
        assertEquals(bare, read);
        assertTrue(read.explanation().isEmpty());
        assertFalse(read.quizReady());
        assertFalse(read.hasKeypoints());
    }

    @Test
    void questionsStoredIndentedStillReadBack() throws Exception {
        Question q = new BankLoader().loadBuiltIn().questions().get(0);
        assertEquals(q, json.read(json.write(json.toJson(q))));
    }

    @Test
    void aStoredQuestionThatIsNotJsonIsABrokenStore() {
        assertThrows(IllegalStateException.class, () -> json.read("{\"id\": \"x\", \"question\": "));
        assertThrows(IllegalStateException.class, () -> json.read("[1, 2]"));
        assertThrows(IllegalStateException.class, () -> json.read("{\"id\": \"x\"}"));
    }
}
