package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.testing.PrepbotProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `prepbot run` as an operator sees it: the health line at start and at SIGTERM, and a database that
 * cannot be used refused in one line, before the bot connects to Discord.
 */
class BotProcessOperationsTest {

    private static final String TOKEN = "NzkyNzE1NDU0MTk2MDg4ODQy.operations-test-secret";

    @TempDir
    Path dir;

    private Process launch(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(PrepbotProcess.command("run"))
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        builder.environment().put("PREPBOT_SEARCH_MODEL", "off");
        builder.environment().put("DISCORD_TOKEN", TOKEN);
        builder.environment().putAll(env);
        return builder.start();
    }

    private String refusal(Map<String, String> env) throws Exception {
        Process bot = launch(env);
        assertTrue(bot.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(1, bot.exitValue(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
        // The bot logs what it does at INFO before this; the refusal is the one line that ends it.
        List<String> lines = err.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void theHealthLineIsPrintedAtStartAndAtSigterm() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            discord.recommendShards(2);
            Process bot = launch(Map.of("PREPBOT_DISCORD_API", discord.restBaseUrl(),
                    "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                    "PREPBOT_DB", dir.resolve("bot.db").toString(),
                    "PREPBOT_SHARDS", "2", "PREPBOT_SHARD_IDS", "0-1"));
            try {
                discord.awaitTrue(() -> read(dir.resolve("err.txt")).contains("prepbot health (start)"), Duration.ofSeconds(60),
                        "the start line");
            } finally {
                bot.destroy();
            }
            assertTrue(bot.waitFor(30, TimeUnit.SECONDS));
            String err = Files.readString(dir.resolve("err.txt"));
            assertEquals(0, bot.exitValue(), err);
            Pattern line = Pattern.compile("prepbot health \\((start|stop)\\): shards 2/2 connected, 1 guild, 0 rounds running,"
                    + " database \\d+\\.\\d ms");
            assertEquals(2, err.lines().filter(l -> line.matcher(l).matches()).count(), err);
            assertTrue(discord.identified().containsAll(List.of("0/2", "1/2")), discord.identified().toString());
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword() throws Exception {
        String err = refusal(Map.of("PREPBOT_DB", "jdbc:postgresql://127.0.0.1:1/prepbot?user=bot&password=hunter2secret",
                "PREPBOT_DISCORD_API", "http://127.0.0.1:1/api/v10/"));
        assertTrue(err.startsWith("prepbot: Cannot open the database at jdbc:postgresql://127.0.0.1:1/prepbot?user=bot&password=***: "), err);
        assertFalse(err.contains("hunter2secret"), err);
    }

    @Test
    void aDatabaseFromANewerPrepbotIsOneLine() throws Exception {
        Path db = dir.resolve("newer.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            s.execute("INSERT INTO schema_migrations VALUES (99, 0)");
        }
        String err = refusal(Map.of("PREPBOT_DB", db.toString(), "PREPBOT_DISCORD_API", "http://127.0.0.1:1/api/v10/"));
        assertTrue(err.startsWith("prepbot: This database was written by a newer Prepbot (schema 99; this one knows up to "), err);
        assertTrue(err.endsWith("Upgrade Prepbot or use another PREPBOT_DB."), err);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
