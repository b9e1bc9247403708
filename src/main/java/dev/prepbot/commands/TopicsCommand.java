package dev.prepbot.commands;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.TopicCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /topics}: each topic with its question counts by difficulty. */
public final class TopicsCommand implements Command {

    private final Catalog catalog;

    public TopicsCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("topics", "Topics with question counts by difficulty");
    }

    @Override
    public Reply handle(CommandRequest request) {
        List<Reply.Section> sections = new ArrayList<>();
        List<TopicCount> counts = catalog.counts(request.caller().guildId());
        for (TopicCount c : counts) {
            sections.add(Reply.Section.of(c.topic(), line(c)));
        }
        int total = counts.stream().mapToInt(TopicCount::total).sum();
        Text title = Text.of(total + " questions in " + counts.size() + " topics");
        return new Reply.Card(title, sections, Optional.empty(), List.of(), Optional.empty(), Visibility.PUBLIC);
    }

    static String line(TopicCount c) {
        return c.total() + (c.total() == 1 ? " question: " : " questions: ")
                + c.easy() + " easy, " + c.medium() + " medium, " + c.hard() + " hard";
    }
}
