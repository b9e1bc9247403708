package dev.prepbot.store;

import dev.prepbot.readiness.ReadinessStore;
import dev.prepbot.readiness.Tally;
import dev.prepbot.readiness.WeekPoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Readiness from the quiz answers: sums per member and topic, and per day folded into weeks here. */
public final class SqlReadinessStore implements ReadinessStore {

    private static final long DAY_MILLIS = 86_400_000L;

    private final Database db;

    public SqlReadinessStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Tally> tallies(String guildId, Instant since) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT user_id, MAX(user_name), topic, SUM(correct), COUNT(*)"
                    + " FROM answers WHERE guild_id = ? AND answered_at >= ? GROUP BY user_id, topic")) {
                p.setString(1, guildId);
                p.setLong(2, since.toEpochMilli());
                List<Tally> tallies = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        tallies.add(new Tally(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5)));
                    }
                }
                return tallies;
            }
        });
    }

    @Override
    public Optional<String> memberName(String guildId, String userId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT MAX(user_name) FROM answers WHERE guild_id = ? AND user_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public List<WeekPoint> weeks(String guildId, String userId, Instant since) {
        // Grouped by UTC day in SQL, which both SQLite and PostgreSQL write alike, then by week here.
        Map<String, int[]> byWeekAndTopic = new LinkedHashMap<>();
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT topic, answered_at / " + DAY_MILLIS + ", SUM(correct),"
                    + " COUNT(*) FROM answers WHERE guild_id = ? AND user_id = ? AND answered_at >= ?"
                    + " GROUP BY topic, answered_at / " + DAY_MILLIS + " ORDER BY 2")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                p.setLong(3, since.toEpochMilli());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        LocalDate week = LocalDate.ofEpochDay(r.getLong(2))
                                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                        int[] sums = byWeekAndTopic.computeIfAbsent(week + "|" + r.getString(1), k -> new int[2]);
                        sums[0] += r.getInt(3);
                        sums[1] += r.getInt(4);
                    }
                }
                return null;
            }
        });
        List<WeekPoint> points = new ArrayList<>();
        byWeekAndTopic.forEach((key, sums) -> {
            int bar = key.indexOf('|');
            points.add(new WeekPoint(LocalDate.parse(key.substring(0, bar)), key.substring(bar + 1), sums[0], sums[1]));
        });
        return points;
    }
}
