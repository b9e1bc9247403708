package dev.prepbot.testing;

import dev.prepbot.Settings;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cache folder ({@code XDG_CACHE_HOME}) shared by the tests of a build: the first test that needs
 * the built-in bank's vectors embeds them with both sentence models (tens of seconds), the rest read
 * them back. Every entry is keyed by the checksum of what it was made from, so no test sees another's
 * questions; tests about the cache itself keep their own folders.
 */
public final class TestCache {

    private TestCache() {
    }

    public static Path folder() {
        return Path.of("target", "test-cache").toAbsolutePath();
    }

    /** Where Prepbot keeps vectors under that folder, for tests that start search by meaning directly. */
    public static Path vectors() {
        return settings().vectorCache().orElseThrow();
    }

    /** Where Prepbot keeps the optimized sentence models under that folder, for tests that load them directly. */
    public static Path models() {
        return settings().modelCache().orElseThrow();
    }

    private static Settings settings() {
        return Settings.fromEnvironment(Map.of("XDG_CACHE_HOME", folder().toString()));
    }
}
