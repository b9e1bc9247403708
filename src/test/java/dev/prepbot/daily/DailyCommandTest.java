package dev.prepbot.daily;

import dev.prepbot.bank.Catalog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Reply;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import dev.prepbot.testing.Questions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DailyCommandTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final InMemoryDailyRecords records = new InMemoryDailyRecords();
    private final RecordingDailyChannels channels = new RecordingDailyChannels();
    private final DailyQuestions daily = new DailyQuestions(Catalog.of(Questions.sample()), records, channels, clock,
            new ManualScheduler(clock), new Random(1));
    private final DailyCommand command = new DailyCommand(Catalog.of(Questions.sample()), records, daily, channels, clock);

    private static final Caller ADMIN = new Caller("u1", "Ada", Optional.of("g1"), "c1", true);
    private static final Caller MEMBER = new Caller("u2", "Bob", Optional.of("g1"), "c1", false);

    private Reply run(Caller caller, String sub, String... options) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return command.handle(new CommandRequest("daily", Optional.of(sub), map, caller));
    }

    private static String text(Reply reply) {
        return assertInstanceOf(Reply.Notice.class, reply).text();
    }

    @Test
    void setNeedsManageServerWhateverDiscordAllowed() {
        String refusal = text(run(MEMBER, "set", "channel", "c9", "time", "09:00", "timezone", "Europe/Berlin"));
        assertTrue(refusal.startsWith("Only members with the Manage Server permission"), refusal);
        assertTrue(records.schedule("g1").isEmpty());
        run(ADMIN, "set", "channel", "c9", "time", "09:00", "timezone", "Europe/Berlin");
        assertTrue(text(run(MEMBER, "off")).startsWith("Only members with the Manage Server permission"));
        assertTrue(records.schedule("g1").isPresent(), "a member cannot turn it off");
    }

    @Test
    void wrongValuesSayWhatARightOneLooksLike() {
        assertTrue(text(run(ADMIN, "set", "channel", "c9", "time", "9am", "timezone", "Europe/Berlin")).contains("for example 09:30"));
        assertTrue(text(run(ADMIN, "set", "channel", "c9", "time", "25:00", "timezone", "Europe/Berlin")).contains("HH:MM"));
        assertTrue(text(run(ADMIN, "set", "channel", "c9", "time", "09:00", "timezone", "Mars/Olympus")).contains("such as UTC, Europe/Berlin"));
        assertTrue(text(run(ADMIN, "set", "channel", "c9", "time", "09:00", "timezone", "UTC+25")).contains("tz database"));
        assertTrue(records.schedule("g1").isEmpty());
    }

    @Test
    void aChannelTheBotCannotPostInIsRefusedWithTheReason() {
        channels.refusing.put("c9", "I may not send messages in that channel.");
        String reply = text(run(ADMIN, "set", "channel", "c9", "time", "09:00", "timezone", "Europe/Berlin"));
        assertTrue(reply.startsWith("I may not send messages in that channel."), reply);
        assertTrue(records.schedule("g1").isEmpty());
    }

    @Test
    void statusShowsWhereWhenAndTheNextPost() {
        Reply reply = run(ADMIN, "set", "channel", "c9", "time", "9:05", "timezone", "europe/berlin", "topic", "python");
        Reply.Card card = assertInstanceOf(Reply.Card.class, reply);
        String all = card.sections().stream().map(s -> s.heading().plain() + ": " + s.body().plain()).toList().toString();
        assertTrue(all.contains("Where: #c9"), all);
        assertTrue(all.contains("When: 09:05 every day, Europe/Berlin"), all);
        assertTrue(all.contains("Topic: python"), all);
        assertTrue(all.contains("Next post: 2026-05-02T07:05:00Z"), all);
        assertEquals(Reply.Notice.class, run(ADMIN, "off").getClass());
        assertTrue(text(run(MEMBER, "status")).startsWith("No question of the day is set"));
    }

    @Test
    void everyTzDatabaseZoneIsAcceptedInAnyLetterCase() {
        for (String zone : List.of("Etc/UTC", "GMT", "europe/berlin", "CET", "America/Argentina/Buenos_Aires", "UTC", "utc")) {
            Reply reply = run(ADMIN, "set", "channel", "c9", "time", "09:00", "timezone", zone);
            assertInstanceOf(Reply.Card.class, reply, zone + " was refused");
        }
        assertEquals("UTC", records.schedule("g1").map(s -> s.zone().getId()).orElseThrow(), "ids are stored as the tz database spells them");
    }

    @Test
    void aFixedOffsetZoneSaysWhatItMeans() {
        Reply.Card card = assertInstanceOf(Reply.Card.class,
                run(ADMIN, "set", "channel", "c9", "time", "09:00", "timezone", "Etc/GMT+5"));
        String all = card.sections().stream().map(s -> s.heading().plain() + ": " + s.body().plain()).toList().toString();
        assertTrue(all.contains("When: 09:00 every day, Etc/GMT+5 (UTC\u221205:00, no daylight saving)"), all);
    }

    @Test
    void utcIsOfferedFirstWhenItMatches() {
        assertEquals("UTC", command.autocomplete("timezone", "u", ADMIN).get(0).id());
        assertEquals("UTC", command.autocomplete("timezone", "utc", ADMIN).get(0).id());
        assertEquals("UTC", command.autocomplete("timezone", "", ADMIN).get(0).id());
        assertEquals("Etc/GMT+5 (UTC\u221205:00, no daylight saving)",
                command.autocomplete("timezone", "etc/gmt+5", ADMIN).get(0).name());
    }

    @Test
    void timeZonesAutocompleteFromIanaNames() {
        var suggestions = command.autocomplete("timezone", "berl", ADMIN);
        assertEquals("Europe/Berlin", suggestions.get(0).id());
        assertTrue(command.autocomplete("timezone", "", ADMIN).size() <= 25);
        assertTrue(command.autocomplete("timezone", "new york", ADMIN).stream().anyMatch(s -> s.id().equals("America/New_York")));
    }
}
