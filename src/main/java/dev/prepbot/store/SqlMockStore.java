package dev.prepbot.store;

import dev.prepbot.bank.Difficulty;
import dev.prepbot.mock.MockMember;
import dev.prepbot.mock.MockPair;
import dev.prepbot.mock.MockScore;
import dev.prepbot.mock.MockSession;
import dev.prepbot.mock.MockStore;
import dev.prepbot.mock.MockSummary;
import dev.prepbot.mock.QueueEntry;
import dev.prepbot.mock.Tick;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Mock interview sessions, pairs, scores and the queue on the database. */
public final class SqlMockStore implements MockStore {

    private static final String SESSION = "id, guild_id, channel_id, starter_id, topic, difficulty, minutes, status,"
            + " lobby_message_id, created_at";
    private static final String PAIR = "id, session_id, guild_id, first_id, second_id, observer_id, thread_id, voice_id,"
            + " status, round, question_id, round_message_id, deadline, here";
    private static final String SCORE = "pair_id, round, guild_id, interviewer_id, candidate_id, question_id, topic,"
            + " ticks, overall, note, scored_at";
    private static final String QUEUE = "guild_id, user_id, user_name, difficulty, channel_id, since";

    private final Database db;

    public SqlMockStore(Database db) {
        this.db = db;
    }

    @Override
    public void saveSession(MockSession s) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mock_sessions (" + SESSION + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
                    + " lobby_message_id = excluded.lobby_message_id")) {
                p.setString(1, s.id());
                p.setString(2, s.guildId());
                p.setString(3, s.channelId());
                p.setString(4, s.starterId());
                text(p, 5, s.topic());
                text(p, 6, s.difficulty().map(Difficulty::slug));
                p.setInt(7, s.minutes());
                p.setString(8, s.status().name());
                text(p, 9, s.lobbyMessageId());
                p.setLong(10, s.createdAt().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<MockSession> session(String id) {
        return db.transaction(c -> sessions(c, "SELECT " + SESSION + " FROM mock_sessions WHERE id = ?", id)
                .stream().findFirst());
    }

    @Override
    public Optional<MockSession> openSessionIn(String channelId) {
        // A match from the queue is a session without a lobby: it does not hold the channel.
        return db.transaction(c -> sessions(c, "SELECT " + SESSION + " FROM mock_sessions WHERE channel_id = ?"
                + " AND (status = 'LOBBY' OR (status = 'RUNNING' AND lobby_message_id IS NOT NULL))"
                + " ORDER BY created_at DESC", channelId).stream().findFirst());
    }

    private static List<MockSession> sessions(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            List<MockSession> found = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    found.add(new MockSession(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            Optional.ofNullable(r.getString(5)),
                            Optional.ofNullable(r.getString(6)).flatMap(Difficulty::fromSlug), r.getInt(7),
                            MockSession.Status.valueOf(r.getString(8)), Optional.ofNullable(r.getString(9)),
                            Instant.ofEpochMilli(r.getLong(10))));
                }
            }
            return found;
        }
    }

    @Override
    public boolean addMember(String sessionId, MockMember member) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mock_members (session_id, user_id, user_name,"
                    + " position) VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM mock_members"
                    + " WHERE session_id = ?)) ON CONFLICT (session_id, user_id) DO NOTHING")) {
                p.setString(1, sessionId);
                p.setString(2, member.userId());
                p.setString(3, member.name());
                p.setString(4, sessionId);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean removeMember(String sessionId, String userId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM mock_members WHERE session_id = ? AND user_id = ?")) {
                p.setString(1, sessionId);
                p.setString(2, userId);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<MockMember> members(String sessionId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT user_id, user_name FROM mock_members"
                    + " WHERE session_id = ? ORDER BY position, user_id")) {
                p.setString(1, sessionId);
                List<MockMember> members = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        members.add(new MockMember(r.getString(1), r.getString(2)));
                    }
                }
                return members;
            }
        });
    }

    @Override
    public void savePair(MockPair pair) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mock_pairs (" + PAIR + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " first_id = excluded.first_id, second_id = excluded.second_id, observer_id = excluded.observer_id,"
                    + " thread_id = excluded.thread_id, voice_id = excluded.voice_id, status = excluded.status,"
                    + " round = excluded.round, question_id = excluded.question_id,"
                    + " round_message_id = excluded.round_message_id, deadline = excluded.deadline, here = excluded.here")) {
                p.setString(1, pair.id());
                p.setString(2, pair.sessionId());
                p.setString(3, pair.guildId());
                p.setString(4, pair.firstId());
                p.setString(5, pair.secondId());
                text(p, 6, pair.observerId());
                text(p, 7, pair.threadId());
                text(p, 8, pair.voiceId());
                p.setString(9, pair.status().name());
                p.setInt(10, pair.round());
                text(p, 11, pair.questionId());
                text(p, 12, pair.roundMessageId());
                if (pair.deadline().isPresent()) {
                    p.setLong(13, pair.deadline().get().toEpochMilli());
                } else {
                    p.setNull(13, Types.BIGINT);
                }
                p.setString(14, String.join(",", pair.here().stream().sorted().toList()));
                return p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<MockPair> pair(String id) {
        return db.transaction(c -> pairs(c, "SELECT " + PAIR + " FROM mock_pairs WHERE id = ?", id).stream().findFirst());
    }

    @Override
    public List<MockPair> pairs(String sessionId) {
        return db.transaction(c -> pairs(c, "SELECT " + PAIR + " FROM mock_pairs WHERE session_id = ? ORDER BY id",
                sessionId));
    }

    @Override
    public List<MockPair> openPairs() {
        return db.transaction(c -> {
            List<MockPair> open = new ArrayList<>();
            for (MockPair.Status status : List.of(MockPair.Status.WAITING, MockPair.Status.INTERVIEW,
                    MockPair.Status.SCORING)) {
                open.addAll(pairs(c, "SELECT " + PAIR + " FROM mock_pairs WHERE status = ? ORDER BY id", status.name()));
            }
            return open;
        });
    }

    @Override
    public Optional<MockPair> openPairOf(String guildId, String userId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + PAIR + " FROM mock_pairs WHERE guild_id = ?"
                    + " AND status IN ('WAITING', 'INTERVIEW', 'SCORING')"
                    + " AND (first_id = ? OR second_id = ? OR observer_id = ?) ORDER BY id")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                p.setString(3, userId);
                p.setString(4, userId);
                return readPairs(p).stream().findFirst();
            }
        });
    }

    private static List<MockPair> pairs(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            return readPairs(p);
        }
    }

    private static List<MockPair> readPairs(PreparedStatement p) throws SQLException {
        List<MockPair> found = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long deadline = r.getLong(13);
                Optional<Instant> due = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deadline));
                String here = r.getString(14);
                found.add(new MockPair(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        Optional.ofNullable(r.getString(6)), Optional.ofNullable(r.getString(7)),
                        Optional.ofNullable(r.getString(8)), MockPair.Status.valueOf(r.getString(9)), r.getInt(10),
                        Optional.ofNullable(r.getString(11)), Optional.ofNullable(r.getString(12)), due,
                        here.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(here.split(",")))));
            }
        }
        return found;
    }

    @Override
    public void saveScore(MockScore s) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mock_scores (" + SCORE + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pair_id, round) DO UPDATE SET"
                    + " ticks = excluded.ticks, overall = excluded.overall, note = excluded.note,"
                    + " scored_at = excluded.scored_at")) {
                p.setString(1, s.pairId());
                p.setInt(2, s.round());
                p.setString(3, s.guildId());
                p.setString(4, s.interviewerId());
                p.setString(5, s.candidateId());
                p.setString(6, s.questionId());
                p.setString(7, s.topic());
                p.setString(8, s.tickCodes());
                if (s.overall().isPresent()) {
                    p.setInt(9, s.overall().getAsInt());
                } else {
                    p.setNull(9, Types.INTEGER);
                }
                text(p, 10, s.note());
                p.setLong(11, s.at().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<MockScore> score(String pairId, int round) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + SCORE + " FROM mock_scores WHERE pair_id = ?"
                    + " AND round = ?")) {
                p.setString(1, pairId);
                p.setInt(2, round);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<MockScore>empty();
                    }
                    int overall = r.getInt(9);
                    OptionalInt given = r.wasNull() ? OptionalInt.empty() : OptionalInt.of(overall);
                    return Optional.of(new MockScore(r.getString(1), r.getInt(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), MockScore.parseTicks(r.getString(8)), given,
                            Optional.ofNullable(r.getString(10)), Instant.ofEpochMilli(r.getLong(11))));
                }
            }
        });
    }

    @Override
    public MockSummary summary(String guildId, String userId) {
        return summarize("SELECT overall, ticks FROM mock_scores WHERE guild_id = ? AND candidate_id = ?"
                + " AND overall IS NOT NULL", guildId, userId, null);
    }

    @Override
    public MockSummary teamSummary(String guildId, Instant since) {
        return summarize("SELECT overall, ticks FROM mock_scores WHERE guild_id = ? AND scored_at >= ?"
                + " AND overall IS NOT NULL", guildId, null, since);
    }

    private MockSummary summarize(String sql, String guildId, String userId, Instant since) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, guildId);
                if (userId != null) {
                    p.setString(2, userId);
                } else {
                    p.setLong(2, since.toEpochMilli());
                }
                int rounds = 0;
                int sum = 0;
                int[] counts = new int[Tick.values().length];
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rounds++;
                        sum += r.getInt(1);
                        for (Optional<Tick> tick : MockScore.parseTicks(r.getString(2))) {
                            tick.ifPresent(t -> counts[t.ordinal()]++);
                        }
                    }
                }
                return new MockSummary(rounds, sum, counts[Tick.COVERED.ordinal()], counts[Tick.PARTLY.ordinal()],
                        counts[Tick.MISSED.ordinal()]);
            }
        });
    }

    @Override
    public void enqueue(QueueEntry e) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mock_queue (" + QUEUE + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET"
                    + " user_name = excluded.user_name, difficulty = excluded.difficulty,"
                    + " channel_id = excluded.channel_id, since = excluded.since")) {
                p.setString(1, e.guildId());
                p.setString(2, e.userId());
                p.setString(3, e.name());
                p.setString(4, e.difficulty());
                p.setString(5, e.channelId());
                p.setLong(6, e.since().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public boolean dequeue(String guildId, String userId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM mock_queue WHERE guild_id = ? AND user_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, userId);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<QueueEntry> queued(String guildId, String userId) {
        return queue("SELECT " + QUEUE + " FROM mock_queue WHERE guild_id = ? AND user_id = ?", guildId, userId);
    }

    @Override
    public Optional<QueueEntry> longestWaiting(String guildId, String difficulty, String userId) {
        return queue("SELECT " + QUEUE + " FROM mock_queue WHERE guild_id = ? AND difficulty = ? AND user_id <> ?"
                + " ORDER BY since, user_id LIMIT 1", guildId, difficulty, userId);
    }

    private Optional<QueueEntry> queue(String sql, String... args) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    p.setString(i + 1, args[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new QueueEntry(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), Instant.ofEpochMilli(r.getLong(6)))) : Optional.<QueueEntry>empty();
                }
            }
        });
    }

    private static void text(PreparedStatement p, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            p.setString(index, value.get());
        } else {
            p.setNull(index, Types.VARCHAR);
        }
    }
}
