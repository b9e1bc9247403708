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
     * restart or by another process sharing the database.
     */
    boolean claimPost(String guildId, LocalDate date, String questionId, int cycle, Instant at);

    /** Whether the day's post was claimed. */
    boolean posted(String guildId, LocalDate date);

    void recordMessage(String guildId, LocalDate date, String messageId);

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
