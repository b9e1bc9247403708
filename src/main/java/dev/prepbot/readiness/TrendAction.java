package dev.prepbot.readiness;

import dev.prepbot.commands.Action;
import dev.prepbot.commands.ActionHandler;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/** The button under /stats that draws a member's accuracy by topic over the last twelve weeks. */
public final class TrendAction implements ActionHandler {

    public static final String TREND = "stats-trend";

    private final ReadinessStore store;
    private final MemberTrendRenderer renderer = new MemberTrendRenderer();
    private final Clock clock;

    public TrendAction(ReadinessStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The button for a member's trend. */
    public static Reply.Button button(String userId) {
        return Reply.Button.of("Accuracy over time", Action.of(TREND, userId).id());
    }

    @Override
    public List<String> actions() {
        return List.of(TREND);
    }

    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        Optional<String> guild = caller.guildId();
        if (guild.isEmpty() || action.args().size() != 1) {
            return Reply.Notice.privately("That button is not one I know. Try /stats again.");
        }
        String user = action.args().get(0);
        Optional<String> name = store.memberName(guild.get(), user);
        if (name.isEmpty()) {
            return Reply.Notice.privately("That member has not answered a quiz question here yet.");
        }
        LocalDate thisWeek = clock.instant().atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisWeek.minusWeeks(MemberTrendRenderer.WEEKS - 1L);
        List<WeekPoint> points = store.weeks(guild.get(), user, first.atStartOfDay(ZoneOffset.UTC).toInstant());
        byte[] png = renderer.render(name.get(), thisWeek, points);
        String description = "Accuracy by topic per week over the last " + MemberTrendRenderer.WEEKS + " weeks, "
                + points.stream().mapToInt(WeekPoint::answered).sum() + " answers.";
        return new Reply.Picture(Text.of(description), "accuracy-over-time.png", png, description, Visibility.PRIVATE);
    }
}
