package dev.prepbot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prepbot.bank.BankJson;
import dev.prepbot.serverbank.Draft;
import dev.prepbot.serverbank.QuestionStats;
import dev.prepbot.serverbank.Report;
import dev.prepbot.serverbank.ReportReason;
import dev.prepbot.serverbank.ServerBankStore;
import dev.prepbot.serverbank.ServerQuestion;
import dev.prepbot.serverbank.Source;
import dev.prepbot.serverbank.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Servers' own questions, settings, reports and drafts on the database. */
public final class SqlServerBankStore implements ServerBankStore {

    private static final String COLUMNS = "guild_id, question_id, topic, status, author_id, body, duplicate_of, reason,"
            + " created_at, updated_at";

    private final Database db;
    private final BankJson json = new BankJson();
    private final ObjectMapper mapper = new ObjectMapper();

    public SqlServerBankStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<ServerQuestion> question(String guildId, String questionId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM server_questions WHERE guild_id = ? AND question_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, questionId);
                List<ServerQuestion> found = read(p);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public List<ServerQuestion> live(String guildId, Collection<String> questionIds) {
        if (questionIds.isEmpty()) {
            return List.of();
        }
        String marks = questionIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM server_questions"
                    + " WHERE guild_id = ? AND status = ? AND question_id IN (" + marks + ")")) {
                p.setString(1, guildId);
                p.setString(2, Status.LIVE.slug());
                int i = 3;
                for (String id : questionIds) {
                    p.setString(i++, id);
                }
                return read(p);
            }
        });
    }

    @Override
    public List<ServerQuestion> questions(String guildId, Set<Status> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        String marks = statuses.stream().map(s -> "?").collect(Collectors.joining(", "));
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM server_questions"
                    + " WHERE guild_id = ? AND status IN (" + marks + ") ORDER BY created_at, question_id")) {
                p.setString(1, guildId);
                int i = 2;
                for (Status s : statuses) {
                    p.setString(i++, s.slug());
                }
                return read(p);
            }
        });
    }

    @Override
    public List<ServerQuestion> allLive() {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM server_questions"
                    + " WHERE status = ? ORDER BY guild_id, created_at, question_id")) {
                p.setString(1, Status.LIVE.slug());
                return read(p);
            }
        });
    }

    /** The one number a {@code SELECT COUNT(*)} query gives for these parameters (strings and longs). */
    private static int count(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Override
    public Map<String, Integer> liveCounts() {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT guild_id, COUNT(*) FROM server_questions"
                    + " WHERE status = ? GROUP BY guild_id ORDER BY guild_id")) {
                p.setString(1, Status.LIVE.slug());
                Map<String, Integer> counts = new LinkedHashMap<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getString(1), r.getInt(2));
                    }
                }
                return counts;
            }
        });
    }

    @Override
    public Optional<ServerQuestion> nextPending(String guildId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM server_questions"
                    + " WHERE guild_id = ? AND status = ? ORDER BY created_at, question_id LIMIT 1")) {
                p.setString(1, guildId);
                p.setString(2, Status.PENDING.slug());
                return read(p).stream().findFirst();
            }
        });
    }

    @Override
    public int count(String guildId) {
        return db.transaction(c -> count(c, guildId));
    }

    private static int count(Connection c, String guildId) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM server_questions WHERE guild_id = ? AND status IN (?, ?)", guildId,
                Status.LIVE.slug(), Status.PENDING.slug());
    }

    @Override
    public int addedSince(String guildId, String authorId, Instant since) {
        return db.transaction(c -> count(c, "SELECT COUNT(*) FROM server_questions"
                + " WHERE guild_id = ? AND author_id = ? AND created_at >= ?", guildId, authorId, since.toEpochMilli()));
    }

    @Override
    public void save(ServerQuestion question) {
        db.transaction(c -> {
            upsert(c, question, bumpVersion(c));
            return null;
        });
    }

    @Override
    public boolean saveAll(String guildId, List<ServerQuestion> questions, int limit) {
        return db.transaction(c -> {
            if (count(c, guildId) + questions.size() > limit) {
                return false;
            }
            for (ServerQuestion q : questions) {
                // A removed question's id is free again; any other state holds it.
                if (count(c, "SELECT COUNT(*) FROM server_questions WHERE guild_id = ? AND question_id = ? AND status <> ?",
                        guildId, q.id(), Status.REMOVED.slug()) > 0) {
                    return false;
                }
            }
            long version = bumpVersion(c);
            for (ServerQuestion q : questions) {
                upsert(c, q, version);
            }
            return true;
        });
    }

    /** Writes the question stamped with the next version of the servers' questions. */
    private void upsert(Connection c, ServerQuestion q, long version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO server_questions (" + COLUMNS
                + ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, question_id) DO UPDATE SET"
                + " topic = excluded.topic, status = excluded.status, author_id = excluded.author_id,"
                + " body = excluded.body, duplicate_of = excluded.duplicate_of, reason = excluded.reason,"
                + " created_at = excluded.created_at, updated_at = excluded.updated_at, version = excluded.version")) {
            p.setLong(11, version);
            p.setString(1, q.guildId());
            p.setString(2, q.id());
            p.setString(3, q.question().topic());
            p.setString(4, q.status().slug());
            p.setString(5, q.authorId());
            p.setString(6, json.compact(q.question()));
            p.setString(7, q.duplicateOf().orElse(null));
            p.setString(8, q.reason().orElse(null));
            p.setLong(9, q.createdAt().toEpochMilli());
            p.setLong(10, q.updatedAt().toEpochMilli());
            p.executeUpdate();
        }
    }

    /**
     * Counts one more change of the servers' questions, in the transaction making it; the row's update
     * lock orders concurrent writers, so versions never go back and no change is missed by a reader.
     */
    private static long bumpVersion(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE server_bank_version SET version = version + 1 WHERE id = 1")) {
            p.executeUpdate();
        }
        return version(c);
    }

    private static long version(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT version FROM server_bank_version WHERE id = 1");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private List<ServerQuestion> read(PreparedStatement p) throws SQLException {
        List<ServerQuestion> found = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                found.add(new ServerQuestion(r.getString("guild_id"), json.read(r.getString("body")),
                        Status.fromSlug(r.getString("status")).orElseThrow(),
                        r.getString("author_id"), Optional.ofNullable(r.getString("duplicate_of")),
                        Optional.ofNullable(r.getString("reason")), Instant.ofEpochMilli(r.getLong("created_at")),
                        Instant.ofEpochMilli(r.getLong("updated_at"))));
            }
        }
        return found;
    }

    @Override
    public Source source(String guildId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT source FROM server_bank_settings WHERE guild_id = ?")) {
                p.setString(1, guildId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Source.fromSlug(r.getString(1)).orElse(Source.BOTH) : Source.BOTH;
                }
            }
        });
    }

    @Override
    public void source(String guildId, Source source) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO server_bank_settings (guild_id, source)"
                    + " VALUES (?, ?) ON CONFLICT (guild_id) DO UPDATE SET source = excluded.source")) {
                p.setString(1, guildId);
                p.setString(2, source.slug());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> curatorRole(String guildId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT curator_role FROM server_bank_settings WHERE guild_id = ?")) {
                p.setString(1, guildId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void curatorRole(String guildId, Optional<String> roleId) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO server_bank_settings (guild_id, source, curator_role)"
                    + " VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET curator_role = excluded.curator_role")) {
                p.setString(1, guildId);
                p.setString(2, Source.BOTH.slug());
                p.setString(3, roleId.orElse(null));
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void report(Report report) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO question_reports (id, guild_id, question_id,"
                    + " built_in, user_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, report.id());
                p.setString(2, report.guildId());
                p.setString(3, report.questionId());
                p.setInt(4, report.builtIn() ? 1 : 0);
                p.setString(5, report.userId());
                p.setString(6, report.reason().slug());
                p.setString(7, report.note().orElse(null));
                p.setLong(8, report.createdAt().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public boolean hasOpenReport(String guildId, String questionId, String userId) {
        return db.transaction(c -> count(c, "SELECT COUNT(*) FROM question_reports WHERE guild_id = ?"
                + " AND question_id = ? AND user_id = ? AND resolved_at IS NULL", guildId, questionId, userId) > 0);
    }

    @Override
    public List<Report> openReports(Optional<String> guildId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, guild_id, question_id, built_in, user_id, reason,"
                    + " note, created_at FROM question_reports WHERE resolved_at IS NULL"
                    + (guildId.isPresent() ? " AND guild_id = ?" : "") + " ORDER BY created_at, id")) {
                if (guildId.isPresent()) {
                    p.setString(1, guildId.get());
                }
                List<Report> reports = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        reports.add(new Report(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) == 1,
                                r.getString(5), ReportReason.fromSlug(r.getString(6)).orElse(ReportReason.UNCLEAR),
                                Optional.ofNullable(r.getString(7)), Instant.ofEpochMilli(r.getLong(8)), Optional.empty()));
                    }
                }
                return reports;
            }
        });
    }

    @Override
    public int resolveReports(String guildId, String questionId, String byUserId, Instant at) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE question_reports SET resolved_at = ?, resolved_by = ?"
                    + " WHERE guild_id = ? AND question_id = ? AND resolved_at IS NULL")) {
                p.setLong(1, at.toEpochMilli());
                p.setString(2, byUserId);
                p.setString(3, guildId);
                p.setString(4, questionId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public List<QuestionStats> questionStats(String guildId) {
        record Row(boolean correct, long millis, String choice) {
        }
        Map<String, List<Row>> byQuestion = db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT question_id, correct, millis, choice_text FROM answers"
                    + " WHERE guild_id = ? ORDER BY question_id")) {
                p.setString(1, guildId);
                Map<String, List<Row>> rows = new LinkedHashMap<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                .add(new Row(r.getInt(2) == 1, r.getLong(3), r.getString(4)));
                    }
                }
                return rows;
            }
        });
        List<QuestionStats> stats = new ArrayList<>();
        byQuestion.forEach((id, rows) -> {
            long[] millis = rows.stream().mapToLong(Row::millis).sorted().toArray();
            Map<String, Integer> wrong = new HashMap<>();
            rows.stream().filter(r -> !r.correct() && r.choice() != null).forEach(r -> wrong.merge(r.choice(), 1, Integer::sum));
            int correct = (int) rows.stream().filter(Row::correct).count();
            stats.add(new QuestionStats(id, rows.size(), correct, millis[(millis.length - 1) / 2], wrong));
        });
        stats.sort(Comparator.comparing(QuestionStats::questionId));
        return stats;
    }

    @Override
    public void saveDraft(Draft draft) {
        String fields;
        try {
            fields = mapper.writeValueAsString(draft.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a draft", e);
        }
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO question_drafts (id, guild_id, user_id, kind,"
                    + " context, fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " fields = excluded.fields, created_at = excluded.created_at")) {
                p.setString(1, draft.id());
                p.setString(2, draft.guildId());
                p.setString(3, draft.userId());
                p.setString(4, draft.kind());
                p.setString(5, draft.context());
                p.setString(6, fields);
                p.setLong(7, draft.createdAt().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Draft> draft(String draftId) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, guild_id, user_id, kind, context, fields, created_at"
                    + " FROM question_drafts WHERE id = ?")) {
                p.setString(1, draftId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<Draft>empty();
                    }
                    Map<String, String> fields;
                    try {
                        fields = mapper.readValue(r.getString(6), new TypeReference<Map<String, String>>() { });
                    } catch (JsonProcessingException e) {
                        throw new SQLException("a stored draft is not JSON", e);
                    }
                    return Optional.of(new Draft(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), fields, Instant.ofEpochMilli(r.getLong(7))));
                }
            }
        });
    }

    @Override
    public void deleteDraft(String draftId) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM question_drafts WHERE id = ?")) {
                p.setString(1, draftId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public long version() {
        return db.transaction(SqlServerBankStore::version);
    }

    @Override
    public List<ServerQuestion> changedSince(long version) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM server_questions"
                    + " WHERE version > ? ORDER BY version, guild_id, question_id")) {
                p.setLong(1, version);
                return read(p);
            }
        });
    }
}
