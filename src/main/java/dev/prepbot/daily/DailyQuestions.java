package dev.prepbot.daily;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.ops.RequestBudget;
import dev.prepbot.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each guild's question of the day: once per local calendar day at the configured local time,
 * never twice for a day (the storage's unique key holds that across restarts and processes), with no
 * repeat until every eligible question has been posted once. A post missed while the bot was down is
 * made when it comes back, the same local day only. One guild's failure never stops another's post.
 */
public final class DailyQuestions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DailyQuestions.class);

    /** Wakes at least this often, so a changed wall clock or a lost timer costs at most this long. */
    static final Duration MAX_SLEEP = Duration.ofHours(1);
    /**
     * After finding a day claimed by another process that has not posted yet: when to look again, in
     * case that process died and its lease runs out.
     */
    static final Duration CONTENDED_RETRY = Duration.ofSeconds(30);

    private final Catalog bank;
    private final DailyRecords records;
    private final DailyChannels channels;
    private final AnswerCards cards;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Predicate<String> ownsGuild;
    private final Executor posting;
    private final Object lock = new Object();
    private final RequestBudget budget;
    private Scheduler.Task wake;
    private boolean closed;
    /** The posts of the last tick, done or under way. */
    private CompletableFuture<Void> posts = CompletableFuture.completedFuture(null);
    /** Whether a tick came while posts were under way, to be made once they end. */
    private boolean tickAgain;

    public DailyQuestions(Catalog bank, DailyRecords records, DailyChannels channels, Clock clock, Scheduler scheduler,
                          RandomGenerator random) {
        this(bank, records, channels, clock, scheduler, random, guild -> true);
    }

    /**
     * Posts only for the guilds {@code ownsGuild} accepts: with shards, the guilds on this process's
     * shards; the other processes sharing the database post the rest.
     */
    public DailyQuestions(Catalog bank, DailyRecords records, DailyChannels channels, Clock clock, Scheduler scheduler,
                          RandomGenerator random, Predicate<String> ownsGuild) {
        this(bank, records, channels, clock, scheduler, random, ownsGuild, Runnable::run, RequestBudget.unlimited());
    }

    /**
     * The same, making the posts due at one moment on {@code posting}: thousands of servers that chose the
     * same time are posted several at a time (each post mostly waits for Discord and the database), not
     * one after another. {@code random} must then be safe to share between threads, as {@code Random} is.
     * Each post and its thread are two requests of {@code budget}, taken before the day is claimed, so a
     * claim is never held while waiting for the budget.
     */
    public DailyQuestions(Catalog bank, DailyRecords records, DailyChannels channels, Clock clock, Scheduler scheduler,
                          RandomGenerator random, Predicate<String> ownsGuild, Executor posting, RequestBudget budget) {
        this.posting = posting;
        this.budget = budget;
        this.ownsGuild = ownsGuild;
        this.bank = bank;
        this.records = records;
        this.channels = channels;
        this.cards = new AnswerCards(bank);
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
    }

    /** Makes any post due today that was missed while the bot was down, then plans the next wake. */
    public void start() {
        tick();
    }

    /**
     * Posts what is due now and plans the next wake; also called after every schedule change. Returns at
     * once while the posts of an earlier tick are still being made (a busy minute's posts can take minutes,
     * paced to Discord's limit): the schedules are looked at again as soon as those end, and the command
     * that changed one never waits for them.
     */
    public void tick() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!posts.isDone()) {
                tickAgain = true;
                return;
            }
            Instant now = clock.instant();
            List<DailySchedule> mine = records.schedules().stream().filter(s -> ownsGuild.test(s.guildId())).toList();
            List<CompletableFuture<Boolean>> contended = new ArrayList<>();
            for (DailySchedule schedule : mine) {
                contended.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return postIfDue(schedule, now);
                    } catch (RuntimeException e) {
                        log.error("daily question for guild {} failed", schedule.guildId(), e);
                        return false;
                    }
                }, posting));
            }
            posts = CompletableFuture.allOf(contended.toArray(CompletableFuture[]::new))
                    .whenComplete((done, error) -> planNextWake(now, mine, contended));
        }
    }

    /** Once a tick's posts are made: wakes for the next one due, sooner to retry a day another process holds. */
    private void planNextWake(Instant ticked, List<DailySchedule> mine, List<CompletableFuture<Boolean>> contended) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Instant next = ticked.plus(MAX_SLEEP);
            for (int i = 0; i < mine.size(); i++) {
                if (contended.get(i).getNow(false) && ticked.plus(CONTENDED_RETRY).isBefore(next)) {
                    next = ticked.plus(CONTENDED_RETRY);
                }
                Instant due = mine.get(i).postingTime().nextAfter(ticked);
                if (due.isBefore(next)) {
                    next = due;
                }
            }
            Instant now = clock.instant();
            if (tickAgain) {
                tickAgain = false;
                next = now;
            }
            if (wake != null) {
                wake.cancel();
            }
            Duration sleep = Duration.between(now, next);
            wake = scheduler.schedule(sleep.isNegative() ? Duration.ZERO : sleep, this::tick);
        }
    }

    /** When the guild's next post is due, if it has a schedule. */
    public Optional<Instant> nextPost(String guildId) {
        return records.schedule(guildId).map(s -> {
            Instant now = clock.instant();
            LocalDate today = s.postingTime().dateOf(now);
            Instant dueToday = s.postingTime().on(today);
            boolean owedToday = !dueToday.isBefore(s.since()) && !records.posted(s.guildId(), today);
            if (owedToday && !now.isAfter(dueToday)) {
                return dueToday;
            }
            return s.postingTime().nextAfter(now);
        });
    }

    /** Posts the day's question when it is due; true when another process holds the day's claim unposted. */
    private boolean postIfDue(DailySchedule schedule, Instant now) {
        PostingTime time = schedule.postingTime();
        LocalDate today = time.dateOf(now);
        Instant due = time.on(today);
        if (now.isBefore(due) || due.isBefore(schedule.since()) || records.posted(schedule.guildId(), today)) {
            return false;
        }
        List<Question> eligible = bank.select(Optional.of(schedule.guildId()), schedule.topic(), Optional.empty());
        if (eligible.isEmpty()) {
            records.recordProblem(schedule.guildId(), Optional.of("The topic " + schedule.topic().orElse("")
                    + " has no questions in this bank."));
            return false;
        }
        DailyRecords.Cycle cycle = records.currentCycle(schedule.guildId());
        List<Question> remaining = new ArrayList<>(eligible.stream()
                .filter(q -> !cycle.questionIds().contains(q.id())).toList());
        int number = Math.max(1, cycle.number());
        if (remaining.isEmpty()) {
            remaining.addAll(eligible);
            number = cycle.number() + 1;
        }
        Question question = remaining.get(random.nextInt(remaining.size()));
        if (!spend()) {
            return false;
        }
        // The claim's lease runs from now, not from the tick: the budget may have kept this post waiting.
        if (!records.claimPost(schedule.guildId(), today, question.id(), number, clock.instant())) {
            // Claimed by another process that has not posted yet (posted() is false for an unsettled
            // claim): look again soon, in case it died and its lease runs out.
            return !records.posted(schedule.guildId(), today);
        }
        Optional<String> problem = channels.problemPosting(schedule.guildId(), schedule.channelId());
        if (problem.isPresent()) {
            records.settle(schedule.guildId(), today);
            records.recordProblem(schedule.guildId(), problem);
            log.warn("daily question for guild {} not posted: {}", schedule.guildId(), problem.get());
            return false;
        }
        try {
            String messageId = channels.postOnce(schedule.channelId(), card(question), nonce(schedule.guildId(), today)).join();
            records.recordMessage(schedule.guildId(), today, messageId);
            records.recordProblem(schedule.guildId(), Optional.empty());
            if (spend()) {
                channels.openThread(schedule.channelId(), messageId, threadName(question, today));
            }
        } catch (CompletionException e) {
            String reason = e.getCause() == null ? "unknown error" : e.getCause().getMessage();
            records.settle(schedule.guildId(), today);
            records.recordProblem(schedule.guildId(), Optional.of("The post of " + today + " failed: " + reason));
            log.warn("daily question for guild {} failed to post: {}", schedule.guildId(), reason);
        }
        return false;
    }

    /**
     * Waits for one request of the budget; false when interrupted (Prepbot is stopping), leaving any
     * claim to run out so that another process or the next start makes the post.
     */
    private boolean spend() {
        try {
            budget.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The post: the question, its topic and difficulty, and buttons that reveal the answers privately. */
    Reply.Card card(Question question) {
        Reply.Card card = cards.questionCard(question);
        return new Reply.Card(Text.of("Question of the day: " + question.question()),
                List.of(Reply.Section.of("", "Think it through, then reveal the answer below. Discuss in the thread.")),
                card.footer(), card.buttons(), card.menu(), card.visibility());
    }

    /** The same for every attempt at one guild's day, and within Discord's 25 characters. */
    static String nonce(String guildId, LocalDate date) {
        long h = 1125899906842597L;
        for (char ch : (guildId + "/" + date).toCharArray()) {
            h = 31 * h + ch;
        }
        return "daily-" + Long.toUnsignedString(h, 36);
    }

    private static String threadName(Question question, LocalDate date) {
        String name = date + " " + question.question();
        return name.length() <= 100 ? name : name.substring(0, 99) + "…";
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (wake != null) {
                wake.cancel();
            }
        }
    }
}
