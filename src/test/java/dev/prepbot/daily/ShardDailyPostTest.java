package dev.prepbot.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Catalog;
import dev.prepbot.ops.ShardPlan;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlDailyRecords;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.TestDatabase;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two processes sharing one database, as during a rolling restart when both briefly hold the same
 * shard: each guild's daily question is posted exactly once, decided by the database (a key and a
 * lease), never by timing; a claim left by a process that died before posting is taken over once its
 * lease runs out; and with shards, each process posts only for the guilds on its own.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ShardDailyPostTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private static final Instant NOON = Instant.parse("2026-05-01T12:00:00Z");
    private final Catalog bank = Catalog.of(Questions.sample());
    private final ManualClock clock = new ManualClock(NOON);
    private TestDatabase store;

    @BeforeEach
    void fresh() {
        store = engine.fresh(dir);
    }

    /** A snowflake whose shard, out of {@code total}, is {@code n % total}. */
    private static String guild(int n) {
        return Long.toString(((1_000_000_000L + n) << 22) | n);
    }

    private static List<String> guilds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(guild(i));
        }
        return ids;
    }

    /** Schedules every guild at 09:00 UTC, set yesterday: each is due today at noon. */
    private static void scheduleDueToday(SqlDailyRecords records, List<String> guilds) {
        for (String g : guilds) {
            records.saveSchedule(new DailySchedule(g, "channel-" + g, LocalTime.of(9, 0), ZoneOffset.UTC, Optional.empty(),
                    NOON.minus(Duration.ofDays(1))));
        }
    }

    private static Map<String, Long> postsPerChannel(RecordingDailyChannels... channels) {
        List<RecordingDailyChannels.Posted> all = new ArrayList<>();
        for (RecordingDailyChannels c : channels) {
            all.addAll(c.posted);
        }
        return all.stream().collect(Collectors.groupingBy(RecordingDailyChannels.Posted::channelId, Collectors.counting()));
    }

    @Test
    void twoProcessesTickingAtTheSameMomentPostEachGuildsQuestionOnce() throws Exception {
        List<String> guilds = guilds(60);
        try (Database one = Database.open(store.location(), clock); Database two = Database.open(store.location(), clock)) {
            scheduleDueToday(new SqlDailyRecords(one), guilds);
            RecordingDailyChannels first = new RecordingDailyChannels();
            RecordingDailyChannels second = new RecordingDailyChannels();
            DailyQuestions a = new DailyQuestions(bank, new SqlDailyRecords(one), first, clock, new ManualScheduler(clock), new Random(1));
            DailyQuestions b = new DailyQuestions(bank, new SqlDailyRecords(two), second, clock, new ManualScheduler(clock), new Random(2));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 3; round++) {
                    CountDownLatch go = new CountDownLatch(1);
                    Future<?> ta = threads.submit(() -> {
                        go.await();
                        a.tick();
                        return null;
                    });
                    Future<?> tb = threads.submit(() -> {
                        go.await();
                        b.tick();
                        return null;
                    });
                    go.countDown();
                    ta.get();
                    tb.get();
                }
            } finally {
                threads.shutdownNow();
                a.close();
                b.close();
            }
            Map<String, Long> posts = postsPerChannel(first, second);
            assertEquals(guilds.size(), posts.size(), "every guild got its post");
            assertTrue(posts.values().stream().allMatch(n -> n == 1), "no guild got two: " + posts);
            assertFalse(first.posted.isEmpty() && second.posted.isEmpty());
            SqlDailyRecords check = new SqlDailyRecords(one);
            LocalDate today = LocalDate.of(2026, 5, 1);
            assertTrue(guilds.stream().allMatch(g -> check.posted(g, today)), "every day settled");
        }
    }

    @Test
    void aClaimLeftByAProcessThatDiedIsTakenOverOnceItsLeaseRunsOut() {
        String g = guild(7);
        LocalDate today = LocalDate.of(2026, 5, 1);
        try (Database one = Database.open(store.location(), clock); Database two = Database.open(store.location(), clock)) {
            SqlDailyRecords dead = new SqlDailyRecords(one);
            scheduleDueToday(dead, List.of(g));
            // The first process claimed the day and was killed before its post reached Discord.
            assertTrue(dead.claimPost(g, today, bank.builtIn().questions().get(0).id(), 1, clock.instant()));

            RecordingDailyChannels channels = new RecordingDailyChannels();
            ManualScheduler scheduler = new ManualScheduler(clock);
            DailyQuestions survivor = new DailyQuestions(bank, new SqlDailyRecords(two), channels, clock, scheduler, new Random(3));
            survivor.start();
            assertEquals(0, channels.posted.size(), "the lease is still held: the other process may be posting");

            scheduler.advance(SqlDailyRecords.LEASE.minus(Duration.ofSeconds(1)));
            assertEquals(0, channels.posted.size(), "not before the lease runs out");
            scheduler.advance(DailyQuestions.CONTENDED_RETRY);
            assertEquals(1, channels.posted.size(), "taken over within one retry of the lease's end");

            // The process that died comes back: it finds the day settled and posts nothing.
            RecordingDailyChannels again = new RecordingDailyChannels();
            new DailyQuestions(bank, new SqlDailyRecords(one), again, clock, new ManualScheduler(clock), new Random(4)).start();
            assertEquals(0, again.posted.size());
            assertFalse(dead.claimPost(g, today, "any", 1, clock.instant().plus(Duration.ofHours(1))),
                    "a settled day is never claimed again, however late");
        }
    }

    @Test
    void eachProcessPostsOnlyForTheGuildsOnItsShards() {
        List<String> guilds = guilds(12);
        try (Database db = Database.open(store.location(), clock)) {
            scheduleDueToday(new SqlDailyRecords(db), guilds);
            Function<ShardPlan, RecordingDailyChannels> run = plan -> {
                RecordingDailyChannels channels = new RecordingDailyChannels();
                new DailyQuestions(bank, new SqlDailyRecords(db), channels, clock, new ManualScheduler(clock), new Random(5),
                        plan::owns).start();
                return channels;
            };
            RecordingDailyChannels shard0 = run.apply(ShardPlan.parse(Optional.of("3"), Optional.of("0")).orElseThrow());
            RecordingDailyChannels shards12 = run.apply(ShardPlan.parse(Optional.of("3"), Optional.of("1-2")).orElseThrow());
            List<String> expected0 = guilds.stream().filter(g -> ShardPlan.shardOf(g, 3) == 0).map(g -> "channel-" + g).sorted().toList();
            assertEquals(expected0, shard0.posted.stream().map(RecordingDailyChannels.Posted::channelId).sorted().toList());
            assertEquals(guilds.size() - expected0.size(), shards12.posted.size());
            assertTrue(postsPerChannel(shard0, shards12).values().stream().allMatch(n -> n == 1));
        }
    }
}
