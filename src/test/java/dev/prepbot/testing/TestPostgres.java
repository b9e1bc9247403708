package dev.prepbot.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests and benchmarks: started on first use from the server binaries
 * on this machine (PATH, else /usr/lib/postgresql/N/bin), once per JVM, on a free port of 127.0.0.1 with
 * trust authentication, and stopped by a shutdown hook. PostgreSQL refuses to run as root, so as root
 * (CI containers) it runs as the {@code postgres} system user. Each caller gets a database of its own.
 */
public final class TestPostgres {

    /** Set (as .ci/run does) to make a machine without PostgreSQL fail the PostgreSQL tests, not skip them. */
    public static final String REQUIRED = "PREPBOT_TEST_POSTGRES";

    private static TestPostgres server;
    private static boolean unavailable;

    private final Path home;
    private final Path bin;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(Path home, Path bin, int port) {
        this.home = home;
        this.bin = bin;
        this.port = port;
    }

    /** The directory holding initdb and pg_ctl, if this machine has them. */
    public static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir));
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            // The newest version first.
            versions.map(v -> v.resolve("bin"))
                    .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                    .forEach(candidates::add);
        } catch (IOException e) {
            // No Debian-style installation; PATH is all there is.
        }
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .map(d -> d.resolve("pg_ctl").toAbsolutePath())
                .map(TestPostgres::realPath)
                .map(Path::getParent)
                .findFirst();
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /** Whether a server can be (or has been) started here. */
    public static synchronized boolean available() {
        return server != null || (!unavailable && binaries().isPresent());
    }

    /** The shared server, started on first call. */
    public static synchronized TestPostgres server() {
        if (server == null) {
            Path bin = binaries().orElseThrow(() -> {
                unavailable = true;
                return new IllegalStateException("No PostgreSQL server binaries (initdb, pg_ctl) on PATH or in"
                        + " /usr/lib/postgresql/*/bin; .ci/run installs them (apt-get install postgresql).");
            });
            try {
                server = start(bin);
            } catch (IOException | InterruptedException e) {
                unavailable = true;
                throw new IllegalStateException("Cannot start a test PostgreSQL from " + bin + ": " + e.getMessage(), e);
            }
        }
        return server;
    }

    private static TestPostgres start(Path bin) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("prepbot-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres:", home.toString()));
        }
        int port = freePort();
        TestPostgres pg = new TestPostgres(home, bin, port);
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "prepbot-test-postgres-stop"));
        // No locale: sorting by text is byte order, as in SQLite, whatever the machine's locale.
        pg.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", "postgres",
                "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"));
        // Durability is not under test here; skipping fsync keeps CREATE DATABASE and commits fast.
        pg.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", pg.data().toString(), "-l",
                home.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"));
        return pg;
    }

    private Path data() {
        return home.resolve("data");
    }

    private void asServerUser(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void stop() {
        try {
            asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | InterruptedException e) {
            System.err.println("Stopping the test PostgreSQL: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("Removing " + home + ": " + e.getMessage());
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of the named database on this server, as the superuser. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database: " + e.getMessage(), e);
        }
        return url(name);
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " from " + bin + ", data in " + home;
    }
}
