package dev.prepbot.commands;

import dev.prepbot.search.Highlight;
import dev.prepbot.search.SearchHit;
import dev.prepbot.search.SearchIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /search query [topic]}: the best matches, matched words in bold, and a menu to open one. */
public final class SearchCommand implements Command {

    /** Enough to scan at a glance; Discord's select menu would allow 25. */
    static final int RESULTS = 5;

    private final SearchIndex index;

    public SearchCommand(SearchIndex index) {
        this.index = index;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("search", "Search the questions; typos are fine",
                OptionSpec.text("query", "Words to look for", true),
                Topics.option(index.bank()));
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<String> query = request.text("query");
        if (query.isEmpty()) {
            return Reply.Notice.privately("Tell me what to look for, for example: tcp handshake.");
        }
        Optional<String> topic = request.text("topic");
        if (topic.isPresent() && !index.bank().hasTopic(topic.get())) {
            return Topics.unknown(index.bank(), topic.get());
        }
        List<SearchHit> hits = index.search(query.get(), topic, RESULTS);
        if (hits.isEmpty()) {
            return Reply.Notice.privately("No questions match that. Try fewer or other words, or /topics to browse.");
        }
        List<Reply.Section> sections = new ArrayList<>();
        List<Reply.MenuOption> options = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit hit = hits.get(i);
            Text heading = Text.builder().plain((i + 1) + ". ").append(bold(hit.highlight())).build();
            sections.add(new Reply.Section(heading, AnswerCards.footer(hit.question())));
            options.add(new Reply.MenuOption(hit.question().question(), hit.question().id(),
                    hit.question().topic() + " · " + hit.question().difficulty().slug()));
        }
        Text title = Text.builder().plain("Search: ").plain(query.get()).build();
        Reply.Menu menu = new Reply.Menu(Action.of(AnswerCards.OPEN).id(), "Open a question", options);
        return new Reply.Card(title, sections, Optional.empty(), List.of(), Optional.of(menu), Visibility.PUBLIC);
    }

    /** The question's text with its matched words strong. */
    public static Text bold(Highlight highlight) {
        Text.Builder text = Text.builder();
        int at = 0;
        for (Highlight.Range r : highlight.matches()) {
            text.plain(highlight.text().substring(at, r.start()));
            text.strong(highlight.text().substring(r.start(), r.end()));
            at = r.end();
        }
        return text.plain(highlight.text().substring(at)).build();
    }
}
