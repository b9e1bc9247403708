package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.serverbank.ServerBanks;
import dev.prepbot.serverbank.ServerQuestion;
import dev.prepbot.serverbank.Status;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlServerBankStore;
import dev.prepbot.testing.Questions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot with PREPBOT_SHARDS: JDA's shard manager, on the shards this process holds only. */
class ShardedBotTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.sharded-test-token";

    @TempDir
    Path dir;

    private Settings settings(FakeDiscord discord, String shards, String ids) {
        Map<String, String> env = new HashMap<>(Map.of("DISCORD_TOKEN", TOKEN, "PREPBOT_DB", dir.resolve("bot.db").toString(),
                "PREPBOT_DISCORD_API", discord.restBaseUrl(), "PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl(),
                "PREPBOT_SEARCH_MODEL", "off", "PREPBOT_SHARDS", shards, "PREPBOT_SHARD_IDS", ids));
        return Settings.fromEnvironment(env);
    }

    /** Server i's question "How does the lantern{i} relay restart?", stored before any process starts. */
    private void storeAQuestionOfTheirOwn(List<String> guilds) {
        try (Database db = Database.open(dir.resolve("bot.db").toString(), Clock.systemUTC())) {
            SqlServerBankStore store = new SqlServerBankStore(db);
            for (int i = 0; i < guilds.size(); i++) {
                String guild = guilds.get(i);
                Question own = Questions.of("lantern-" + i, "acme-ops", "How does the lantern" + i + " relay restart?",
                        "It replays its journal.", "Because the journal holds every message.");
                store.saveAll(guild, List.of(new ServerQuestion(guild, own, Status.LIVE, "curator", Optional.empty(),
                        Optional.empty(), Instant.now(), Instant.now())), ServerBanks.MAX_QUESTIONS);
            }
        }
    }

    @Test
    void theCommandLineRunBesideAShardProcessAnswersAboutEveryServer() throws Exception {
        List<String> guilds = List.of(Long.toString(3L << 22), Long.toString(4L << 22), Long.toString(5L << 22));
        storeAQuestionOfTheirOwn(guilds);
        Settings shardOne = Settings.fromEnvironment(Map.of("PREPBOT_DB", dir.resolve("bot.db").toString(),
                "PREPBOT_SEARCH_MODEL", "off", "PREPBOT_SHARDS", "3", "PREPBOT_SHARD_IDS", "1",
                "XDG_CACHE_HOME", dir.resolve("cache").toString()));
        try (App app = App.start(shardOne, Progress.none())) {
            for (int i = 0; i < guilds.size(); i++) {
                assertEquals("lantern-" + i, app.serverBanks().search().search(Optional.of(guilds.get(i)),
                        "lantern" + i + " relay restart", Optional.empty(), 3).get(0).question().id(),
                        "server " + i + ", on shard " + i % 3);
            }
        }
    }

    @Test
    void aProcessHoldingSomeShardsServesTheirServersOnly() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            discord.recommendShards(3);
            for (int i = 0; i < 6; i++) {
                discord.world().addGuild("server " + i);
            }
            Settings settings = settings(discord, "3", "1,2");
            List<World.Guild> guilds = discord.world().guilds();
            storeAQuestionOfTheirOwn(guilds.stream().map(World.Guild::id).toList());
            try (App app = App.startShared(settings); DiscordBot bot = DiscordBot.start(settings, app::commands)) {
                assertEquals(List.of("1/3", "2/3"), discord.identified().stream().sorted().toList());
                assertEquals(new DiscordBot.Status(2, 2, discord.world().guilds().stream()
                        .filter(g -> World.shardOf(g.id(), 3) != 0).count()), bot.status());
                for (World.Guild g : discord.world().guilds()) {
                    if (World.shardOf(g.id(), 3) != 0) {
                        String text = discord.awaitReply(discord.slash(World.ADA, g.channelId(), "topics", Map.of()), WAIT).text();
                        assertTrue(text.contains("questions in"), text);
                        int i = guilds.indexOf(g);
                        discord.slash(World.ADA, g.channelId(), "search", Map.of("query", "lantern" + i + " relay restart"));
                        // Answered at once or deferred and filled in: either way, results listing the server's question.
                        String title = "Search: lantern" + i + " relay restart";
                        String own = "acme-ops · medium · lantern-" + i;
                        discord.awaitMessage(m -> m.text().contains(title) && m.text().contains(own), WAIT);
                    } else {
                        // Discord would send it on shard 0, which another process holds; nobody is connected for it here.
                        assertThrows(IllegalStateException.class, () -> discord.slash(World.ADA, g.channelId(), "topics", Map.of()));
                    }
                }
                assertEquals(List.of(), discord.violations());
            }
        }
    }

    @Test
    void aRejectedTokenIsTheSameOneSentenceWithShards() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start(); App app = App.startShared(settings(discord, "2", "0-1"))) {
            discord.rejectToken(true);
            DiscordBot.StartupException e = assertThrows(DiscordBot.StartupException.class,
                    () -> DiscordBot.start(settings(discord, "2", "0-1"), app::commands));
            assertTrue(e.getMessage().startsWith("Discord rejected the token"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }
}
