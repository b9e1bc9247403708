package dev.prepbot.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty store for one test, on either engine: {@link #location()} is what PREPBOT_DB would
 * hold, {@link #connect()} a plain JDBC connection beside the bot's for setting up and checking rows.
 */
public record TestDatabase(Engine engine, String location, String jdbcUrl) {

    /** The engines every store test runs on; the names are what the test reports show. */
    public enum Engine {
        SQLITE("sqlite"),
        POSTGRES("postgres");

        private final String shown;

        Engine(String shown) {
            this.shown = shown;
        }

        /**
         * A new database: a file in {@code dir} for SQLite, a new database on the shared test server for
         * PostgreSQL. Without PostgreSQL on the machine, PostgreSQL tests are skipped, unless
         * {@link TestPostgres#REQUIRED} is set, when they fail.
         */
        public TestDatabase fresh(Path dir) {
            if (this == SQLITE) {
                String file = dir.resolve("store-" + System.nanoTime() + ".db").toString();
                return new TestDatabase(this, file, "jdbc:sqlite:" + file);
            }
            if (System.getenv(TestPostgres.REQUIRED) == null) {
                Assumptions.assumeTrue(TestPostgres.available(), "no PostgreSQL server binaries on this machine");
            }
            String url = TestPostgres.server().newDatabase();
            return new TestDatabase(this, url, url);
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }
}
