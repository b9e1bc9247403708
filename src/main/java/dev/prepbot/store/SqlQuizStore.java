package dev.prepbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The quiz store on the database; every query names the guild or the round it is about. */
public final class SqlQuizStore implements QuizStore {

    private static final long DAY_MILLIS = 86_400_000L;

    private final Database db;

    public SqlQuizStore(Database db) {
        this.db = db;
    }

    @Override
    public void openRound(RoundRecord r) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO rounds (id, guild_id, channel_id, starter_id, topic,"
                    + " question_count, seconds, status, message_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, r.id());
                p.setString(2, r.guildId());
                p.setString(3, r.channelId());
                p.setString(4, r.starterId());
                p.setString(5, r.topic().orElse(null));
                p.setInt(6, r.questionCount());
                p.setInt(7, r.seconds());
                p.setString(8, r.status().slug());
                p.setString(9, r.messageId().orElse(null));
                p.setLong(10, r.startedAt().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void setRoundMessage(String roundId, String messageId) {
        update("UPDATE rounds SET message_id = ? WHERE id = ?", messageId, roundId);
    }

    @Override
    public void closeRound(String roundId, RoundStatus status, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE rounds SET status = ?, ended_at = ? WHERE id = ? AND status = 'running'")) {
                p.setString(1, status.slug());
                p.setLong(2, at.toEpochMilli());
                p.setString(3, roundId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public List<RoundRecord> runningRounds() {
        return db.transaction(c -> {
            List<RoundRecord> rounds = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, guild_id, channel_id, starter_id, topic,"
                    + " question_count, seconds, status, message_id, started_at FROM rounds WHERE status = 'running'");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rounds.add(new RoundRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            Optional.ofNullable(r.getString(5)), r.getInt(6), r.getInt(7),
                            RoundStatus.fromSlug(r.getString(8)), Optional.ofNullable(r.getString(9)),
                            Instant.ofEpochMilli(r.getLong(10))));
                }
            }
            return rounds;
        });
    }

    /** Answers in the order every writer takes their rows' locks. */
    private static final Comparator<AnswerRecord> KEY_ORDER = Comparator.comparing(AnswerRecord::roundId)
            .thenComparingInt(AnswerRecord::questionIndex).thenComparing(AnswerRecord::userId);

    /** A player's sums to add, for all time (day -1) or one UTC day. */
    private record SumKey(String guildId, long day, String userId) implements Comparable<SumKey> {
        @Override
        public int compareTo(SumKey o) {
            int c = guildId.compareTo(o.guildId);
            c = c != 0 ? c : Long.compare(day, o.day);
            return c != 0 ? c : userId.compareTo(o.userId);
        }
    }

    private static final class Sums {
        String userName;
        long points;
        int answered;
        int correct;

        void add(AnswerRecord a) {
            userName = a.userName();
            points += a.points();
            answered++;
            correct += a.correct() ? 1 : 0;
        }
    }

    /**
     * Stores a batch in one transaction. On PostgreSQL two processes can store overlapping batches at
     * once, so rows are locked in one global order, answers by key and then each sum by key, and no two
     * batches can each hold a row the other waits for; that order also adds each player's sums once per
     * batch instead of once per answer.
     */
    @Override
    public List<Boolean> recordAnswers(List<AnswerRecord> answers) {
        return db.transaction(c -> {
            Boolean[] stored = new Boolean[answers.size()];
            Integer[] order = new Integer[answers.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing(answers::get, KEY_ORDER));
            Map<SumKey, Sums> totals = new TreeMap<>();
            Map<SumKey, Sums> days = new TreeMap<>();
            Map<SumKey, Sums> months = new TreeMap<>();
            // Insert only when absent, decided by the primary key itself: a check-then-insert would let two
            // processes on PostgreSQL both pass the check, and the loser's key error would undo its whole batch.
            try (PreparedStatement p = c.prepareStatement("INSERT INTO answers (round_id, question_index, question_id,"
                    + " topic, guild_id, user_id, user_name, choice, correct, points, millis, answered_at, choice_text)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (round_id, question_index, user_id) DO NOTHING")) {
                for (int i : order) {
                    AnswerRecord a = answers.get(i);
                    p.setString(1, a.roundId());
                    p.setInt(2, a.questionIndex());
                    p.setString(3, a.questionId());
                    p.setString(4, a.topic());
                    p.setString(5, a.guildId());
                    p.setString(6, a.userId());
                    p.setString(7, a.userName());
                    p.setInt(8, a.choice());
                    p.setInt(9, a.correct() ? 1 : 0);
                    p.setInt(10, a.points());
                    p.setLong(11, a.millis());
                    p.setLong(12, a.answeredAt().toEpochMilli());
                    p.setString(13, a.choiceText().orElse(null));
                    stored[i] = p.executeUpdate() == 1;
                }
            }
            // In the order given, so a renamed player's latest name is the one kept.
            for (int i = 0; i < stored.length; i++) {
                if (stored[i]) {
                    AnswerRecord a = answers.get(i);
                    totals.computeIfAbsent(new SumKey(a.guildId(), -1, a.userId()), k -> new Sums()).add(a);
                    long day = Math.floorDiv(a.answeredAt().toEpochMilli(), DAY_MILLIS);
                    days.computeIfAbsent(new SumKey(a.guildId(), day, a.userId()), k -> new Sums()).add(a);
                    months.computeIfAbsent(new SumKey(a.guildId(), month(a.answeredAt()), a.userId()), k -> new Sums()).add(a);
                }
            }
            addToTotals(c, totals, days);
            addTo(c, "monthly_scores", "month", months);
            bumpScoreVersions(c, totals.keySet().stream().map(SumKey::guildId).collect(Collectors.toCollection(TreeSet::new)));
            return List.of(stored);
        });
    }

    /**
     * Bumps the score version of each guild that got a new score, in the answers' transaction, so a
     * process that reads the version sees the new scores too. In guild order, after the sums, keeping
     * the one global lock order.
     */
    private static void bumpScoreVersions(Connection c, Set<String> guilds) throws SQLException {
        if (guilds.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO score_versions (guild_id, version) VALUES (?, 1)"
                + " ON CONFLICT (guild_id) DO UPDATE SET version = score_versions.version + 1")) {
            for (String guild : guilds) {
                p.setString(1, guild);
                p.executeUpdate();
            }
        }
    }

    /** The guild's score version: changes whenever a score is stored for it, by any process (0: none yet). */
    public long scoreVersion(String guildId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT version FROM score_versions WHERE guild_id = ?")) {
                p.setString(1, guildId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
    }

    /** Adds newly scored answers to their players' all-time and daily sums, in the answers' transaction. */
    private static void addToTotals(Connection c, Map<SumKey, Sums> totals, Map<SumKey, Sums> days) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO total_scores (guild_id, user_id, user_name, points,"
                + " answered, correct) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET"
                + " user_name = excluded.user_name, points = total_scores.points + excluded.points,"
                + " answered = total_scores.answered + excluded.answered,"
                + " correct = total_scores.correct + excluded.correct")) {
            for (Map.Entry<SumKey, Sums> e : totals.entrySet()) {
                p.setString(1, e.getKey().guildId());
                p.setString(2, e.getKey().userId());
                p.setString(3, e.getValue().userName);
                p.setLong(4, e.getValue().points);
                p.setInt(5, e.getValue().answered);
                p.setInt(6, e.getValue().correct);
                p.executeUpdate();
            }
        }
        addTo(c, "daily_scores", "day", days);
    }

    /** Adds sums to a table of per-player sums by period ({@code daily_scores} by day, {@code monthly_scores} by month). */
    private static void addTo(Connection c, String table, String period, Map<SumKey, Sums> sums) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (guild_id, " + period + ", user_id, user_name,"
                + " points, answered, correct) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, " + period + ", user_id)"
                + " DO UPDATE SET user_name = excluded.user_name, points = " + table + ".points + excluded.points,"
                + " answered = " + table + ".answered + excluded.answered,"
                + " correct = " + table + ".correct + excluded.correct")) {
            for (Map.Entry<SumKey, Sums> e : sums.entrySet()) {
                p.setString(1, e.getKey().guildId());
                p.setLong(2, e.getKey().day());
                p.setString(3, e.getKey().userId());
                p.setString(4, e.getValue().userName);
                p.setLong(5, e.getValue().points);
                p.setInt(6, e.getValue().answered);
                p.setInt(7, e.getValue().correct);
                p.executeUpdate();
            }
        }
    }

    /** The UTC calendar month of an instant, counted from year 0: year * 12 + month - 1. */
    static long month(Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        return utc.getYear() * 12L + utc.getMonthValue() - 1;
    }

    /**
     * Standings since an instant. All time reads the all-time sums, a period starting on the first of a UTC
     * month the monthly sums (one row per player), one starting at another UTC midnight (a week) the daily
     * sums; any other instant sums the answers.
     */
    @Override
    public List<Standing> standings(String guildId, Instant since) {
        long millis = since.toEpochMilli();
        if (millis <= 0) {
            return standings("SELECT user_id, user_name, points, answered, correct FROM total_scores WHERE guild_id = ?"
                    + " ORDER BY points DESC, correct DESC, user_id", guildId);
        }
        ZonedDateTime start = since.atZone(ZoneOffset.UTC);
        if (millis % DAY_MILLIS == 0 && start.getDayOfMonth() == 1) {
            return standings("SELECT user_id, MAX(user_name), SUM(points), SUM(answered), SUM(correct) FROM monthly_scores"
                    + " WHERE guild_id = ? AND month >= ? GROUP BY user_id ORDER BY SUM(points) DESC, SUM(correct) DESC,"
                    + " user_id", guildId, month(since));
        }
        if (millis % DAY_MILLIS == 0) {
            return standings("SELECT user_id, MAX(user_name), SUM(points), SUM(answered), SUM(correct) FROM daily_scores"
                    + " WHERE guild_id = ? AND day >= ? GROUP BY user_id ORDER BY SUM(points) DESC, SUM(correct) DESC,"
                    + " user_id", guildId, millis / DAY_MILLIS);
        }
        return standings("SELECT user_id, MAX(user_name), SUM(points), COUNT(*), SUM(correct) FROM answers"
                + " WHERE guild_id = ? AND answered_at >= ? GROUP BY user_id ORDER BY SUM(points) DESC, SUM(correct) DESC,"
                + " user_id", guildId, millis);
    }

    private List<Standing> standings(String sql, Object... parameters) {
        return db.transaction(c -> {
            List<Standing> standings = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    p.setObject(i + 1, parameters[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        standings.add(new Standing(r.getString(1), r.getString(2), r.getLong(3), r.getInt(4), r.getInt(5)));
                    }
                }
            }
            return standings;
        });
    }

    @Override
    public Optional<PlayerStats> stats(String guildId, String userId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT round_id, topic, correct, points, user_name FROM answers"
                    + " WHERE guild_id = ? AND user_id = ? ORDER BY answered_at, round_id, question_index")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                try (ResultSet r = p.executeQuery()) {
                    Set<String> rounds = new HashSet<>();
                    Map<String, int[]> topics = new LinkedHashMap<>();
                    Map<String, Long> topicPoints = new LinkedHashMap<>();
                    int answered = 0;
                    int correct = 0;
                    long points = 0;
                    int streak = 0;
                    int best = 0;
                    String name = userId;
                    while (r.next()) {
                        rounds.add(r.getString(1));
                        boolean right = r.getInt(3) == 1;
                        int[] t = topics.computeIfAbsent(r.getString(2), k -> new int[2]);
                        t[0]++;
                        topicPoints.merge(r.getString(2), r.getLong(4), Long::sum);
                        answered++;
                        points += r.getLong(4);
                        name = r.getString(5);
                        if (right) {
                            t[1]++;
                            correct++;
                            best = Math.max(best, ++streak);
                        } else {
                            streak = 0;
                        }
                    }
                    if (answered == 0) {
                        return Optional.empty();
                    }
                    Map<String, Standing> byTopic = new LinkedHashMap<>();
                    String shown = name;
                    topics.forEach((topic, t) -> byTopic.put(topic,
                            new Standing(userId, shown, topicPoints.get(topic), t[0], t[1])));
                    return Optional.of(new PlayerStats(userId, name, rounds.size(), answered, correct, points, best, byTopic));
                }
            }
        });
    }

    private void update(String sql, String first, String second) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, first);
                p.setString(2, second);
                return p.executeUpdate();
            }
        });
    }

    /** Exposed for tests that check answers survive a reopen. */
    int answerCount(String roundId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM answers WHERE round_id = ?")) {
                p.setString(1, roundId);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

}
