package dev.prepbot.commands;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.TopicCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /topics}: each topic with its question counts by difficulty. */
public final class TopicsCommand implements Command {

    private final Bank bank;

    public TopicsCommand(Bank bank) {
        this.bank = bank;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("topics", "Topics with question counts by difficulty");
    }

    @Override
    public Reply handle(CommandRequest request) {
        List<Reply.Section> sections = new ArrayList<>();
        for (TopicCount c : bank.counts()) {
            sections.add(Reply.Section.of(c.topic(), line(c)));
        }
        Text title = Text.of(bank.size() + " questions in " + bank.topics().size() + " topics");
        return new Reply.Card(title, sections, Optional.empty(), List.of(), Optional.empty(), Visibility.PUBLIC);
    }

    static String line(TopicCount c) {
        return c.total() + (c.total() == 1 ? " question: " : " questions: ")
                + c.easy() + " easy, " + c.medium() + " medium, " + c.hard() + " hard";
    }
}
