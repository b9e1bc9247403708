package dev.prepbot.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.BankSource;
import dev.prepbot.bank.InvalidBankException;
import java.util.List;

/**
 * Any bytes given to the loader give either a bank or a non-empty list of one-line problems, never
 * another exception. The regular build replays the kept inputs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class BankLoaderFuzzTest {

    private final BankLoader loader = new BankLoader();

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveABankOrProblems(byte[] input) {
        try {
            loader.load(List.of(new BankSource("fuzz.json", input)));
        } catch (InvalidBankException e) {
            assertFalse(e.problems().isEmpty());
            for (BankProblem problem : e.problems()) {
                assertFalse(problem.toString().contains("\n"), "a problem is one line: " + problem);
            }
        }
    }
}
