package dev.prepbot.quiz;

import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import dev.prepbot.readiness.TrendAction;
import dev.prepbot.store.PlayerStats;
import dev.prepbot.store.QuizStore;
import dev.prepbot.store.Standing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /stats [user]}: rounds played, accuracy overall and by topic, points, best streak. */
public final class StatsCommand implements Command {

    /** Another kind of signal shown beside the quiz's, such as mock interview scores; empty when there is none. */
    @FunctionalInterface
    public interface Signal {
        Optional<Reply.Section> section(String guildId, String userId);
    }

    private final QuizStore store;
    private final List<Signal> signals;

    public StatsCommand(QuizStore store) {
        this(store, List.of());
    }

    public StatsCommand(QuizStore store, List<Signal> signals) {
        this.store = store;
        this.signals = List.copyOf(signals);
    }

    @Override
    public CommandSpec spec() {
        return new CommandSpec("stats", "Quiz stats for you or another member",
                List.of(OptionSpec.user("user", "Whose stats (default: yours)")), List.of(), true);
    }

    @Override
    public Reply handle(CommandRequest request) {
        String guild = request.caller().guildId().orElseThrow();
        String user = request.text("user").map(u -> u.replaceAll("[^0-9A-Za-z_-]", "")).orElse(request.caller().userId());
        Optional<PlayerStats> stats = store.stats(guild, user);
        List<Reply.Section> other = signals.stream().flatMap(s -> s.section(guild, user).stream()).toList();
        if (stats.isEmpty() && !other.isEmpty()) {
            return new Reply.Card(Text.of("Stats"), other, Optional.empty(), List.of(), Optional.empty(),
                    Visibility.PUBLIC);
        }
        if (stats.isEmpty()) {
            return Reply.Notice.privately(user.equals(request.caller().userId())
                    ? "You have not answered a quiz question here yet. /quiz start begins a round."
                    : "That member has not answered a quiz question here yet.");
        }
        PlayerStats s = stats.get();
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Overall", s.rounds() + (s.rounds() == 1 ? " round" : " rounds") + ", "
                + s.answered() + " answers, " + QuizEngine.percent(s.correct(), s.answered()) + " right, "
                + s.points() + " points, best streak " + s.bestStreak()));
        StringBuilder topics = new StringBuilder();
        for (Map.Entry<String, Standing> e : s.byTopic().entrySet()) {
            Standing t = e.getValue();
            topics.append(e.getKey()).append(": ").append(QuizEngine.percent(t.correct(), t.answered())).append(" of ")
                    .append(t.answered()).append('\n');
        }
        sections.add(Reply.Section.of("By topic", topics.toString().strip()));
        sections.addAll(other);
        return new Reply.Card(Text.of("Quiz stats: " + s.userName()), sections, Optional.empty(),
                List.of(TrendAction.button(user)), Optional.empty(), Visibility.PUBLIC);
    }
}
