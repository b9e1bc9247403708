package dev.prepbot.bank;

import java.util.List;
import java.util.stream.Collectors;

/** A bank was refused; it carries every problem found, so one run shows them all. */
public final class InvalidBankException extends Exception {

    private final transient List<BankProblem> problems;

    public InvalidBankException(List<BankProblem> problems) {
        super(problems.size() == 1 ? "the bank has 1 problem" : "the bank has " + problems.size() + " problems");
        this.problems = List.copyOf(problems);
    }

    public List<BankProblem> problems() {
        return problems;
    }

    /** Every problem on its own line, ready for standard error. */
    public String report() {
        return problems.stream().map(BankProblem::toString).collect(Collectors.joining(System.lineSeparator()));
    }
}
