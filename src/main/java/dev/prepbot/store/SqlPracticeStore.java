package dev.prepbot.store;

import dev.prepbot.practice.Card;
import dev.prepbot.practice.PracticeStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Practice schedules on the database; misses are read from the quiz answers themselves. */
public final class SqlPracticeStore implements PracticeStore {

    private static final String COLUMNS = "question_id, due_at, interval_days, ease, reviews, lapses, last_reviewed_at";

    private final Database db;

    public SqlPracticeStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Card> card(String guildId, String userId, String questionId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM practice_cards"
                    + " WHERE guild_id = ? AND user_id = ? AND question_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                p.setString(3, questionId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(card(r)) : Optional.<Card>empty();
                }
            }
        });
    }

    @Override
    public void save(String guildId, String userId, Card card) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO practice_cards (guild_id, user_id, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id, question_id) DO UPDATE SET"
                    + " due_at = excluded.due_at, interval_days = excluded.interval_days, ease = excluded.ease,"
                    + " reviews = excluded.reviews, lapses = excluded.lapses, last_reviewed_at = excluded.last_reviewed_at")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                p.setString(3, card.questionId());
                p.setLong(4, card.due().toEpochMilli());
                p.setDouble(5, card.intervalDays());
                p.setDouble(6, card.ease());
                p.setInt(7, card.reviews());
                p.setInt(8, card.lapses());
                if (card.lastReviewed().isPresent()) {
                    p.setLong(9, card.lastReviewed().get().toEpochMilli());
                } else {
                    p.setNull(9, java.sql.Types.BIGINT);
                }
                return p.executeUpdate();
            }
        });
    }

    @Override
    public List<Card> due(String guildId, String userId, Instant now, int limit) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM practice_cards"
                    + " WHERE guild_id = ? AND user_id = ? AND due_at <= ? ORDER BY due_at, question_id LIMIT ?")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                p.setLong(3, now.toEpochMilli());
                p.setInt(4, limit);
                List<Card> cards = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        cards.add(card(r));
                    }
                }
                return cards;
            }
        });
    }

    @Override
    public Optional<Instant> nextDue(String guildId, String userId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT MIN(due_at) FROM practice_cards WHERE guild_id = ? AND user_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                try (ResultSet r = p.executeQuery()) {
                    long due = r.next() ? r.getLong(1) : 0;
                    return r.wasNull() || due == 0 ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(due));
                }
            }
        });
    }

    @Override
    public List<String> scheduled(String guildId, String userId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT question_id FROM practice_cards WHERE guild_id = ? AND user_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                List<String> ids = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public Map<String, int[]> accuracyByTopic(String guildId, String userId, Instant since) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT topic, SUM(correct), COUNT(*) FROM answers"
                    + " WHERE guild_id = ? AND user_id = ? AND answered_at >= ? GROUP BY topic")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                p.setLong(3, since.toEpochMilli());
                Map<String, int[]> topics = new LinkedHashMap<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        topics.put(r.getString(1), new int[] {r.getInt(2), r.getInt(3)});
                    }
                }
                return topics;
            }
        });
    }

    @Override
    public List<Miss> misses(String guildId, String userId, Instant since) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT question_id, MAX(answered_at) FROM answers"
                    + " WHERE guild_id = ? AND user_id = ? AND correct = 0 AND answered_at >= ?"
                    + " GROUP BY question_id ORDER BY MIN(answered_at), question_id")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                p.setLong(3, since.toEpochMilli());
                List<Miss> misses = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        misses.add(new Miss(r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
                    }
                }
                return misses;
            }
        });
    }

    private static Card card(ResultSet r) throws SQLException {
        long last = r.getLong(7);
        Optional<Instant> lastReviewed = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
        return new Card(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getDouble(3), r.getDouble(4), r.getInt(5),
                r.getInt(6), lastReviewed);
    }
}
