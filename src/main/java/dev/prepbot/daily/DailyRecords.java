package dev.prepbot.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the daily question keeps in durable storage, per guild. */
public interface DailyRecords {

    Optional<DailySchedule> schedule(String guildId);

    List<DailySchedule> schedules();

    /** Creates or replaces the guild's schedule and clears its last problem. */
    void saveSchedule(DailySchedule schedule);

    void deleteSchedule(String guildId);

    /**
     * Claims the post of one local day. The storage enforces one post per guild and local date (a
     * unique key), so this returns false when the day was already claimed, by this process before a
     * restart or by another process sharing the database. A storage shared by processes may make the
     * claim a lease: one never settled (the claimer died before posting) can be claimed again once it
     * has run out.
     */
    boolean claimPost(String guildId, LocalDate date, String questionId, int cycle, Instant at);

    /**
     * Whether the day's post is settled: claimed and posted, or given up. A claim another process holds
     * while it posts is not settled yet.
     */
    boolean posted(String guildId, LocalDate date);

    /** Records the posted message, which settles the day's claim. */
    void recordMessage(String guildId, LocalDate date, String messageId);

    /** Settles the day's claim without a message: the post failed for a reason a retry would not fix. */
    void settle(String guildId, LocalDate date);

    /** Records what went wrong with the last post (a deleted channel, a lost permission), or clears it. */
    void recordProblem(String guildId, Optional<String> problem);

    Optional<String> lastProblem(String guildId);

    /** The current cycle number (0 when nothing was posted yet) and the questions posted in it. */
    Cycle currentCycle(String guildId);

    record Cycle(int number, Set<String> questionIds) {
        public Cycle {
            questionIds = Set.copyOf(questionIds);
        }
    }
}
