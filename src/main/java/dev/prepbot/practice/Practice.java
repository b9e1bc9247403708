package dev.prepbot.practice;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Each member's spaced repetition: which question comes next, and what a grade does to its schedule.
 * Questions missed in quiz rounds join the schedule as lapses, due the day after the miss; they are read
 * from the stored answers when the member practises, so answering a quiz costs nothing extra.
 */
public final class Practice {

    /** How far back quiz misses and accuracy are read. */
    static final Duration MISSES_WINDOW = Duration.ofDays(30);
    static final Duration ACCURACY_WINDOW = Duration.ofDays(90);
    /** A topic with no quiz answers counts as half known: below a strong topic, above a weak one. */
    private static final double UNKNOWN_ACCURACY = 0.5;

    /** What comes next: a question due for review, a new one, or nothing until a moment (if any is scheduled). */
    public sealed interface Next {
        record Due(Question question, int dueCount) implements Next {
        }

        record Fresh(Question question, Optional<Instant> nextReview) implements Next {
        }

        record Nothing(Optional<Instant> nextReview) implements Next {
        }
    }

    private final Catalog bank;
    private final PracticeStore store;
    private final Sm2 scheduler;
    private final Clock clock;
    private final Random random;

    public Practice(Catalog bank, PracticeStore store, Sm2 scheduler, Clock clock, Random random) {
        this.bank = bank;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
    }

    /** The member's next question: the longest overdue first, else a new one from their weakest topic. */
    public Next next(String guildId, String userId, Optional<String> topic) {
        Instant now = clock.instant();
        takeInMisses(guildId, userId, now);
        List<Question> due = store.due(guildId, userId, now, 500).stream()
                .map(c -> bank.byId(Optional.of(guildId), c.questionId()))
                .flatMap(Optional::stream)
                .filter(q -> topic.isEmpty() || q.topic().equals(topic.get()))
                .toList();
        if (!due.isEmpty()) {
            return new Next.Due(due.get(0), due.size());
        }
        Optional<Instant> nextReview = store.nextDue(guildId, userId);
        Optional<Question> fresh = fresh(guildId, userId, topic, now);
        return fresh.<Next>map(q -> new Next.Fresh(q, nextReview)).orElseGet(() -> new Next.Nothing(nextReview));
    }

    /** Records a grade for the question and returns its new schedule. */
    public Card grade(String guildId, String userId, String questionId, Grade grade) {
        Instant now = clock.instant();
        Card card = store.card(guildId, userId, questionId).orElseGet(() -> scheduler.newCard(questionId, now));
        Card next = scheduler.review(card, grade, now);
        store.save(guildId, userId, next);
        return next;
    }

    /**
     * A member looked at the answer of a question they were asked (the daily question, /question): it
     * joins their schedule, due tomorrow, unless it is scheduled already.
     */
    public void revealed(String guildId, String userId, String questionId) {
        if (store.card(guildId, userId, questionId).isEmpty()) {
            Instant now = clock.instant();
            store.save(guildId, userId, scheduler.missed(scheduler.newCard(questionId, now), now));
        }
    }

    /**
     * The member missed key points of the question in a mock interview: it lapses like a quiz miss, due
     * the day after.
     */
    public void lapsed(String guildId, String userId, String questionId) {
        Instant now = clock.instant();
        Card card = store.card(guildId, userId, questionId).orElseGet(() -> scheduler.newCard(questionId, now));
        store.save(guildId, userId, scheduler.missed(card, now));
    }

    /** The quiz questions the member missed in the last 30 days, the oldest miss first. */
    public List<Question> missed(String guildId, String userId) {
        return store.misses(guildId, userId, clock.instant().minus(MISSES_WINDOW)).stream()
                .map(m -> bank.byId(Optional.of(guildId), m.questionId()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Each quiz miss newer than the question's last review becomes a lapse at the time of the miss. */
    private void takeInMisses(String guildId, String userId, Instant now) {
        for (PracticeStore.Miss miss : store.misses(guildId, userId, now.minus(MISSES_WINDOW))) {
            Optional<Card> card = store.card(guildId, userId, miss.questionId());
            boolean newer = card.flatMap(Card::lastReviewed).map(miss.at()::isAfter).orElse(true);
            if (newer) {
                Card base = card.orElseGet(() -> scheduler.newCard(miss.questionId(), miss.at()));
                store.save(guildId, userId, scheduler.missed(base, miss.at()));
            }
        }
    }

    /** A question the member has no schedule for, from the weakest topic that still has one. */
    private Optional<Question> fresh(String guildId, String userId, Optional<String> topic, Instant now) {
        Set<String> scheduled = new HashSet<>(store.scheduled(guildId, userId));
        Map<String, int[]> accuracy = store.accuracyByTopic(guildId, userId, now.minus(ACCURACY_WINDOW));
        List<String> topics = new ArrayList<>(topic.map(List::of).orElseGet(() -> bank.topics(Optional.of(guildId))));
        topics.sort(Comparator.comparingDouble((String t) -> {
            int[] counts = accuracy.get(t);
            return counts == null || counts[1] == 0 ? UNKNOWN_ACCURACY : (double) counts[0] / counts[1];
        }).thenComparing(Comparator.naturalOrder()));
        for (String t : topics) {
            List<Question> unseen = bank.select(Optional.of(guildId), Optional.of(t), Optional.empty()).stream().filter(q -> !scheduled.contains(q.id())).toList();
            if (!unseen.isEmpty()) {
                return Optional.of(unseen.get(random.nextInt(unseen.size())));
            }
        }
        return Optional.empty();
    }
}
