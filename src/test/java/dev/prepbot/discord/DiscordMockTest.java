package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Question;
import dev.prepbot.discord.fake.FakeDiscord;
import dev.prepbot.discord.fake.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mock interviews through the fake Discord and the real JDA client: private threads, private voice rooms
 * and their permission overwrites, the interviewer's private card, the countdown, scores and the swap.
 */
class DiscordMockTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern ROUND = Pattern.compile("Round (\\d): (\\S+) interviews (\\S+)");
    private static final long VIEW = World.VIEW_CHANNEL;

    private static RunningBot running;
    private static FakeDiscord discord;
    private static Map<String, Question> bank;

    @BeforeAll
    static void startBot() throws Exception {
        running = RunningBot.start(Map.of());
        discord = running.discord;
        bank = new java.util.HashMap<>();
        new BankLoader().loadBuiltIn().questions().forEach(q -> bank.put(q.id(), q));
    }

    @AfterAll
    static void stopBot() {
        running.close();
    }

    private static void nothingDiscordWouldRefuse(FakeDiscord fake) {
        assertEquals(List.of(), fake.violations());
        assertEquals(List.of(), fake.pings());
    }

    private static FakeDiscord.Message click(FakeDiscord fake, World.User user, FakeDiscord.Message message,
                                             String label) {
        JsonNode button = message.buttons().stream().filter(b -> b.path("label").asText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " in " + message.text()));
        FakeDiscord.Message reply = fake.awaitReply(unthrottled(fake,
                () -> fake.click(user, message, button.path("custom_id").asText())), WAIT);
        assertTrue(reply.ephemeral(), "every click on a mock interview is answered privately: " + reply.text());
        return reply;
    }

    /**
     * An interviewer scoring five key points clicks faster than the bot's per-member rate limit allows;
     * like a member told to slow down, the test waits the second it asks for and does it again.
     */
    private static FakeDiscord.Interaction unthrottled(FakeDiscord fake, Supplier<FakeDiscord.Interaction> act) {
        FakeDiscord.Interaction interaction = act.get();
        while (fake.awaitCallback(interaction, WAIT).data().path("content").asText().startsWith("Slow down")) {
            pauseForRateLimit();
            interaction = act.get();
        }
        return interaction;
    }

    private static void pauseForRateLimit() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What a member reads: the text without the backslashes that escape markdown in bank text. */
    private static String read(FakeDiscord.Message message) {
        return message.text().replace("\\", "");
    }

    /** Opens a lobby in #general, lets the others join and starts it. */
    private static void session(FakeDiscord fake, Map<String, Object> options, World.User starter, List<World.User> others) {
        FakeDiscord.Message opened = fake.awaitReply(fake.slash(starter, World.GENERAL, "mock", Optional.of("start"),
                options), WAIT);
        assertTrue(opened.ephemeral() && opened.content().startsWith("The lobby is open"), opened.text());
        FakeDiscord.Message lobby = lobby(fake);
        for (World.User u : others) {
            assertTrue(click(fake, u, lobby, "Join").content().startsWith("You are in"));
        }
        FakeDiscord.Message started = click(fake, starter, lobby(fake), "Start");
        assertTrue(started.content().startsWith("Started"), started.content());
    }

    /** The starter stops the session in #general, after a busy game perhaps, so told to slow down first. */
    private static void stop(FakeDiscord fake, World.User starter) {
        FakeDiscord.Message stopped = fake.awaitReply(unthrottled(fake, () -> fake.slash(starter, World.GENERAL, "mock",
                Optional.of("stop"), Map.of())), WAIT);
        assertTrue(stopped.ephemeral() && stopped.content().startsWith("Stopped"), stopped.content());
    }

    private static FakeDiscord.Message lobby(FakeDiscord fake) {
        List<FakeDiscord.Message> lobbies = fake.messages().stream().filter(m -> m.channelId().equals(World.GENERAL)
                && m.text().contains("Mock interviews: ")).toList();
        return lobbies.get(lobbies.size() - 1);
    }

    private static List<FakeDiscord.Message> in(FakeDiscord fake, String thread, String text) {
        return fake.messages().stream().filter(m -> m.channelId().equals(thread) && m.text().contains(text)).toList();
    }

    private static FakeDiscord.Message awaitIn(FakeDiscord fake, String thread, String text) {
        return fake.awaitMessage(m -> m.channelId().equals(thread) && m.text().contains(text), WAIT);
    }

    private static World.User named(List<World.User> users, String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    private static long bits(JsonNode overwrite, String field) {
        return Long.parseLong(overwrite.path(field).asText("0"));
    }

    /** Checks a voice room: hidden from @everyone, open to the bot (so it can remove it) and to the members only. */
    private static void privateVoiceRoom(JsonNode voice, Set<String> members) {
        Set<String> granted = new HashSet<>();
        for (JsonNode overwrite : voice.path("permission_overwrites")) {
            String id = overwrite.path("id").asText();
            if (id.equals(World.GUILD_ID)) {
                assertEquals(VIEW | World.CONNECT, bits(overwrite, "deny") & (VIEW | World.CONNECT),
                        "hidden from @everyone");
            } else if (id.equals(World.BOT_ID)) {
                assertEquals(VIEW | World.MANAGE_CHANNELS, bits(overwrite, "allow") & (VIEW | World.MANAGE_CHANNELS),
                        "the bot keeps access to its own room");
            } else {
                assertEquals(1, overwrite.path("type").asInt(), "a member overwrite");
                assertEquals(VIEW | World.CONNECT | World.SPEAK, bits(overwrite, "allow"));
                granted.add(id);
            }
        }
        assertEquals(members, granted, "only the pair may see and join it");
    }

    /** Runs one round in the thread to its scorecard; returns the round's interviewer. */
    private static World.User playRound(FakeDiscord fake, String thread, int round, List<World.User> users, int overall) {
        FakeDiscord.Message card = awaitIn(fake, thread, "Round " + round + ":");
        Matcher roles = ROUND.matcher(card.text());
        assertTrue(roles.find(), card.text());
        World.User interviewer = named(users, roles.group(2));
        World.User candidate = named(users, roles.group(3));
        Question question = bank.values().stream().filter(q -> read(card).contains(q.question().substring(0,
                Math.min(60, q.question().length())))).findFirst().orElseThrow(() -> new AssertionError(card.text()));
        assertFalse(card.ephemeral(), "the question is in the pair's private thread");
        question.keypoints().forEach(k -> assertFalse(read(card).contains(k), "no key point for the candidate: " + k));
        Matcher countdown = Pattern.compile("<t:(\\d+):R>").matcher(card.text());
        assertTrue(countdown.find(), "a live countdown: " + card.text());
        long ends = Long.parseLong(countdown.group(1));
        long now = Instant.now().getEpochSecond();
        assertTrue(ends >= now + 100 && ends <= now + 125, "two minutes from now: " + ends + " vs " + now);

        FakeDiscord.Message secret = click(fake, interviewer, card, "Interviewer's card");
        question.keypoints().forEach(k -> assertTrue(read(secret).contains(k), "the interviewer's checklist: " + k));
        assertTrue(secret.text().contains("Follow-up questions") && secret.text().contains("Common mistakes"));
        assertTrue(click(fake, interviewer, secret, "Model answer").text().contains("Model answer"));
        FakeDiscord.Message refused = click(fake, candidate, card, "Interviewer's card");
        question.keypoints().forEach(k -> assertFalse(read(refused).contains(k), "never to the candidate"));
        assertTrue(refused.content().startsWith("Only the interviewer"), refused.content());

        click(fake, interviewer, card, "End the round");
        FakeDiscord.Message over = fake.awaitMessage(m -> m.id().equals(card.id()) && m.text().contains("Time is up"), WAIT);
        assertFalse(over.text().contains("<t:"), "the countdown is edited away at the end");

        List<String> rubric = dev.prepbot.mock.Rubric.of(question).points();
        FakeDiscord.Message tick = click(fake, interviewer, over, "Score");
        for (int i = 0; i < rubric.size() - 1; i++) {
            tick = click(fake, interviewer, tick, i == 0 ? "✗ Missed" : "✓ Covered");
        }
        JsonNode last = tick.buttons().stream().filter(b -> b.path("label").asText().equals("~ Partly")).findFirst()
                .orElseThrow();
        FakeDiscord.Message lastTick = tick;
        FakeDiscord.Callback form = fake.awaitCallback(unthrottled(fake,
                () -> fake.click(interviewer, lastTick, last.path("custom_id").asText())), WAIT);
        assertEquals(9, form.type(), "the overall score is a form");
        String formId = form.data().path("custom_id").asText();
        FakeDiscord.Message done = fake.awaitReply(unthrottled(fake, () -> fake.submitModal(interviewer, thread, formId,
                Map.of("overall", Integer.toString(overall), "note", "Good structure, @everyone take note"))), WAIT);
        assertTrue(done.ephemeral() && done.content().startsWith("Scored"), done.text());
        FakeDiscord.Message scorecard = awaitIn(fake, thread, "Scorecard: " + candidate.name() + ", round " + round);
        assertTrue(read(scorecard).contains(overall + " of 5") && read(scorecard).contains("✗ " + rubric.get(0)),
                scorecard.text());
        return interviewer;
    }

    @Test
    void fourMembersRunATwoMinuteRoundEachPairInPrivateRoomsThenSwap() {
        World world = discord.world();
        List<World.User> four = List.of(world.addUser("ana4", false), world.addUser("ben4", false),
                world.addUser("cat4", false), world.addUser("dan4", false));
        int threadsBefore = discord.createdChannels(12).size();
        int voicesBefore = discord.createdChannels(2).size();
        session(discord, Map.of("topic", "git", "difficulty", "easy", "minutes", 2L), four.get(0), four.subList(1, 4));

        discord.awaitTrue(() -> discord.createdChannels(2).size() == voicesBefore + 2, WAIT, "two voice rooms");
        List<JsonNode> threads = discord.createdChannels(12).subList(threadsBefore, threadsBefore + 2);
        List<JsonNode> voices = discord.createdChannels(2).subList(voicesBefore, voicesBefore + 2);
        Set<String> everyone = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            JsonNode thread = threads.get(i);
            assertEquals(World.GENERAL, thread.path("parent_id").asText());
            assertFalse(thread.path("thread_metadata").path("invitable").asBoolean(), "members cannot invite others");
            Set<String> members = new HashSet<>(discord.threadMembers(thread.path("id").asText()));
            assertEquals(2, members.size());
            assertTrue(everyone.addAll(members), "each member in one pair only");
            privateVoiceRoom(voices.get(i), members);
        }
        assertEquals(four.stream().map(World.User::id).collect(java.util.stream.Collectors.toSet()), everyone);

        String thread = threads.get(0).path("id").asText();
        FakeDiscord.Message welcome = awaitIn(discord, thread, "Mock interview: ");
        assertTrue(welcome.text().contains("<#" + voices.get(0).path("id").asText() + ">"), "the voice room is linked");
        for (String id : discord.threadMembers(thread)) {
            click(discord, four.stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow(), welcome, "I'm here");
        }
        World.User first = playRound(discord, thread, 1, four, 4);
        World.User second = playRound(discord, thread, 2, four, 5);
        assertFalse(first.equals(second), "the roles swapped");
        discord.awaitTrue(() -> discord.deletedChannels().contains(voices.get(0).path("id").asText()), WAIT,
                "the voice room is removed when the pair is done");
        assertFalse(discord.deletedChannels().contains(voices.get(1).path("id").asText()), "the other pair's stays");
        assertTrue(awaitIn(discord, thread, "Both rounds are done").text().contains("scorecards"));

        stop(discord, four.get(0));
        discord.awaitTrue(() -> discord.deletedChannels().contains(voices.get(1).path("id").asText()), WAIT,
                "stopping removes the other pair's voice room");
        FakeDiscord.Message stats = discord.awaitReply(unthrottled(discord, () -> discord.slash(first, World.GENERAL,
                "stats", Map.of("user", second.id()))), WAIT);
        assertTrue(stats.text().contains("Mock interviews") && stats.text().contains("4.0 of 5"), stats.text());
        nothingDiscordWouldRefuse(discord);
    }

    @Test
    void fiveMembersMakeAPairAndATrioWithTheObserverInTheirRooms() {
        World world = discord.world();
        List<World.User> five = new ArrayList<>();
        for (String name : List.of("ann5", "bo5", "cid5", "dot5", "eve5")) {
            five.add(world.addUser(name, false));
        }
        int threadsBefore = discord.createdChannels(12).size();
        int voicesBefore = discord.createdChannels(2).size();
        session(discord, Map.of("minutes", 2L), five.get(0), five.subList(1, 5));
        discord.awaitTrue(() -> discord.createdChannels(2).size() == voicesBefore + 2, WAIT, "two voice rooms");
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String thread = discord.createdChannels(12).get(threadsBefore + i).path("id").asText();
            Set<String> members = new HashSet<>(discord.threadMembers(thread));
            sizes.add(members.size());
            privateVoiceRoom(discord.createdChannels(2).get(voicesBefore + i), members);
            if (members.size() == 3) {
                FakeDiscord.Message welcome = awaitIn(discord, thread, "Observer");
                assertTrue(welcome.text().contains("watches both rounds"));
                List<World.User> trio = five.stream().filter(u -> members.contains(u.id())).toList();
                trio.forEach(u -> click(discord, u, welcome, "I'm here"));
                FakeDiscord.Message round = awaitIn(discord, thread, "Round 1:");
                Matcher roles = ROUND.matcher(round.text());
                assertTrue(roles.find());
                World.User observer = trio.stream().filter(u -> !u.name().equals(roles.group(2))
                        && !u.name().equals(roles.group(3))).findFirst().orElseThrow();
                assertTrue(click(discord, observer, round, "Interviewer's card").content().startsWith("Only the interviewer"),
                        "the observer does not get the card either");
                World.User first = playRound(discord, thread, 1, trio, 3);
                World.User second = playRound(discord, thread, 2, trio, 4);
                assertFalse(first.equals(second) || first.equals(observer) || second.equals(observer));
            }
        }
        sizes.sort(null);
        assertEquals(List.of(2, 3), sizes);
        stop(discord, five.get(0));
        nothingDiscordWouldRefuse(discord);
    }

    @Test
    void onlyThePairCanJoinItsVoiceRoomAndTheBotSeesWhoIsIn() {
        World world = discord.world();
        World.User rue = world.addUser("ruev", false);
        World.User sam = world.addUser("samv", false);
        World.User tom = world.addUser("tomv", false);
        int voicesBefore = discord.createdChannels(2).size();
        session(discord, Map.of("minutes", 2L), rue, List.of(sam));
        discord.awaitTrue(() -> discord.createdChannels(2).size() == voicesBefore + 1, WAIT, "a voice room");
        String voice = discord.createdChannels(2).get(voicesBefore).path("id").asText();
        assertFalse(discord.joinVoice(tom, voice), "hidden from anyone outside the pair");
        assertTrue(discord.joinVoice(rue, voice));
        assertTrue(discord.joinVoice(sam, voice));
        JdaChannels rooms = new JdaChannels(running.bot.channels(), new DiscordRenderer());
        discord.awaitTrue(() -> rooms.voiceOccupants(voice).equals(java.util.OptionalInt.of(2)), WAIT,
                "the bot counts the two in the room");
        discord.leaveVoice(rue);
        discord.leaveVoice(sam);
        discord.awaitTrue(() -> rooms.voiceOccupants(voice).equals(java.util.OptionalInt.of(0)), WAIT,
                "and sees it empty again");
        stop(discord, rue);
        discord.awaitTrue(() -> discord.deletedChannels().contains(voice), WAIT, "removed when the session stops");
        nothingDiscordWouldRefuse(discord);
    }

    @Test
    void twoMembersQueuedAtTheSameDifficultyGetARoomAtOnce() {
        World world = discord.world();
        World.User kim = world.addUser("kimq", false);
        World.User lee = world.addUser("leeq", false);
        FakeDiscord.Message waiting = discord.awaitReply(discord.slash(kim, World.QUIZ, "mock", Optional.of("queue"),
                Map.of("difficulty", "hard")), WAIT);
        assertTrue(waiting.ephemeral() && waiting.content().startsWith("You are in the queue"), waiting.content());
        int threadsBefore = discord.createdChannels(12).size();
        FakeDiscord.Message matched = discord.awaitReply(discord.slash(lee, World.QUIZ, "mock", Optional.of("queue"),
                Map.of("difficulty", "hard")), WAIT);
        assertTrue(matched.ephemeral() && matched.text().contains("Matched with kimq"), matched.text());
        JsonNode thread = discord.createdChannels(12).get(threadsBefore);
        assertTrue(matched.text().contains("<#" + thread.path("id").asText() + ">"), "told where the room is");
        assertEquals(World.QUIZ, thread.path("parent_id").asText());
        assertEquals(Set.of(kim.id(), lee.id()), new HashSet<>(discord.threadMembers(thread.path("id").asText())));
        FakeDiscord.Message left = discord.awaitReply(discord.slash(kim, World.QUIZ, "mock", Optional.of("leave"),
                Map.of()), WAIT);
        assertTrue(left.content().startsWith("You left your mock interview"), left.content());
        assertTrue(awaitIn(discord, thread.path("id").asText(), "kimq left").text().contains("ends"));
        nothingDiscordWouldRefuse(discord);
    }

    @Test
    void withoutManageChannelsPairsGetAThreadButNoVoiceRoom() throws Exception {
        try (RunningBot limited = RunningBot.start(Map.of(), InteractionListener.ANSWER_WITHIN,
                world -> world.botRolePermissions(World.CREATE_PRIVATE_THREADS))) {
            FakeDiscord fake = limited.discord;
            World.User a = fake.world().addUser("nova", false);
            World.User b = fake.world().addUser("omar", false);
            session(fake, Map.of("minutes", 2L), a, List.of(b));
            fake.awaitTrue(() -> fake.createdChannels(12).size() == 1, WAIT, "a private thread");
            String thread = fake.createdChannels(12).get(0).path("id").asText();
            assertFalse(awaitIn(fake, thread, "Mock interview: ").text().contains("Voice room"));
            assertEquals(List.of(), fake.createdChannels(2), "no voice channel where the bot may not make one");
            assertTrue(fake.calls().stream().noneMatch(c -> c.path().endsWith("/channels") && c.method().equals("POST")),
                    "not even tried");
            nothingDiscordWouldRefuse(fake);
        }
    }

    @Test
    void withoutCreatePrivateThreadsTheStarterIsToldWhatIsMissingAndNothingIsPosted() throws Exception {
        try (RunningBot limited = RunningBot.start(Map.of(), InteractionListener.ANSWER_WITHIN,
                world -> world.botRolePermissions(0))) {
            FakeDiscord fake = limited.discord;
            World.User a = fake.world().addUser("pat", false);
            FakeDiscord.Message reply = fake.awaitReply(fake.slash(a, World.GENERAL, "mock", Optional.of("start"),
                    Map.of()), WAIT);
            assertTrue(reply.ephemeral() && reply.content().contains("Create Private Threads"), reply.content());
            assertTrue(fake.messages().stream().noneMatch(m -> m.text().contains("Mock interviews: ")), "no lobby");
            FakeDiscord.Message queued = fake.awaitReply(fake.slash(a, World.GENERAL, "mock", Optional.of("queue"),
                    Map.of()), WAIT);
            assertTrue(queued.content().contains("Create Private Threads"), queued.content());
            nothingDiscordWouldRefuse(fake);
        }
    }

    @Test
    void aRestartMidRoundCarriesOnInTheSameThreadAndKeepsTheScores() throws Exception {
        RunningBot first = RunningBot.start(Map.of());
        RunningBot second = null;
        try {
            FakeDiscord fake = first.discord;
            List<World.User> two = List.of(fake.world().addUser("pia", false), fake.world().addUser("quin", false));
            session(fake, Map.of("topic", "git", "minutes", 2L), two.get(0), List.of(two.get(1)));
            fake.awaitTrue(() -> fake.createdChannels(12).size() == 1, WAIT, "a private thread");
            String thread = fake.createdChannels(12).get(0).path("id").asText();
            FakeDiscord.Message welcome = awaitIn(fake, thread, "Mock interview: ");
            two.forEach(u -> click(fake, u, welcome, "I'm here"));
            playRound(fake, thread, 1, two, 3);
            awaitIn(fake, thread, "Round 2:");

            second = first.restart();
            fake.awaitConnected(WAIT);
            assertTrue(awaitIn(fake, thread, "Prepbot restarted").text().contains("Scores already given are kept"));
            playRound(fake, thread, 2, two, 2);
            assertTrue(awaitIn(fake, thread, "Both rounds are done").text().contains("scorecards"));
            assertEquals(1, in(fake, thread, "round 1").stream().filter(m -> m.text().startsWith("\nScorecard")
                    || m.text().contains("Scorecard:")).count(), "round 1's scorecard is not given twice");
            nothingDiscordWouldRefuse(fake);
        } finally {
            (second != null ? second : first).close();
        }
    }
}
