package dev.prepbot;

import dev.prepbot.ops.ShardPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Prepbot is configured with: the command line's global options and the environment
 * (the README's Configuration section). The token is kept out of {@link #toString()} so it cannot leak
 * into a log. {@code searchModel} is false when {@code PREPBOT_SEARCH_MODEL=off} asks search to keep to
 * words, without loading the sentence model. {@code shards} is set when {@code PREPBOT_SHARDS} asks for
 * sharding: this process then holds only the shards {@code PREPBOT_SHARD_IDS} names.
 */
public record Settings(List<Path> banks, List<Path> extraBanks, String database, Optional<String> token,
                       Optional<String> guildId, Optional<String> discordApi, Optional<String> discordGateway,
                       Optional<Path> indexCache, boolean searchModel, Optional<ShardPlan> shards) {

    public static final String DEFAULT_DB = "./prepbot.db";

    public Settings {
        banks = List.copyOf(banks);
        extraBanks = List.copyOf(extraBanks);
    }

    /** Settings from the environment, before command-line options override them. */
    public static Settings fromEnvironment(Map<String, String> env) {
        List<Path> extra = new ArrayList<>();
        Optional.ofNullable(env.get("PREPBOT_BANK")).ifPresent(value -> {
            for (String part : value.split(":")) {
                if (!part.isBlank()) {
                    extra.add(Path.of(part.strip()));
                }
            }
        });
        return new Settings(List.of(), extra,
                nonBlank(env.get("PREPBOT_DB")).orElse(DEFAULT_DB),
                nonBlank(env.get("DISCORD_TOKEN")),
                nonBlank(env.get("PREPBOT_GUILD_ID")),
                nonBlank(env.get("PREPBOT_DISCORD_API")),
                nonBlank(env.get("PREPBOT_DISCORD_GATEWAY")),
                indexCache(env),
                !nonBlank(env.get("PREPBOT_SEARCH_MODEL")).map(v -> v.equalsIgnoreCase("off")).orElse(false),
                ShardPlan.parse(nonBlank(env.get("PREPBOT_SHARDS")), nonBlank(env.get("PREPBOT_SHARD_IDS"))));
    }

    /**
     * Where search indexes are kept between starts: the user's cache folder by the XDG convention
     * ({@code $XDG_CACHE_HOME/prepbot/index}, else {@code ~/.cache/prepbot/index}); none when neither
     * is set, and the bank is then indexed at every start.
     */
    private static Optional<Path> indexCache(Map<String, String> env) {
        return nonBlank(env.get("XDG_CACHE_HOME")).map(Path::of)
                .or(() -> nonBlank(env.get("HOME")).map(home -> Path.of(home, ".cache")))
                .map(cache -> cache.resolve("prepbot").resolve("index"));
    }

    public Settings withBanks(List<Path> paths) {
        return new Settings(paths, extraBanks, database, token, guildId, discordApi, discordGateway, indexCache,
                searchModel, shards);
    }

    public Settings withDatabase(String location) {
        return new Settings(banks, extraBanks, location, token, guildId, discordApi, discordGateway, indexCache,
                searchModel, shards);
    }

    /**
     * The same with search by meaning off, for a command that never searches: it then neither loads the
     * sentence models nor waits for them to finish loading before it exits.
     */
    public Settings withoutSearchModel() {
        return new Settings(banks, extraBanks, database, token, guildId, discordApi, discordGateway, indexCache,
                false, shards);
    }

    /**
     * The same holding no shards: for the console and the command line, which serve any server asked
     * about, even when run beside a bot process whose environment names its shards.
     */
    public Settings withoutShards() {
        return new Settings(banks, extraBanks, database, token, guildId, discordApi, discordGateway, indexCache,
                searchModel, Optional.empty());
    }

    /**
     * Where the index of servers' own questions is kept between starts: one folder per database, since
     * the database is what it indexes.
     */
    public Optional<Path> serverIndexCache() {
        return indexCache.map(index -> index.resolveSibling("servers").resolve(
                java.util.HexFormat.of().formatHex(sha256(databaseIdentity())).substring(0, 24)));
    }

    /** The database as one string whatever the working folder: a SQLite file by its absolute path. */
    private String databaseIdentity() {
        if (database.startsWith("jdbc:")) {
            return database;
        }
        try {
            return Path.of(database).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return database;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Where the bank files' digests are remembered between starts, see {@code FileDigests}: beside the word indexes. */
    public Optional<Path> fileDigests() {
        return indexCache.map(index -> index.resolveSibling("bank-files.tsv"));
    }

    /** Where the questions' vectors are kept between starts: beside the word indexes. */
    public Optional<Path> vectorCache() {
        return indexCache.map(index -> index.resolveSibling("vectors"));
    }

    /**
     * Where the sentence models are kept between starts in the form ONNX Runtime optimized them to,
     * which opens several times faster than the model inside the jar: beside the word indexes.
     */
    public Optional<Path> modelCache() {
        return indexCache.map(index -> index.resolveSibling("models"));
    }

    /**
     * Where the console keeps the commands typed in it, for the up arrow of the next session: beside the
     * search indexes, in the user's cache folder; none when there is no cache folder.
     */
    public Optional<Path> consoleHistory() {
        return indexCache.map(index -> index.resolveSibling("history"));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "Settings[banks=" + banks + ", extraBanks=" + extraBanks + ", database=" + database
                + ", token=" + (token.isPresent() ? "(set)" : "(none)") + ", guildId=" + guildId
                + ", discordApi=" + discordApi + ", discordGateway=" + discordGateway + ", indexCache=" + indexCache + ", searchModel=" + searchModel + ", shards=" + shards + "]";
    }
}
