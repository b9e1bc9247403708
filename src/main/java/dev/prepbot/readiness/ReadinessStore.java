package dev.prepbot.readiness;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The quiz answers a readiness picture is drawn from, per server. */
public interface ReadinessStore {

    /** Each member's answers per topic since the instant. */
    List<Tally> tallies(String guildId, Instant since);

    /** The name a member last answered under here, if they ever answered. */
    Optional<String> memberName(String guildId, String userId);

    /** One member's answers per topic and calendar week (Monday first, UTC) since the instant. */
    List<WeekPoint> weeks(String guildId, String userId, Instant since);
}
