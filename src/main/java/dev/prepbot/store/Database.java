package dev.prepbot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * The durable store, its schema created and migrated by numbered migrations recorded in the database
 * itself; every unit of work is a transaction, committed (durably) before the call returns.
 *
 * <p>SQLite (the default, a file path or a jdbc:sqlite: URL) is one connection in WAL mode with a busy
 * timeout and foreign keys on, and work runs one unit at a time on it: SQLite has a single writer
 * anyway, and serializing here turns lock waits into plain queueing. PostgreSQL (a jdbc:postgresql: URL)
 * is a small HikariCP pool, so units run side by side and the server orders them.
 *
 * <p>One set of migrations and queries serves both: instants are epoch milliseconds in BIGINT columns,
 * "insert unless present" is INSERT ... ON CONFLICT, and no statement uses either engine's own syntax
 * outside {@link #configure} and {@link #lockForMigration}.
 */
public final class Database implements AutoCloseable {

    /**
     * Fills the monthly sums from the daily ones: each day number turned into its UTC month by integer
     * arithmetic (the civil-from-days algorithm) that SQLite and PostgreSQL compute alike.
     */
    public static final String MONTHLY_SCORES_FROM_DAILY = """
                    INSERT INTO monthly_scores (guild_id, month, user_id, user_name, points, answered, correct)
                    SELECT guild_id, month, user_id, MAX(user_name), SUM(points), SUM(answered), SUM(correct) FROM (
                      SELECT guild_id, user_id, user_name, points, answered, correct,
                        (yoe + era * 400 + CASE WHEN mp >= 10 THEN 1 ELSE 0 END) * 12
                          + (CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END) - 1 AS month
                      FROM (SELECT guild_id, user_id, user_name, points, answered, correct, era, yoe,
                              (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp
                            FROM (SELECT guild_id, user_id, user_name, points, answered, correct, era, doe,
                                    (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe
                                  FROM (SELECT guild_id, user_id, user_name, points, answered, correct,
                                          (day + 719468) / 146097 AS era,
                                          (day + 719468) - ((day + 719468) / 146097) * 146097 AS doe
                                        FROM daily_scores) days) years) months) sums
                    GROUP BY guild_id, month, user_id""";

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
                    "CREATE INDEX answers_misses ON answers (guild_id, user_id, correct, answered_at)"),
            // A server's own questions, each kept whole as bank-format JSON (the columns beside it are what
            // queries filter on); reports on any question; forms a member could not submit yet; and the
            // text of the choice each quiz answer picked, for per-question statistics.
            List.of("""
                    CREATE TABLE server_questions (
                      guild_id TEXT NOT NULL,
                      question_id TEXT NOT NULL,
                      topic TEXT NOT NULL,
                      status TEXT NOT NULL,
                      author_id TEXT NOT NULL,
                      body TEXT NOT NULL,
                      duplicate_of TEXT,
                      reason TEXT,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL,
                      version BIGINT NOT NULL,
                      PRIMARY KEY (guild_id, question_id))""",
                    "CREATE INDEX server_questions_by_version ON server_questions (version)",
                    "CREATE INDEX server_questions_by_status ON server_questions (guild_id, status, created_at)",
                    "CREATE INDEX server_questions_by_author ON server_questions (guild_id, author_id, created_at)",
                    """
                    CREATE TABLE server_bank_settings (
                      guild_id TEXT PRIMARY KEY,
                      source TEXT NOT NULL,
                      curator_role TEXT)""",
                    "CREATE TABLE server_bank_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)",
                    "INSERT INTO server_bank_version (id, version) VALUES (1, 0)",
                    """
                    CREATE TABLE question_reports (
                      id TEXT PRIMARY KEY,
                      guild_id TEXT NOT NULL,
                      question_id TEXT NOT NULL,
                      built_in INTEGER NOT NULL,
                      user_id TEXT NOT NULL,
                      reason TEXT NOT NULL,
                      note TEXT,
                      created_at BIGINT NOT NULL,
                      resolved_at BIGINT,
                      resolved_by TEXT)""",
                    "CREATE INDEX question_reports_open ON question_reports (guild_id, resolved_at, created_at)",
                    """
                    CREATE TABLE question_drafts (
                      id TEXT PRIMARY KEY,
                      guild_id TEXT NOT NULL,
                      user_id TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      context TEXT NOT NULL,
                      fields TEXT NOT NULL,
                      created_at BIGINT NOT NULL)""",
                    "ALTER TABLE answers ADD COLUMN choice_text TEXT",
                    "CREATE INDEX answers_by_question ON answers (guild_id, question_id)"),
            // Several processes on one database (shards): a daily post is claimed with a lease that a process
            // dying mid-post leaves to expire (NULL: settled, as every post before this migration), and each
            // guild's scores carry a version, bumped with every stored batch, that tells other processes'
            // leaderboard caches to reload.
            List.of("ALTER TABLE daily_posts ADD COLUMN lease_until BIGINT",
                    "CREATE TABLE score_versions (guild_id TEXT PRIMARY KEY, version BIGINT NOT NULL)"),
            // Mock interviews: sessions, their members and pairs, the interviewers' scores, and the queue.
            List.of("""
                    CREATE TABLE mock_sessions (
                      id TEXT PRIMARY KEY,
                      guild_id TEXT NOT NULL,
                      channel_id TEXT NOT NULL,
                      starter_id TEXT NOT NULL,
                      topic TEXT,
                      difficulty TEXT,
                      minutes INTEGER NOT NULL,
                      status TEXT NOT NULL,
                      lobby_message_id TEXT,
                      created_at BIGINT NOT NULL)""",
                    "CREATE INDEX mock_sessions_by_channel ON mock_sessions (channel_id, status)",
                    """
                    CREATE TABLE mock_members (
                      session_id TEXT NOT NULL REFERENCES mock_sessions (id),
                      user_id TEXT NOT NULL,
                      user_name TEXT NOT NULL,
                      position INTEGER NOT NULL,
                      PRIMARY KEY (session_id, user_id))""",
                    """
                    CREATE TABLE mock_pairs (
                      id TEXT PRIMARY KEY,
                      session_id TEXT NOT NULL REFERENCES mock_sessions (id),
                      guild_id TEXT NOT NULL,
                      first_id TEXT NOT NULL,
                      second_id TEXT NOT NULL,
                      observer_id TEXT,
                      thread_id TEXT,
                      voice_id TEXT,
                      status TEXT NOT NULL,
                      round INTEGER NOT NULL,
                      question_id TEXT,
                      round_message_id TEXT,
                      deadline BIGINT,
                      here TEXT NOT NULL)""",
                    "CREATE INDEX mock_pairs_by_status ON mock_pairs (status)",
                    """
                    CREATE TABLE mock_scores (
                      pair_id TEXT NOT NULL REFERENCES mock_pairs (id),
                      round INTEGER NOT NULL,
                      guild_id TEXT NOT NULL,
                      interviewer_id TEXT NOT NULL,
                      candidate_id TEXT NOT NULL,
                      question_id TEXT NOT NULL,
                      topic TEXT NOT NULL,
                      ticks TEXT NOT NULL,
                      overall INTEGER,
                      note TEXT,
                      scored_at BIGINT NOT NULL,
                      PRIMARY KEY (pair_id, round))""",
                    "CREATE INDEX mock_scores_by_candidate ON mock_scores (guild_id, candidate_id)",
                    """
                    CREATE TABLE mock_queue (
                      guild_id TEXT NOT NULL,
                      user_id TEXT NOT NULL,
                      user_name TEXT NOT NULL,
                      difficulty TEXT NOT NULL,
                      channel_id TEXT NOT NULL,
                      since BIGINT NOT NULL,
                      PRIMARY KEY (guild_id, user_id))"""),
            // Scores summed per player and UTC calendar month (months counted from year 0: year * 12 + month
            // - 1), so a month's leaderboard reads one row per player instead of one per player and day. The
            // sums so far come from the daily ones.
            List.of("""
                    CREATE TABLE monthly_scores (
                      guild_id TEXT NOT NULL,
                      month INTEGER NOT NULL,
                      user_id TEXT NOT NULL,
                      user_name TEXT NOT NULL,
                      points BIGINT NOT NULL,
                      answered INTEGER NOT NULL,
                      correct INTEGER NOT NULL,
                      PRIMARY KEY (guild_id, month, user_id))""",
                    MONTHLY_SCORES_FROM_DAILY));

    /** PostgreSQL connections per process: enough for commands, clicks and the daily poster at once. */
    static final int POOL_SIZE = 8;
    /** Any fixed number: every Prepbot migrating the same PostgreSQL database takes this lock first. */
    private static final long MIGRATION_LOCK = 0x5072657062_6F74L;

    private final Connections connections;
    private final String location;

    private Database(Connections connections, String location) {
        this.connections = connections;
        this.location = location;
    }

    /** Opens (creating if needed) and migrates the store at a file path or a JDBC URL. */
    public static Database open(String location, Clock clock) {
        String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
        String shown = location.startsWith("jdbc:") ? location.replaceAll("(?i)(password=)[^&;]*", "$1***") : location;
        Connections connections;
        try {
            connections = url.startsWith("jdbc:postgresql:") ? Pool.open(url) : Single.open(url);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the database at " + shown + ": " + firstLine(e), e);
        }
        Database db = new Database(connections, shown);
        try {
            db.migrate(clock);
            return db;
        } catch (SQLException e) {
            db.close();
            throw new StoreException("Cannot prepare the database at " + shown + ": " + firstLine(e), e);
        } catch (StoreException e) {
            db.close();
            throw e;
        }
    }

    /** Drivers' messages can run to several lines (PostgreSQL's add detail and hints); the log shows one. */
    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    /** Where transactions get their connection: one shared connection, or a pool. */
    private sealed interface Connections extends AutoCloseable permits Single, Pool {
        <T> T transaction(Work<T> work) throws SQLException;

        boolean postgres();

        @Override
        void close() throws SQLException;
    }

    /** One connection and one unit of work at a time (SQLite, or any other JDBC URL). */
    private record Single(Connection connection) implements Connections {

        static Single open(String url) throws SQLException {
            Properties properties = new Properties();
            if (url.startsWith("jdbc:sqlite:")) {
                // Every transaction takes the write lock when it begins, waiting (busy timeout) for another
                // process's transaction to end, instead of failing when a read would turn into a write.
                properties.setProperty("transaction_mode", "IMMEDIATE");
                properties.setProperty("busy_timeout", "5000");
            }
            Connection connection = DriverManager.getConnection(url, properties);
            try {
                configure(connection, url);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new Single(connection);
        }

        private static void configure(Connection connection, String url) throws SQLException {
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

        @Override
        public <T> T transaction(Work<T> work) throws SQLException {
            synchronized (this) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    // Between units the connection is in auto-commit mode, so an idle bot holds no lock.
                    connection.setAutoCommit(true);
                }
            }
        }

        @Override
        public boolean postgres() {
            return false;
        }

        @Override
        public void close() throws SQLException {
            synchronized (this) {
                connection.close();
            }
        }
    }

    /** A HikariCP pool of PostgreSQL connections; each unit of work borrows one for its transaction. */
    private record Pool(HikariDataSource pool) implements Connections {

        static Pool open(String url) throws SQLException {
            HikariConfig config = new HikariConfig();
            // The password goes to the driver as a property, not in the URL, so nothing that prints the
            // pool's settings (HikariCP at debug level does) can show it.
            String password = null;
            StringBuilder rest = new StringBuilder();
            int query = url.indexOf('?');
            if (query >= 0) {
                for (String parameter : url.substring(query + 1).split("&")) {
                    if (parameter.regionMatches(true, 0, "password=", 0, 9)) {
                        password = java.net.URLDecoder.decode(parameter.substring(9), java.nio.charset.StandardCharsets.UTF_8);
                    } else if (!parameter.isEmpty()) {
                        rest.append(rest.isEmpty() ? "?" : "&").append(parameter);
                    }
                }
            }
            config.setJdbcUrl((query >= 0 ? url.substring(0, query) : url) + rest);
            if (password != null) {
                config.addDataSourceProperty("password", password);
            }
            config.setPoolName("prepbot-db");
            config.setMaximumPoolSize(POOL_SIZE);
            // An idle bot keeps one connection, not eight, on a server that may be shared.
            config.setMinimumIdle(1);
            config.setAutoCommit(false);
            // Read committed (PostgreSQL's default, stated so no server setting changes it): every write
            // is a single INSERT ... ON CONFLICT or UPDATE that the server makes atomic, and a stricter level
            // would make concurrent upserts of one player's sums fail with serialization errors instead.
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            config.setConnectionTimeout(10_000);
            // One plain connection first: an unreachable server or a refused login is then the driver's
            // reason in one line, where HikariCP's own failed start would also log a stack trace.
            Properties probe = new Properties();
            if (password != null) {
                probe.setProperty("password", password);
            }
            DriverManager.getConnection(config.getJdbcUrl(), probe).close();
            config.setInitializationFailTimeout(1);
            try {
                return new Pool(new HikariDataSource(config));
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof SQLException)) {
                    cause = cause.getCause();
                }
                if (cause instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException(firstLine(e), e);
            }
        }

        @Override
        public <T> T transaction(Work<T> work) throws SQLException {
            try (Connection connection = pool.getConnection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }

        @Override
        public boolean postgres() {
            return true;
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * Brings the schema to the latest version in one transaction. On PostgreSQL an advisory lock held to
     * its end makes a second process starting at the same moment wait, then find the work done; SQLite's
     * immediate transactions already take the database's write lock when they begin.
     */
    private void migrate(Clock clock) throws SQLException {
        connections.transaction(c -> {
            lockForMigration(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            }
            int current = version(c);
            if (current > MIGRATIONS.size()) {
                throw new StoreException("This database was written by a newer Prepbot (schema " + current
                        + "; this one knows up to " + MIGRATIONS.size() + "). Upgrade Prepbot or use another PREPBOT_DB.");
            }
            for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
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
            }
            return null;
        });
    }

    private void lockForMigration(Connection c) throws SQLException {
        if (connections.postgres()) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            }
        }
    }

    /** The schema version this database is at. */
    public int version() throws SQLException {
        return connections.transaction(Database::version);
    }

    private static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_migrations")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** The time one trivial query takes, there and back: for the health line. */
    public java.time.Duration roundTrip() {
        long start = System.nanoTime();
        transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
                return r.next();
            }
        });
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    /** One unit of work on the connection, run as a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work in a transaction, committed before this returns; rolled back when it fails. */
    public <T> T transaction(Work<T> work) {
        try {
            return connections.transaction(work);
        } catch (SQLException e) {
            throw new StoreException("A database operation on " + location + " failed: " + firstLine(e), e);
        }
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the database at " + location, e);
        }
    }
}
