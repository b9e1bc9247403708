package dev.prepbot.quiz;

import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import dev.prepbot.store.Standing;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code /leaderboard [period]}: the server's top ten, and the caller's own rank even outside it. */
public final class LeaderboardCommand implements Command {

    static final int TOP = 10;

    private final Leaderboard leaderboard;

    public LeaderboardCommand(Leaderboard leaderboard) {
        this.leaderboard = leaderboard;
    }

    @Override
    public CommandSpec spec() {
        return new CommandSpec("leaderboard", "The server's top quiz players", List.of(
                OptionSpec.choice("period", "week, month or all time (default)",
                        Arrays.stream(Period.values()).map(Period::slug).toList())), List.of(), true);
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<String> periodText = request.text("period");
        Optional<Period> period = periodText.map(p -> Period.fromSlug(p).orElse(null));
        if (periodText.isPresent() && period.isEmpty()) {
            return Reply.Notice.privately("The period is week, month or all.");
        }
        Period p = period.orElse(Period.ALL);
        String guild = request.caller().guildId().orElseThrow();
        List<Standing> standings = leaderboard.standings(guild, p);
        if (standings.isEmpty()) {
            return Reply.Notice.privately("Nobody has answered a quiz question here " + (p == Period.ALL ? "yet" : p.label())
                    + ". /quiz start begins a round.");
        }
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(TOP, standings.size()); i++) {
            top.append(line(i + 1, standings.get(i))).append('\n');
        }
        String you = "You have not answered a quiz question " + (p == Period.ALL ? "yet" : p.label()) + ".";
        for (int i = 0; i < standings.size(); i++) {
            if (standings.get(i).userId().equals(request.caller().userId())) {
                you = "You are #" + (i + 1) + " of " + standings.size() + " with " + standings.get(i).points() + " points.";
            }
        }
        return new Reply.Card(Text.of("Leaderboard: " + p.label()),
                List.of(Reply.Section.of("", top.toString().strip()), Reply.Section.of("", you)),
                Optional.of(Text.of("Weeks start on Monday; weeks and months are in UTC.")), List.of(), Optional.empty(),
                Visibility.PUBLIC);
    }

    static String line(int place, Standing s) {
        return place + ". " + s.userName() + ": " + s.points() + " points, "
                + QuizEngine.percent(s.correct(), s.answered()) + " right of " + s.answered();
    }
}
