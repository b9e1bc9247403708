package dev.prepbot.daily;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A guild's daily question: where, at what local time in which zone, from which topic (or all), and
 * since when. Days whose posting time came before {@code since} are not owed a post, so setting a
 * schedule at 10:00 for 09:00 starts tomorrow rather than posting at once.
 */
public record DailySchedule(String guildId, String channelId, LocalTime time, ZoneId zone, Optional<String> topic,
                            Instant since) {

    public PostingTime postingTime() {
        return new PostingTime(time, zone);
    }
}
