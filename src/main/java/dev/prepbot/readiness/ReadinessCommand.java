package dev.prepbot.readiness;

import dev.prepbot.bank.Catalog;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import dev.prepbot.quiz.Period;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code /readiness [period]}: the team's quiz accuracy as a heatmap of topics by members, with the
 * weakest topics named in the message, which is also the picture's alt text.
 */
public final class ReadinessCommand implements Command {

    private final Catalog bank;
    private final ReadinessStore store;
    private final HeatmapRenderer renderer = new HeatmapRenderer();
    private final Clock clock;

    /** A line about another kind of signal in the period, such as mock interview scores; empty when there is none. */
    @FunctionalInterface
    public interface Signal {
        Optional<String> line(String guildId, Instant since);
    }

    private final List<Signal> signals;

    public ReadinessCommand(Catalog bank, ReadinessStore store, Clock clock) {
        this(bank, store, clock, List.of());
    }

    public ReadinessCommand(Catalog bank, ReadinessStore store, Clock clock, List<Signal> signals) {
        this.bank = bank;
        this.store = store;
        this.clock = clock;
        this.signals = List.copyOf(signals);
    }

    @Override
    public CommandSpec spec() {
        return new CommandSpec("readiness", "The team's accuracy by topic and member, as a picture",
                List.of(OptionSpec.choice("period", "Which answers (default: this month)",
                        Arrays.stream(Period.values()).map(Period::slug).toList())), List.of(), true);
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<String> typed = request.text("period");
        Optional<Period> period = typed.flatMap(Period::fromSlug);
        if (typed.isPresent() && period.isEmpty()) {
            return Reply.Notice.privately("The period must be week, month or all.");
        }
        Period chosen = period.orElse(Period.MONTH);
        String guild = request.caller().guildId().orElseThrow();
        ReadinessData data = ReadinessData.from(store.tallies(guild, chosen.start(clock.instant())), bank.topics(Optional.of(guild)));
        StringBuilder lines = new StringBuilder(Summary.of(data));
        Instant since = chosen.start(clock.instant());
        List<String> notes = signals.stream().flatMap(signal -> signal.line(guild, since).stream()).toList();
        notes.forEach(line -> lines.append('\n').append(line));
        String summary = lines.toString();
        byte[] png = renderer.render(data, HeatmapRenderer.DEFAULT_TITLE + ", " + chosen.label(), notes);
        return new Reply.Picture(Text.of(summary), "readiness-" + chosen.slug() + ".png", png, summary, Visibility.PUBLIC);
    }
}
