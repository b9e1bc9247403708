package dev.prepbot.commands;

import dev.prepbot.search.Suggestion;
import dev.prepbot.search.Highlight;
import dev.prepbot.search.SearchHit;
import dev.prepbot.search.GuildSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /search query [topic]}: the best matches, matched words in bold, and a menu to open one. */
public final class SearchCommand implements Command {

    /** Enough to scan at a glance; Discord's select menu would allow 25. */
    static final int RESULTS = 5;

    private final GuildSearch index;

    public SearchCommand(GuildSearch index) {
        this.index = index;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("search", "Search the questions; typos are fine",
                OptionSpec.text("query", "Words to look for", true),
                Topics.option());
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<String> query = request.text("query");
        if (query.isEmpty()) {
            return Reply.Notice.privately("Tell me what to look for, for example: tcp handshake.");
        }
        Optional<String> topic = request.text("topic");
        Optional<String> guild = request.caller().guildId();
        if (topic.isPresent() && !index.catalog().hasTopic(guild, topic.get())) {
            return Topics.unknown(index.catalog(), guild, topic.get());
        }
        List<SearchHit> hits = index.search(guild, query.get(), topic, RESULTS);
        if (hits.isEmpty()) {
            return noMatch(query.get(), index.nearestTopics(guild, query.get(), 3));
        }
        List<Reply.Section> sections = new ArrayList<>();
        List<Reply.MenuOption> options = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit hit = hits.get(i);
            Text heading = heading(i + 1, hit.highlight());
            sections.add(new Reply.Section(heading, AnswerCards.footer(hit.question())));
            options.add(new Reply.MenuOption(hit.question().question(), hit.question().id(),
                    hit.question().topic() + " · " + hit.question().difficulty().slug()));
        }
        Text title = Text.builder().plain("Search: ").plain(query.get()).build();
        Reply.Menu menu = new Reply.Menu(Action.of(AnswerCards.OPEN).id(), "Open a question", options);
        return new Reply.Card(title, sections, Optional.empty(), List.of(), Optional.of(menu), Visibility.PUBLIC);
    }

    /**
     * An honest "no match", with where to look instead: the nearest topics when there are any, always
     * /question and /topics.
     */
    static Reply noMatch(String query, List<String> nearestTopics) {
        String shown = query.length() > 80 ? query.substring(0, 80) + "…" : query;
        StringBuilder text = new StringBuilder("No question in the bank answers \"").append(shown).append("\".");
        if (!nearestTopics.isEmpty()) {
            text.append(" The closest topics: ").append(String.join(", ", nearestTopics))
                    .append(". Try /question topic:").append(nearestTopics.get(0)).append(" for a question of that topic,");
        } else {
            text.append(" Try /question for a random question,");
        }
        return Reply.Notice.privately(text.append(" or /topics to see everything the bank covers.").toString());
    }

    /**
     * A result's heading: its number, then the question with the matched words strong. The number is
     * always strong, so a heading is never taken for plain text and bolded whole by a transport: only
     * the matched words stand out, and a result found by meaning alone shows none.
     */
    public static Text heading(int rank, Highlight highlight) {
        return Text.builder().strong(rank + ".").plain(" ").append(bold(highlight)).build();
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

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return Topics.OPTION.equals(option) ? Topics.suggest(index.catalog(), caller, typed) : List.of();
    }
}
