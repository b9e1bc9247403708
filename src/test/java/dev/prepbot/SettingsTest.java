package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final String TOKEN = "ODk3NjU0MzIxMDk4NzY1NDMy.settings-secret";

    @Test
    void theEnvironmentConfiguresEverything() {
        Settings s = Settings.fromEnvironment(Map.of("DISCORD_TOKEN", TOKEN, "PREPBOT_GUILD_ID", "123",
                "PREPBOT_DB", "/data/x.db", "PREPBOT_BANK", "a.json: b/ :", "PREPBOT_DISCORD_API", "http://127.0.0.1:1/api/v10/"));
        assertEquals(Optional.of(TOKEN), s.token());
        assertEquals(Optional.of("123"), s.guildId());
        assertEquals("/data/x.db", s.database());
        assertEquals(List.of(Path.of("a.json"), Path.of("b/")), s.extraBanks());
        assertEquals(Settings.DEFAULT_DB, Settings.fromEnvironment(Map.of()).database());
    }

    @Test
    void aCommandThatNeverSearchesTurnsSearchByMeaningOffAndKeepsTheRest() {
        Settings s = Settings.fromEnvironment(Map.of("PREPBOT_DB", "/data/x.db", "XDG_CACHE_HOME", "/data/cache"));
        assertTrue(s.searchModel());
        Settings lookup = s.withoutSearchModel();
        assertFalse(lookup.searchModel());
        assertEquals(s.database(), lookup.database());
        assertEquals(s.indexCache(), lookup.indexCache());
    }

    @Test
    void searchIndexesAreKeptInTheUsersCacheFolder() {
        assertEquals(Optional.of(Path.of("/data/cache/prepbot/index")),
                Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/data/cache", "HOME", "/home/ada")).indexCache());
        assertEquals(Optional.of(Path.of("/home/ada/.cache/prepbot/index")),
                Settings.fromEnvironment(Map.of("HOME", "/home/ada")).indexCache());
        assertEquals(Optional.empty(), Settings.fromEnvironment(Map.of()).indexCache(),
                "with no cache folder the bank is indexed at every start");
    }

    @Test
    void theConsolesHistoryIsKeptInTheUsersCacheFolderOrNowhere() {
        assertEquals(Optional.of(Path.of("/data/cache/prepbot/history")),
                Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/data/cache", "HOME", "/home/ada")).consoleHistory());
        assertEquals(Optional.of(Path.of("/home/ada/.cache/prepbot/history")),
                Settings.fromEnvironment(Map.of("HOME", "/home/ada")).consoleHistory());
        assertEquals(Optional.empty(), Settings.fromEnvironment(Map.of()).consoleHistory(),
                "with no cache folder, commands are remembered for the session only");
    }

    @Test
    void theTokenNeverAppearsInToString() {
        String shown = Settings.fromEnvironment(Map.of("DISCORD_TOKEN", TOKEN)).toString();
        assertFalse(shown.contains(TOKEN), shown);
        assertTrue(shown.contains("token=(set)"), shown);
    }
}
