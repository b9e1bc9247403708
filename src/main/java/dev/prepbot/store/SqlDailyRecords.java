package dev.prepbot.store;

import dev.prepbot.daily.DailyRecords;
import dev.prepbot.daily.DailySchedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Daily schedules and posts on the database. The primary key (guild, local date) of daily_posts is what
 * makes "one post per day" hold across restarts and across processes sharing the database.
 *
 * <p>A claim is a lease: the claiming process has until {@code lease_until} to post and record the
 * message, which settles the day (the lease is cleared). A process that dies in between leaves a lease
 * that expires, and then one other process (a conditional upsert only one can win) takes the day over.
 */
public final class SqlDailyRecords implements DailyRecords {

    /** Far longer than a post takes (a REST call and two commits), so a live process never loses its claim. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final Database db;
    private final Duration lease;

    public SqlDailyRecords(Database db) {
        this(db, LEASE);
    }

    /** With a lease of another length: tests that kill processes shorten it. */
    public SqlDailyRecords(Database db, Duration lease) {
        this.db = db;
        this.lease = lease;
    }


    @Override
    public Optional<DailySchedule> schedule(String guildId) {
        return db.transaction(c -> {
            List<DailySchedule> found = select(c, " WHERE guild_id = ?", guildId);
            return found.stream().findFirst();
        });
    }

    @Override
    public List<DailySchedule> schedules() {
        return db.transaction(c -> select(c, "", null));
    }

    private static List<DailySchedule> select(Connection c, String where, String guildId) throws SQLException {
        List<DailySchedule> schedules = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT guild_id, channel_id, post_time, zone, topic, since FROM daily_schedules" + where + " ORDER BY guild_id")) {
            if (guildId != null) {
                p.setString(1, guildId);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    schedules.add(new DailySchedule(r.getString(1), r.getString(2), LocalTime.parse(r.getString(3)),
                            ZoneId.of(r.getString(4)), Optional.ofNullable(r.getString(5)),
                            Instant.ofEpochMilli(r.getLong(6))));
                }
            }
        }
        return schedules;
    }

    @Override
    public void saveSchedule(DailySchedule s) {
        db.transaction(c -> {
            // One statement, so two processes saving the same guild's schedule cannot both find it absent.
            try (PreparedStatement p = c.prepareStatement("INSERT INTO daily_schedules (guild_id, channel_id, post_time,"
                    + " zone, topic, since, problem) VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (guild_id) DO UPDATE SET"
                    + " channel_id = excluded.channel_id, post_time = excluded.post_time, zone = excluded.zone,"
                    + " topic = excluded.topic, since = excluded.since, problem = NULL")) {
                p.setString(1, s.guildId());
                p.setString(2, s.channelId());
                p.setString(3, s.time().toString());
                p.setString(4, s.zone().getId());
                p.setString(5, s.topic().orElse(null));
                p.setLong(6, s.since().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void deleteSchedule(String guildId) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM daily_schedules WHERE guild_id = ?")) {
                p.setString(1, guildId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public boolean claimPost(String guildId, LocalDate date, String questionId, int cycle, Instant at) {
        return db.transaction(c -> {
            // The key decides: when another process claims the same day at the same moment, one insert wins and
            // the other inserts nothing, with no key error (which on PostgreSQL would abort the transaction).
            // An existing row is taken over only when it was never settled and its lease has run out; the
            // update locks the row, so of two processes taking over one lease, the second finds it renewed.
            try (PreparedStatement p = c.prepareStatement("INSERT INTO daily_posts (guild_id, local_date, question_id,"
                    + " cycle, posted_at, lease_until) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, local_date)"
                    + " DO UPDATE SET question_id = excluded.question_id, cycle = excluded.cycle,"
                    + " posted_at = excluded.posted_at, lease_until = excluded.lease_until"
                    + " WHERE daily_posts.message_id IS NULL AND daily_posts.lease_until IS NOT NULL"
                    + " AND daily_posts.lease_until <= excluded.posted_at")) {
                p.setString(1, guildId);
                p.setString(2, date.toString());
                p.setString(3, questionId);
                p.setInt(4, cycle);
                p.setLong(5, at.toEpochMilli());
                p.setLong(6, at.plus(lease).toEpochMilli());
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean posted(String guildId, LocalDate date) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT 1 FROM daily_posts WHERE guild_id = ? AND local_date = ?"
                    + " AND (message_id IS NOT NULL OR lease_until IS NULL)")) {
                p.setString(1, guildId);
                p.setString(2, date.toString());
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public void recordMessage(String guildId, LocalDate date, String messageId) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE daily_posts SET message_id = ?, lease_until = NULL WHERE guild_id = ? AND local_date = ?")) {
                p.setString(1, messageId);
                p.setString(2, guildId);
                p.setString(3, date.toString());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void settle(String guildId, LocalDate date) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE daily_posts SET lease_until = NULL WHERE guild_id = ? AND local_date = ?")) {
                p.setString(1, guildId);
                p.setString(2, date.toString());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void recordProblem(String guildId, Optional<String> problem) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE daily_schedules SET problem = ? WHERE guild_id = ?")) {
                p.setString(1, problem.orElse(null));
                p.setString(2, guildId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> lastProblem(String guildId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT problem FROM daily_schedules WHERE guild_id = ?")) {
                p.setString(1, guildId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public Cycle currentCycle(String guildId) {
        return db.transaction(c -> {
            int number = 0;
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(cycle) FROM daily_posts WHERE guild_id = ?")) {
                p.setString(1, guildId);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        number = r.getInt(1);
                    }
                }
            }
            Set<String> ids = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT question_id FROM daily_posts WHERE guild_id = ? AND cycle = ?")) {
                p.setString(1, guildId);
                p.setInt(2, number);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            return new Cycle(number, ids);
        });
    }
}
