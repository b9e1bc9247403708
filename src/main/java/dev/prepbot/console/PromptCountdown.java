package dev.prepbot.console;

import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The seconds left on the quiz question last posted to the console, counted down once a second. A
 * printed card cannot count down, and lines printed every second would bury the question; so a
 * terminal shows the seconds in its prompt, which is redrawn in place, and {@code changed} is told
 * each time the number drops. A card posted without a countdown (the closed question, the round's
 * summary) ends the count. Time comes from the injected clock and scheduler.
 */
final class PromptCountdown {

    private final Scheduler scheduler;
    private final Clock clock;
    private final Runnable changed;
    private Optional<Instant> until = Optional.empty();
    private Scheduler.Task next;
    /** Counts the countdowns followed, so a tick scheduled for an earlier one does nothing. */
    private long followed;

    PromptCountdown(Scheduler scheduler, Clock clock, Runnable changed) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.changed = changed;
    }

    /** Follows the countdown of a newly posted card, or ends the count when it has none. */
    void follow(Reply.Card card) {
        long countdown;
        synchronized (this) {
            stopTicking();
            until = countdown(card).filter(at -> at.isAfter(clock.instant()));
            countdown = ++followed;
        }
        tick(countdown);
    }

    /** The seconds left, rounded up so the last second shows 1; empty when nothing counts down. */
    synchronized OptionalLong secondsLeft() {
        if (until.isEmpty()) {
            return OptionalLong.empty();
        }
        long millis = Duration.between(clock.instant(), until.get()).toMillis();
        return millis <= 0 ? OptionalLong.empty() : OptionalLong.of((millis + 999) / 1000);
    }

    /** Stops counting, as the console ends. */
    synchronized void stop() {
        stopTicking();
        until = Optional.empty();
    }

    private void tick(long countdown) {
        synchronized (this) {
            if (countdown != followed) {
                return;
            }
            OptionalLong left = secondsLeft();
            if (left.isEmpty()) {
                until = Optional.empty();
            } else {
                // The next tick is when the number shown drops by one.
                Duration wait = Duration.between(clock.instant(), until.get()).minusSeconds(left.getAsLong() - 1);
                next = scheduler.schedule(wait, () -> tick(countdown));
            }
        }
        changed.run();
    }

    private void stopTicking() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    /** The moment the card's first countdown ends, if it has one. */
    static Optional<Instant> countdown(Reply.Card card) {
        List<Text> texts = new ArrayList<>();
        texts.add(card.title());
        for (Reply.Section section : card.sections()) {
            texts.add(section.heading());
            texts.add(section.body());
        }
        card.footer().ifPresent(texts::add);
        return texts.stream().flatMap(t -> t.spans().stream())
                .filter(s -> s instanceof Text.Countdown).map(s -> ((Text.Countdown) s).at()).findFirst();
    }
}
