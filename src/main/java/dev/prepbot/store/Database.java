package dev.prepbot.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * The durable store: one JDBC connection (SQLite by default, in WAL mode with a busy timeout and
 * foreign keys on), its schema created and migrated by numbered migrations recorded in the database
 * itself. Work runs one unit at a time on the connection, each unit a transaction, so writes from
 * many threads are serialized and every commit is durable when the call returns.
 *
 * <p>The SQL is plain and portable to PostgreSQL: instants are epoch milliseconds in BIGINT columns,
 * and no statement uses SQLite-only syntax outside {@link #configure}.
 */
public final class Database implements AutoCloseable {

    /** Migration n (1-based) is MIGRATIONS.get(n - 1); append, never edit a released one. */
    static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE rounds (
                      id TEXT PRIMARY KEY,
                      guild_id TEXT NOT NULL,
                      channel_id TEXT NOT NULL,
                      starter_id TEXT NOT NULL,
                      topic TEXT,
                      question_count INTEGER NOT NULL,
                      seconds INTEGER NOT NULL,
                      status TEXT NOT NULL,
                      message_id TEXT,
                      started_at BIGINT NOT NULL,
                      ended_at BIGINT)""",
                    "CREATE INDEX rounds_by_status ON rounds (status)",
                    """
                    CREATE TABLE answers (
                      round_id TEXT NOT NULL REFERENCES rounds (id),
                      question_index INTEGER NOT NULL,
                      question_id TEXT NOT NULL,
                      topic TEXT NOT NULL,
                      guild_id TEXT NOT NULL,
                      user_id TEXT NOT NULL,
                      user_name TEXT NOT NULL,
                      choice INTEGER NOT NULL,
                      correct INTEGER NOT NULL,
                      points INTEGER NOT NULL,
                      millis BIGINT NOT NULL,
                      answered_at BIGINT NOT NULL,
                      PRIMARY KEY (round_id, question_index, user_id))""",
                    "CREATE INDEX answers_by_guild_time ON answers (guild_id, answered_at)",
                    "CREATE INDEX answers_by_guild_user ON answers (guild_id, user_id, answered_at)"),
            List.of("""
                    CREATE TABLE daily_schedules (
                      guild_id TEXT PRIMARY KEY,
                      channel_id TEXT NOT NULL,
                      post_time TEXT NOT NULL,
                      zone TEXT NOT NULL,
                      topic TEXT,
                      since BIGINT NOT NULL,
                      problem TEXT)""",
                    """
                    CREATE TABLE daily_posts (
                      guild_id TEXT NOT NULL,
                      local_date TEXT NOT NULL,
                      question_id TEXT NOT NULL,
                      cycle INTEGER NOT NULL,
                      message_id TEXT,
                      posted_at BIGINT NOT NULL,
                      PRIMARY KEY (guild_id, local_date))"""),
            // Scores summed per player, all time and per UTC day, kept with every answer: a leaderboard
            // then reads one row per player (a week or month: one per player and day) instead of
            // summing every answer ever given, which took over a second at a million answers.
            List.of("""
                    CREATE TABLE total_scores (
                      guild_id TEXT NOT NULL,
                      user_id TEXT NOT NULL,
                      user_name TEXT NOT NULL,
                      points BIGINT NOT NULL,
                      answered INTEGER NOT NULL,
                      correct INTEGER NOT NULL,
                      PRIMARY KEY (guild_id, user_id))""",
                    """
                    CREATE TABLE daily_scores (
                      guild_id TEXT NOT NULL,
                      day BIGINT NOT NULL,
                      user_id TEXT NOT NULL,
                      user_name TEXT NOT NULL,
                      points BIGINT NOT NULL,
                      answered INTEGER NOT NULL,
                      correct INTEGER NOT NULL,
                      PRIMARY KEY (guild_id, day, user_id))""",
                    """
                    INSERT INTO total_scores (guild_id, user_id, user_name, points, answered, correct)
                    SELECT guild_id, user_id, MAX(user_name), SUM(points), COUNT(*), SUM(correct)
                    FROM answers GROUP BY guild_id, user_id""",
                    """
                    INSERT INTO daily_scores (guild_id, day, user_id, user_name, points, answered, correct)
                    SELECT guild_id, answered_at / 86400000, user_id, MAX(user_name), SUM(points), COUNT(*), SUM(correct)
                    FROM answers GROUP BY guild_id, answered_at / 86400000, user_id"""),
            List.of("""
                    CREATE TABLE practice_cards (
                      guild_id TEXT NOT NULL,
                      user_id TEXT NOT NULL,
                      question_id TEXT NOT NULL,
                      due_at BIGINT NOT NULL,
                      interval_days DOUBLE PRECISION NOT NULL,
                      ease DOUBLE PRECISION NOT NULL,
                      reviews INTEGER NOT NULL,
                      lapses INTEGER NOT NULL,
                      last_reviewed_at BIGINT,
                      PRIMARY KEY (guild_id, user_id, question_id))""",
                    "CREATE INDEX practice_cards_by_due ON practice_cards (guild_id, user_id, due_at)",
                    "CREATE INDEX answers_misses ON answers (guild_id, user_id, correct, answered_at)"));

    private final Connection connection;
    private final String location;

    private Database(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    /** Opens (creating if needed) and migrates the store at a file path or a JDBC URL. */
    public static Database open(String location, Clock clock) {
        String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
        String shown = location.startsWith("jdbc:") ? location.replaceAll("(?i)(password=)[^&;]*", "$1***") : location;
        Connection connection;
        try {
            java.util.Properties properties = new java.util.Properties();
            if (url.startsWith("jdbc:sqlite:")) {
                // Every transaction takes the write lock when it begins, waiting (busy timeout) for another
                // process's transaction to end, instead of failing when a read would turn into a write.
                properties.setProperty("transaction_mode", "IMMEDIATE");
                properties.setProperty("busy_timeout", "5000");
            }
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the database at " + shown + ": " + e.getMessage(), e);
        }
        Database db = new Database(connection, shown);
        try {
            db.configure(url);
            db.migrate(clock);
            return db;
        } catch (SQLException e) {
            db.close();
            throw new StoreException("Cannot prepare the database at " + shown + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            db.close();
            throw e;
        }
    }

    private void configure(String url) throws SQLException {
        if (url.startsWith("jdbc:sqlite:")) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                // FULL makes each commit survive power loss, not just a crash of the process.
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA foreign_keys = ON");
            }
        }
    }

    private void migrate(Clock clock) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
        }
        int current = version();
        if (current > MIGRATIONS.size()) {
            throw new StoreException("This database was written by a newer Prepbot (schema " + current
                    + "; this one knows up to " + MIGRATIONS.size() + "). Upgrade Prepbot or use another PREPBOT_DB.");
        }
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
            int version = v;
            transaction(c -> {
                // Another process may have migrated while this one waited for the lock.
                if (version() >= version) {
                    return null;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(version - 1)) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")) {
                    p.setInt(1, version);
                    p.setLong(2, clock.millis());
                    p.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The schema version this database is at. */
    public int version() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_migrations")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** One unit of work on the connection, run as a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs the work in a transaction, committed before this returns; rolled back when it fails.
     * Between units the connection is in auto-commit mode, so an idle bot holds no lock.
     */
    public synchronized <T> T transaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("A database operation on " + location + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the database at " + location, e);
        }
    }
}
