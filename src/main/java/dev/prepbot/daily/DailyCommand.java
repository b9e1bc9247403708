package dev.prepbot.daily;

import dev.prepbot.bank.Catalog;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Command;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.CommandSpec;
import dev.prepbot.commands.OptionSpec;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Topics;
import dev.prepbot.commands.Visibility;
import dev.prepbot.search.Suggestion;
import java.time.Clock;
import java.time.LocalTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /daily set channel time timezone [topic]}, {@code /daily off}, {@code /daily status}. Changing
 * or stopping the schedule needs Manage Server, checked here whatever the server's command
 * permission overrides say.
 */
public final class DailyCommand implements Command {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /**
     * Every zone id of the tz database that Java knows, "UTC" and "Etc/GMT+5" included. Java's
     * "SystemV/" ids are its own invention, not the tz database's, so they are left out.
     */
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> !z.startsWith("SystemV/"))
            .sorted().toList();
    /** What most teams spread over several countries pick; offered first when it matches what was typed. */
    private static final String UTC = "UTC";

    private final Catalog bank;
    private final DailyRecords records;
    private final DailyQuestions daily;
    private final DailyChannels channels;
    private final Clock clock;

    public DailyCommand(Catalog bank, DailyRecords records, DailyQuestions daily, DailyChannels channels, Clock clock) {
        this.bank = bank;
        this.records = records;
        this.daily = daily;
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec set = new CommandSpec("set", "Post a question of the day (needs Manage Server)", List.of(
                OptionSpec.channel("channel", "Where to post", true),
                OptionSpec.text("time", "Local time as HH:MM, e.g. 09:30", true),
                OptionSpec.text("timezone", "IANA time zone, e.g. Europe/Berlin", true).withAutocomplete(),
                Topics.option()), List.of(), true);
        CommandSpec off = new CommandSpec("off", "Stop the question of the day (needs Manage Server)", List.of(), List.of(), true);
        CommandSpec status = new CommandSpec("status", "Where and when the question of the day is posted", List.of(), List.of(), true);
        return new CommandSpec("daily", "The question of the day", List.of(), List.of(set, off, status), true);
    }

    /** Everything but turning the question of the day off answers only the caller. */
    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return !request.subcommand().orElse("status").equals("off");
    }

    @Override
    public Reply handle(CommandRequest request) {
        String guild = request.caller().guildId().orElseThrow();
        return switch (request.subcommand().orElse("status")) {
            case "set" -> set(request, guild);
            case "off" -> off(request.caller(), guild);
            default -> status(guild);
        };
    }

    private Reply set(CommandRequest request, String guild) {
        if (!request.caller().canManageServer()) {
            return Reply.Notice.privately("Only members with the Manage Server permission can set the question of the day.");
        }
        Optional<String> channel = request.text("channel");
        if (channel.isEmpty()) {
            return Reply.Notice.privately("Pick the channel to post in.");
        }
        Optional<LocalTime> time = request.text("time").flatMap(DailyCommand::parseTime);
        if (time.isEmpty()) {
            return Reply.Notice.privately("The time must be HH:MM in 24-hour form, for example 09:30 or 18:05.");
        }
        Optional<ZoneId> zone = request.text("timezone").flatMap(DailyCommand::parseZone);
        if (zone.isEmpty()) {
            return Reply.Notice.privately("The time zone must be a tz database name such as UTC, Europe/Berlin, America/New_York or Asia/Kolkata.");
        }
        Optional<String> topic = request.text("topic");
        if (topic.isPresent() && !bank.hasTopic(request.caller().guildId(), topic.get())) {
            return Topics.unknown(bank, request.caller().guildId(), topic.get());
        }
        Optional<String> problem = channels.problemPosting(guild, channel.get());
        if (problem.isPresent()) {
            return Reply.Notice.privately(problem.get() + " Pick another channel or give me the permission, then try again.");
        }
        records.saveSchedule(new DailySchedule(guild, channel.get(), time.get(), zone.get(), topic, clock.instant()));
        daily.tick();
        return status(guild);
    }

    private Reply off(Caller caller, String guild) {
        if (!caller.canManageServer()) {
            return Reply.Notice.privately("Only members with the Manage Server permission can stop the question of the day.");
        }
        if (records.schedule(guild).isEmpty()) {
            return Reply.Notice.privately("The question of the day is already off.");
        }
        records.deleteSchedule(guild);
        daily.tick();
        return new Reply.Notice("The question of the day is off. /daily set starts it again.", Visibility.PUBLIC);
    }

    private Reply status(String guild) {
        Optional<DailySchedule> schedule = records.schedule(guild);
        if (schedule.isEmpty()) {
            return Reply.Notice.privately("No question of the day is set. Someone with Manage Server can start one with /daily set.");
        }
        DailySchedule s = schedule.get();
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(new Reply.Section(Text.of("Where"), Text.builder().channel(s.channelId()).build()));
        sections.add(Reply.Section.of("When", s.time().format(HH_MM) + " every day, " + describe(s.zone())));
        sections.add(Reply.Section.of("Topic", s.topic().orElse("all topics")));
        daily.nextPost(guild).ifPresent(next -> sections.add(new Reply.Section(Text.of("Next post"),
                Text.builder().countdown(next).build())));
        records.lastProblem(guild).ifPresent(p -> sections.add(Reply.Section.of("Problem with the last post", p)));
        return new Reply.Card(Text.of("Question of the day"), sections, Optional.empty(), List.of(), Optional.empty(),
                Visibility.PRIVATE);
    }

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        if (Topics.OPTION.equals(option)) {
            return Topics.suggest(bank, caller, typed);
        }
        if (!"timezone".equals(option)) {
            return List.of();
        }
        String wanted = typed.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        return ZONES.stream().filter(z -> z.toLowerCase(Locale.ROOT).contains(wanted))
                .sorted(Comparator.comparingInt((String z) -> rank(z, wanted)).thenComparing(Comparator.naturalOrder()))
                .limit(25).map(z -> new Suggestion(describe(ZoneId.of(z)), z)).toList();
    }

    /**
     * Lower is offered first: UTC when it matches, then ids that are what was typed, then ids that begin
     * with it, then ids whose city begins with it ("berl" finds Europe/Berlin), then the rest.
     */
    private static int rank(String zone, String wanted) {
        String z = zone.toLowerCase(Locale.ROOT);
        if (zone.equals(UTC)) {
            return 0;
        }
        if (z.equals(wanted)) {
            return 1;
        }
        if (z.startsWith(wanted)) {
            return 2;
        }
        return z.substring(z.lastIndexOf('/') + 1).startsWith(wanted) ? 3 : 4;
    }

    /**
     * The zone's id, and for a fixed offset what it means, because the tz database's "Etc/GMT+5" is
     * five hours behind UTC (its sign is inverted on purpose) and nobody guesses that.
     */
    static String describe(ZoneId zone) {
        if (!zone.getRules().isFixedOffset()) {
            return zone.getId();
        }
        ZoneOffset offset = zone.getRules().getOffset(Instant.EPOCH);
        if (offset.getTotalSeconds() == 0) {
            return zone.getId().equals(UTC) ? UTC : zone.getId() + " (UTC)";
        }
        return zone.getId() + " (UTC" + offset.getId().replace('-', '−') + ", no daylight saving)";
    }

    static Optional<LocalTime> parseTime(String text) {
        try {
            return Optional.of(LocalTime.parse(text.strip().length() == 4 ? "0" + text.strip() : text.strip(), HH_MM));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A tz database zone id in any letter case, e.g. "europe/berlin" or "utc"; empty for anything else. */
    static Optional<ZoneId> parseZone(String text) {
        String id = text.strip().replace(' ', '_');
        return ZONES.stream().filter(z -> z.equalsIgnoreCase(id)).findFirst().map(ZoneId::of);
    }
}
