package dev.prepbot.bench;

import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import dev.prepbot.testing.Scratch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The first interaction after a restart: the bot is started as a fresh process ({@code prepbot run},
 * from the built jar with the Dockerfile's JVM options when there is one, see {@link Deployed}), connects to the fake
 * Discord in this JVM, and as soon as it logs that it is ready a user sends /search. What is timed is
 * that first interaction's acknowledgement, from the interaction leaving the fake gateway to the
 * bot's answer arriving: the one a user meets when nothing is warmed up, with the sentence model
 * still loading in the background or just loaded.
 */
final class FirstInteraction {

    /** What {@code DiscordBot.start} logs once it listens and its commands are registered. */
    static final String READY_LINE = "Prepbot is connected";
    /** What {@code Meaning} logs once search by meaning is on. */
    static final String MEANING_LINE = "Search by meaning is ready";
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);

    /** One start: the first /search's acknowledgement, and whether the model was ready before it was sent. */
    record Start(Duration ack, boolean modelReady) {
    }

    private final Path dir;

    FirstInteraction(Path dir) {
        this.dir = dir;
    }

    /** How the bot is launched, for the report. */
    static String launcher() {
        return Deployed.available() ? "java -jar " + Deployed.JAR : "java -cp <test classpath> dev.prepbot.Main";
    }

    /**
     * One start that fills the index and vector caches, as the bot's very first start does, then
     * {@code starts} measured starts of the unchanged bot.
     */
    List<Start> measure(int starts) throws Exception {
        startOnce();
        List<Start> measured = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            measured.add(startOnce());
        }
        return measured;
    }

    private Start startOnce() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            Process bot = launch(discord);
            try {
                Output output = new Output(bot);
                output.awaitReady(START_WAIT);
                boolean modelReady = output.saw(MEANING_LINE);
                World.User user = discord.world().addUser("first-" + System.nanoTime(), false);
                var search = discord.slash(user, World.GENERAL, "search", Map.of("query", StartProbe.PLAIN_QUERY));
                return new Start(discord.awaitCallback(search, ACK_WAIT).latency(), modelReady);
            } finally {
                stop(bot);
            }
        }
    }

    private Process launch(FakeDiscord discord) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        // The class-data archive is written as the first start exits and read by the starts after it.
        command.addAll(Deployed.jvmOptions(dir.resolve("prepbot.jsa")));
        if (Deployed.available()) {
            command.addAll(List.of("-jar", Deployed.JAR.toString(), "run"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.prepbot.Main", "run"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // The bot logs at INFO, as deployed, so that it says when it is ready.
        env.remove("PREPBOT_LOG_LEVEL");
        env.remove("PREPBOT_BANK");
        env.put("DISCORD_TOKEN", "bench-token-not-a-secret");
        env.put("PREPBOT_DISCORD_API", discord.restBaseUrl());
        env.put("PREPBOT_DISCORD_GATEWAY", discord.gatewayUrl());
        env.put("PREPBOT_DB", dir.resolve("first.db").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        return builder.start();
    }

    /** SIGTERM, as docker stop sends; the bot shuts down cleanly before the next start opens the database. */
    private static void stop(Process bot) throws InterruptedException {
        bot.destroy();
        if (!bot.waitFor(30, TimeUnit.SECONDS)) {
            bot.destroyForcibly().waitFor();
        }
    }

    /** The bot's log, read as it comes so the pipe never fills, with the moment it says it is ready. */
    private static final class Output {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();

        Output(Process bot) {
            Thread reader = new Thread(() -> read(bot), "first-interaction-log");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Process bot) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    if (line.contains(READY_LINE)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // The process ended; whether it was ready is settled below.
            }
            ready.completeExceptionally(new IllegalStateException("the bot ended before it was ready:\n"
                    + String.join("\n", lines)));
        }

        void awaitReady(Duration timeout) throws Exception {
            try {
                ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the bot was not ready within " + timeout + ":\n" + String.join("\n", lines));
            }
        }

        boolean saw(String text) {
            return lines.stream().anyMatch(line -> line.contains(text));
        }
    }

    /** Measures alone: {@code java -cp <test classpath> dev.prepbot.bench.FirstInteraction [starts]} after {@code package}. */
    public static void main(String[] args) throws Exception {
        int starts = args.length == 0 ? 5 : Integer.parseInt(args[0]);
        List<Start> measured = new FirstInteraction(Scratch.directory("prepbot-first")).measure(starts);
        long[] nanos = measured.stream().mapToLong(s -> s.ack().toNanos()).toArray();
        System.out.printf(java.util.Locale.ROOT, "first interaction over %d starts: p50 %.1f ms, max %.1f ms, model ready in %d%n",
                starts, Benchmarks.percentile(nanos, 50) / 1e6, java.util.Arrays.stream(nanos).max().orElse(0) / 1e6,
                measured.stream().filter(Start::modelReady).count());
    }
}
