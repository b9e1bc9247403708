package dev.prepbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.testing.TestDatabase;
import dev.prepbot.testing.TestDatabase.Engine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only PostgreSQL has: several processes on one server, a pool, a server that may be down. */
class PostgresDatabaseTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);
    private TestDatabase store;

    @BeforeEach
    void fresh() {
        store = Engine.POSTGRES.fresh(dir);
    }

    @Test
    void processesStartingTogetherMigrateTheSchemaOnce() throws Exception {
        int processes = 4;
        CountDownLatch ready = new CountDownLatch(processes);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                versions.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    try (Database db = Database.open(store.location(), clock)) {
                        return db.version();
                    }
                }));
            }
            for (Future<Integer> version : versions) {
                assertEquals(Database.MIGRATIONS.size(), version.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = store.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations")) {
            r.next();
            assertEquals(Database.MIGRATIONS.size(), r.getInt(1), "each migration applied and recorded once");
            assertEquals(Database.MIGRATIONS.size(), r.getInt(2));
        }
    }

    @Test
    void transactionsRunSideBySideOnThePool() throws Exception {
        try (Database db = Database.open(store.location(), clock)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread slow = Thread.ofPlatform().start(() -> db.transaction(c -> {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            // With one serialized connection this would wait for the slow unit, which waits for this one.
            assertEquals(Database.MIGRATIONS.size(), db.version());
            release.countDown();
            slow.join(10_000);
        }
    }

    @Test
    void twoProcessesStoringTheSameClicksCountEachOnce() throws Exception {
        try (Database one = Database.open(store.location(), clock); Database two = Database.open(store.location(), clock)) {
            SqlQuizStore first = new SqlQuizStore(one);
            SqlQuizStore second = new SqlQuizStore(two);
            first.openRound(new RoundRecord("r1", "g1", "c1", "u0", Optional.empty(), 1, 60, RoundStatus.RUNNING,
                    Optional.empty(), clock.instant()));
            List<AnswerRecord> clicks = new ArrayList<>();
            for (int player = 0; player < 300; player++) {
                clicks.add(new AnswerRecord("r1", 0, "q1", "python", "g1", "u" + player, "P" + player, 0, true, 500, 900,
                        clock.instant()));
            }
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<Boolean>> a = pool.submit(() -> {
                    go.await();
                    return first.recordAnswers(clicks);
                });
                Future<List<Boolean>> b = pool.submit(() -> {
                    go.await();
                    return second.recordAnswers(clicks.reversed());
                });
                go.countDown();
                long stored = a.get(60, TimeUnit.SECONDS).stream().filter(x -> x).count()
                        + b.get(60, TimeUnit.SECONDS).stream().filter(x -> x).count();
                assertEquals(300, stored, "every click stored by exactly one of them, neither failing");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(300, first.answerCount("r1"));
            assertEquals(300, first.standings("g1", Instant.EPOCH).size());
            assertTrue(first.standings("g1", Instant.EPOCH).stream().allMatch(s -> s.answered() == 1 && s.points() == 500));
        }
    }

    @Test
    void anUnreachableServerIsOneLineWithoutThePassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/prepbot?user=bot&password=hunter2";
        StoreException e = assertThrows(StoreException.class, () -> Database.open(url, clock));
        assertTrue(e.getMessage().startsWith("Cannot open the database at jdbc:postgresql://127.0.0.1:" + closed
                + "/prepbot?user=bot&password=***: "), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aPasswordInTheUrlReachesTheServer() throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE bot LOGIN PASSWORD 'hunter2' SUPERUSER");
        }
        // Trust authentication accepts any password, so this shows the URL still opens with one in it.
        try (Database db = Database.open(store.location().replace("user=postgres", "user=bot&password=hunter2"), clock)) {
            assertEquals(Database.MIGRATIONS.size(), db.version());
        }
    }
}
