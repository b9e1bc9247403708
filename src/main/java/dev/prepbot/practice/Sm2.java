package dev.prepbot.practice;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The scheduler of record: SM-2, the SuperMemo 2 algorithm, with the four answer buttons Anki puts on
 * it (Again, Hard, Good, Easy). Chosen over FSRS because its few rules can be read and checked in a
 * minute, and FSRS earns its better predictions by fitting its weights to each learner's history,
 * which a member who practises a few questions a week does not have. All of its numbers are here.
 */
public final class Sm2 {

    /** The numbers of SM-2 as Anki uses them; change them here and nowhere else. */
    public record Parameters(double startingEase, double minimumEase, double againEasePenalty, double hardEasePenalty,
                             double easyEaseBonus, double hardIntervalFactor, double easyBonus,
                             double firstInterval, double secondInterval, double easyFirstInterval) {

        public static final Parameters DEFAULT = new Parameters(2.5, 1.3, 0.20, 0.15, 0.15, 1.2, 1.3, 1, 6, 4);
    }

    private final Parameters p;

    public Sm2(Parameters parameters) {
        this.p = parameters;
    }

    public Sm2() {
        this(Parameters.DEFAULT);
    }

    /** A question a member has not practised yet, due now. */
    public Card newCard(String questionId, Instant now) {
        return new Card(questionId, now, 0, p.startingEase(), 0, 0, Optional.empty());
    }

    /**
     * The schedule after a review graded {@code grade} at {@code now}. A lapse (Again) starts the
     * question over tomorrow and makes it harder; Hard grows the interval a little, Good by the ease
     * factor, Easy by more, and each interval is at least a day longer than the last.
     */
    public Card review(Card card, Grade grade, Instant now) {
        double ease = card.ease();
        double interval;
        int lapses = card.lapses();
        if (grade == Grade.AGAIN) {
            ease -= p.againEasePenalty();
            interval = p.firstInterval();
            lapses++;
        } else if (card.reviews() == 0 || card.intervalDays() == 0) {
            interval = switch (grade) {
                case EASY -> p.easyFirstInterval();
                default -> p.firstInterval();
            };
            ease += grade == Grade.EASY ? p.easyEaseBonus() : grade == Grade.HARD ? -p.hardEasePenalty() : 0;
        } else if (card.reviews() == 1 && grade == Grade.GOOD && card.intervalDays() < p.secondInterval()) {
            interval = p.secondInterval();
        } else {
            double last = card.intervalDays();
            interval = switch (grade) {
                case HARD -> last * p.hardIntervalFactor();
                case GOOD -> last * ease;
                case EASY -> last * ease * p.easyBonus();
                case AGAIN -> p.firstInterval();
            };
            ease += grade == Grade.EASY ? p.easyEaseBonus() : grade == Grade.HARD ? -p.hardEasePenalty() : 0;
            interval = Math.max(interval, last + 1);
        }
        ease = Math.max(p.minimumEase(), ease);
        Instant due = now.plus(Duration.ofMinutes(Math.round(interval * 24 * 60)));
        return new Card(card.questionId(), due, interval, ease, card.reviews() + 1, lapses, Optional.of(now));
    }

    /** A question missed in a quiz round: due tomorrow, as a lapse. */
    public Card missed(Card card, Instant now) {
        return review(card, Grade.AGAIN, now);
    }
}
