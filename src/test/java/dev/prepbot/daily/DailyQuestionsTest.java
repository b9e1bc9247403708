package dev.prepbot.daily;

import dev.prepbot.bank.Catalog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.ops.RequestBudget;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import dev.prepbot.testing.Questions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DailyQuestionsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final Bank bank = Questions.sample();
    private final ManualClock clock = new ManualClock(START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final InMemoryDailyRecords records = new InMemoryDailyRecords();
    private final RecordingDailyChannels channels = new RecordingDailyChannels();

    private DailyQuestions engine(long seed) {
        return new DailyQuestions(Catalog.of(bank), records, channels, clock, scheduler, new Random(seed));
    }

    private void schedule(String guild, String time, String zone, Optional<String> topic) {
        records.saveSchedule(new DailySchedule(guild, "channel-" + guild, LocalTime.parse(time), ZoneId.of(zone), topic,
                clock.instant()));
    }

    /** An up interval of the simulated bot: started at {@code from}, killed at {@code to}. */
    record Uptime(Instant from, Instant to) {
    }

    @Test
    void twoSimulatedYearsInFiveZonesPostExactlyOncePerDayWhenTheBotWasThere() {
        Map<String, String[]> guilds = new HashMap<>();
        guilds.put("berlin", new String[] {"02:30", "Europe/Berlin"});
        guilds.put("new-york", new String[] {"01:30", "America/New_York"});
        guilds.put("lord-howe", new String[] {"02:15", "Australia/Lord_Howe"});
        guilds.put("kolkata", new String[] {"09:00", "Asia/Kolkata"});
        guilds.put("tokyo", new String[] {"23:59", "Asia/Tokyo"});
        guilds.forEach((guild, s) -> schedule(guild, s[0], s[1], Optional.empty()));

        Random random = new Random(42);
        Instant end = START.plus(Duration.ofDays(730));
        List<Uptime> uptimes = new ArrayList<>();
        Instant at = START;
        while (at.isBefore(end)) {
            Instant down = at.plusSeconds(3_600L + random.nextInt(10 * 24 * 3_600));
            if (down.isAfter(end)) {
                down = end;
            }
            uptimes.add(new Uptime(at, down));
            at = down.plusSeconds(60L + random.nextInt(3 * 24 * 3_600));
        }
        for (Uptime up : uptimes) {
            clock.set(up.from());
            DailyQuestions engine = engine(up.from().toEpochMilli());
            engine.start();
            scheduler.runUntil(up.to());
            engine.close();
            scheduler.clear();
        }

        int expectedPosts = 0;
        for (Map.Entry<String, String[]> guild : guilds.entrySet()) {
            PostingTime time = new PostingTime(LocalTime.parse(guild.getValue()[0]), ZoneId.of(guild.getValue()[1]));
            Map<LocalDate, Integer> posts = new HashMap<>();
            records.posts(guild.getKey()).forEach(p -> posts.merge(p.date(), 1, Integer::sum));
            for (LocalDate day = time.dateOf(START); !time.on(day).isAfter(end); day = day.plusDays(1)) {
                Instant due = time.on(day);
                LocalDate date = day;
                boolean owed = !due.isBefore(START) && uptimes.stream().anyMatch(u ->
                        (!u.from().isAfter(due) && u.to().isAfter(due))
                                || (u.from().isAfter(due) && time.dateOf(u.from()).equals(date)));
                int count = posts.getOrDefault(day, 0);
                assertEquals(owed ? 1 : 0, count, guild.getKey() + " on " + day);
                expectedPosts += count;
            }
            for (InMemoryDailyRecords.Post post : records.posts(guild.getKey())) {
                Instant due = time.on(post.date());
                assertFalse(post.at().isBefore(due), "never early: " + post);
                assertEquals(post.date(), time.dateOf(post.at()), "never for another day: " + post);
            }
        }
        assertEquals(expectedPosts, channels.posted.size());
        assertTrue(expectedPosts > 2_000, "most days are posted: " + expectedPosts);
    }

    @Test
    void noQuestionRepeatsUntilEveryEligibleQuestionWasPosted() {
        schedule("g", "09:00", "UTC", Optional.of("python"));
        DailyQuestions engine = engine(7);
        engine.start();
        scheduler.runUntil(START.plus(Duration.ofDays(30)));
        List<InMemoryDailyRecords.Post> posts = records.posts("g");
        assertEquals(30, posts.size());
        int eligible = bank.byTopic("python").size();
        for (int cycle = 0; cycle + eligible <= posts.size(); cycle += eligible) {
            Set<String> ids = new HashSet<>();
            posts.subList(cycle, cycle + eligible).forEach(p -> ids.add(p.questionId()));
            assertEquals(eligible, ids.size(), "cycle starting at post " + cycle);
        }
    }

    @Test
    void aScheduleSetAfterTodaysTimeStartsTomorrow() {
        clock.set(Instant.parse("2026-03-10T10:00:00Z"));
        schedule("g", "09:00", "UTC", Optional.empty());
        DailyQuestions engine = engine(1);
        engine.start();
        assertTrue(channels.posted.isEmpty());
        assertEquals(Optional.of(Instant.parse("2026-03-11T09:00:00Z")), engine.nextPost("g"));
        scheduler.runUntil(Instant.parse("2026-03-11T09:00:00Z"));
        assertEquals(1, channels.posted.size());
    }

    @Test
    void aMissedPostIsMadeOnReturnTheSameDayOnly() {
        schedule("g", "09:00", "UTC", Optional.empty());
        clock.set(Instant.parse("2026-01-02T15:00:00Z"));
        engine(1).start();
        assertEquals(1, channels.posted.size(), "came back the same day: posted");
        scheduler.clear();
        clock.set(Instant.parse("2026-01-04T00:30:00Z"));
        engine(2).start();
        assertEquals(1, channels.posted.size(), "the 3rd was missed entirely and is skipped");
    }

    @Test
    void aRefusingChannelIsRecordedAndOtherGuildsStillGetTheirPost() {
        schedule("broken", "09:00", "UTC", Optional.empty());
        schedule("fine", "09:00", "UTC", Optional.empty());
        channels.refusing.put("channel-broken", "I cannot post in that channel: it was deleted.");
        DailyQuestions engine = engine(3);
        engine.start();
        scheduler.runUntil(Instant.parse("2026-01-01T09:00:00Z"));
        assertEquals(List.of("channel-fine"), channels.posted.stream().map(RecordingDailyChannels.Posted::channelId).toList());
        assertEquals(Optional.of("I cannot post in that channel: it was deleted."), records.lastProblem("broken"));
    }

    @Test
    void changingTheScheduleTakesEffectAtOnce() {
        schedule("g", "09:00", "UTC", Optional.empty());
        DailyQuestions engine = engine(4);
        engine.start();
        clock.set(Instant.parse("2026-01-01T06:00:00Z"));
        schedule("g", "07:00", "UTC", Optional.empty());
        engine.tick();
        scheduler.runUntil(Instant.parse("2026-01-01T07:00:00Z"));
        assertEquals(1, channels.posted.size());
        assertEquals(List.of("m0"), channels.threads, "a thread is opened under the post");
    }

    @Test
    void postsArePacedByTheBudgetAndEachDayIsClaimedWhenItsTurnComes() {
        for (String guild : List.of("a", "b", "c")) {
            schedule(guild, "09:00", "UTC", Optional.empty());
        }
        RequestBudget twoASecond = RequestBudget.perSecond(2, clock, duration -> clock.set(clock.instant().plus(duration)));
        DailyQuestions engine = new DailyQuestions(Catalog.of(bank), records, channels, clock, scheduler, new Random(5),
                guild -> true, Runnable::run, twoASecond);
        clock.set(Instant.parse("2026-01-01T09:00:00Z"));
        engine.start();

        assertEquals(3, channels.posted.size());
        assertEquals(3, channels.threads.size());
        // Two requests each (the post and its thread), the first at once: 2.5 s for all six.
        assertEquals(Instant.parse("2026-01-01T09:00:02.500Z"), clock.instant());
        assertEquals(List.of(Instant.parse("2026-01-01T09:00:00Z"), Instant.parse("2026-01-01T09:00:01Z"),
                Instant.parse("2026-01-01T09:00:02Z")), records.claimTimes(), "each day is claimed when its post can go");
    }

    @Test
    void aTickWhilePostsAreUnderWayReturnsAtOnceAndLooksAgainOnceTheyEnd() {
        schedule("a", "09:00", "UTC", Optional.empty());
        List<Runnable> underWay = new ArrayList<>();
        DailyQuestions engine = new DailyQuestions(Catalog.of(bank), records, channels, clock, scheduler, new Random(6),
                guild -> true, underWay::add, RequestBudget.unlimited());
        clock.set(Instant.parse("2026-01-01T09:00:00Z"));
        engine.start();
        assertEquals(1, underWay.size(), "a's post is under way");

        schedule("b", "09:00", "UTC", Optional.empty());
        engine.tick();
        assertEquals(1, underWay.size(), "the tick for b's new schedule waits for a's post instead of blocking");

        underWay.remove(0).run();
        assertEquals(1, channels.posted.size());
        scheduler.runUntil(clock.instant());
        underWay.forEach(Runnable::run);
        assertEquals(2, channels.posted.size(), "b's post is made once a's has ended");
    }
}
