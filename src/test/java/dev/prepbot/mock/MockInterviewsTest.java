package dev.prepbot.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Reply;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlMockStore;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.RecordingChannels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, rounds, scores, the queue, no-shows and restarts, on in-memory rooms and a real store. */
class MockInterviewsTest {

    private static final String GUILD = "g1";
    private static final String CHANNEL = "lobby-channel";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final InMemoryRooms rooms = new InMemoryRooms(true);
    private final List<String> lapses = new ArrayList<>();
    private final Bank bank = bank();
    /** The server's own questions, beside the built-in bank. */
    private final Map<String, Question> own = new LinkedHashMap<>();
    private final Catalog catalog = new Catalog() {
        @Override
        public Bank builtIn() {
            return bank;
        }

        @Override
        public Optional<Question> byId(Optional<String> guild, String id) {
            return guild.filter(GUILD::equals).map(g -> own.get(id)).or(() -> bank.byId(id));
        }

        @Override
        public Map<String, Question> ownQuestions(String guild, Collection<String> ids) {
            Map<String, Question> found = new LinkedHashMap<>();
            ids.stream().filter(own::containsKey).forEach(id -> found.put(id, own.get(id)));
            return guild.equals(GUILD) ? found : Map.of();
        }

        @Override
        public List<Question> drawable(Optional<String> guild) {
            return guild.equals(Optional.of(GUILD))
                    ? Stream.concat(bank.questions().stream(), own.values().stream()).toList() : bank.questions();
        }
    };
    private Database database;
    private SqlMockStore store;
    private MockInterviews mock;
    private String session;

    private static Bank bank() {
        List<Question> questions = new ArrayList<>(Questions.sample().questions());
        Question base = Questions.of("behavioral-conflict", "behavioral", "Tell me about a conflict in your team.",
                "Use STAR: a real conflict, what you did, and how it ended.", "Interviewers want evidence of how you work with others.");
        questions.add(base);
        questions.add(Questions.of("behavioral-failure", "behavioral", "Tell me about a project that failed.",
                "Use STAR: own it, say what you changed.", "They check self-awareness."));
        return new Bank(questions);
    }

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("mock.db").toString(), clock);
        store = new SqlMockStore(database);
        mock = engine();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private MockInterviews engine() {
        return new MockInterviews(catalog, store, Optional.of(rooms),
                (guild, user, question) -> lapses.add(user + ":" + question), clock, scheduler, new Random(7));
    }

    private static Caller member(String name) {
        return new Caller("u-" + name, name, Optional.of(GUILD), CHANNEL, false);
    }

    private static Caller curator(String name) {
        return new Caller("u-" + name, name, Optional.of(GUILD), CHANNEL, true);
    }

    private Reply press(MockInterviews engine, Reply.Card card, String label, Caller who) {
        Reply.Button button = card.buttons().stream().filter(b -> b.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " on " + card.title().plain()));
        return engine.onAction(Action.parse(button.actionId()).orElseThrow(), List.of(), who);
    }

    private Reply press(Reply.Card card, String label, Caller who) {
        return press(mock, card, label, who);
    }

    private Reply.Card lobby() {
        return rooms.in(CHANNEL).get(0);
    }

    private static String text(Reply reply) {
        return switch (reply) {
            case Reply.Card card -> RecordingChannels.text(card);
            case Reply.Notice notice -> notice.text();
            default -> reply.toString();
        };
    }

    /** The latest card in the thread whose title starts so. */
    private Reply.Card card(String thread, String titleStart) {
        List<Reply.Card> cards = rooms.in(thread).stream().filter(c -> c.title().plain().startsWith(titleStart)).toList();
        assertFalse(cards.isEmpty(), "no card " + titleStart + " in " + thread + ": " + rooms.in(thread));
        return cards.get(cards.size() - 1);
    }

    /** Opens a lobby with these members (the first starts it) and starts it. */
    private void startSession(int minutes, Optional<String> topic, Caller... members) {
        Reply opened = mock.start(members[0], topic, Optional.of(Difficulty.MEDIUM), minutes);
        assertInstanceOf(Reply.Notice.class, opened, text(opened));
        session = Action.parse(lobby().buttons().get(0).actionId()).orElseThrow().args().get(1);
        for (Caller m : List.of(members).subList(1, members.length)) {
            assertTrue(text(press(lobby(), "Join", m)).startsWith("You are in"));
        }
        assertTrue(text(press(lobby(), "Start", members[0])).startsWith("Started"), "the starter starts it");
    }

    private Caller inRoom(InMemoryRooms.Opened room, int index, Caller... everyone) {
        String id = room.members().get(index);
        return Stream.of(everyone).filter(c -> c.userId().equals(id)).findFirst().orElseThrow();
    }

    /** Scores the round in the thread: the ticks given, then the overall score and note in the form. */
    private void score(String thread, Caller interviewer, int overall, char... ticks) {
        Reply reply = press(card(thread, "Round"), "Score", interviewer);
        for (char tick : ticks) {
            Reply.Card ask = assertInstanceOf(Reply.Card.class, reply, text(reply));
            String label = switch (tick) {
                case 'c' -> "✓ Covered";
                case 'p' -> "~ Partly";
                default -> "✗ Missed";
            };
            reply = press(ask, label, interviewer);
        }
        Reply.Form form = assertInstanceOf(Reply.Form.class, reply, text(reply));
        Reply done = mock.onSubmit(Action.parse(form.actionId()).orElseThrow(),
                Map.of(MockCards.OVERALL, Integer.toString(overall), MockCards.NOTE, "Clear on the basics."), interviewer);
        assertTrue(text(done).startsWith("Scored"), text(done));
    }

    @Test
    void fourMembersRunTwoScoredRoundsEachPairInItsOwnRoom() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        Caller cy = member("cy");
        Caller dee = member("dee");
        startSession(2, Optional.of("databases"), ada, bob, cy, dee);

        assertEquals(2, rooms.opened().size(), "two pairs");
        List<String> everyone = rooms.opened().stream().flatMap(o -> o.members().stream()).sorted().toList();
        assertEquals(List.of("u-ada", "u-bob", "u-cy", "u-dee"), everyone, "each member in exactly one room");
        rooms.opened().forEach(o -> assertEquals(2, o.members().size()));
        rooms.opened().forEach(o -> assertTrue(o.room().voiceId().isPresent(), "a voice room each"));

        InMemoryRooms.Opened room = rooms.opened().get(0);
        String thread = room.room().threadId();
        Caller first = inRoom(room, 0, ada, bob, cy, dee);
        Caller second = inRoom(room, 1, ada, bob, cy, dee);
        Reply.Card welcome = card(thread, "Mock interview");
        assertTrue(text(press(welcome, "I'm here", first)).startsWith("Noted"));
        assertTrue(text(press(welcome, "I'm here", second)).contains("round 1 begins"));
        InMemoryRooms.Opened other = rooms.opened().get(1);
        for (int i = 0; i < 2; i++) {
            press(card(other.room().threadId(), "Mock interview"), "I'm here", inRoom(other, i, ada, bob, cy, dee));
        }

        Reply.Card round = card(thread, "Round 1");
        Question q1 = bank.byId(store.pair(pairId(thread)).orElseThrow().questionId().orElseThrow()).orElseThrow();
        assertTrue(text(round).contains(q1.question()), "the candidate sees the question");
        q1.keypoints().forEach(k -> assertFalse(text(round).contains(k), "but no key point: " + k));
        assertFalse(text(round).contains(q1.answer()), "nor the model answer");

        Reply card = press(round, "Interviewer's card", first);
        Reply.Card interviewer = assertInstanceOf(Reply.Card.class, card);
        assertEquals(dev.prepbot.commands.Visibility.PRIVATE, interviewer.visibility(), "only the interviewer sees it");
        q1.keypoints().forEach(k -> assertTrue(text(interviewer).contains("☐ " + k), k));
        assertTrue(text(interviewer).contains("Follow-up questions") && text(interviewer).contains("Common mistakes"));
        assertTrue(text(press(interviewer, "Model answer", first)).contains(q1.answer()));
        Reply refused = press(round, "Interviewer's card", second);
        assertInstanceOf(Reply.Notice.class, refused, "the candidate never gets the interviewer's card");
        assertFalse(text(refused).contains(q1.keypoints().get(0)));

        scheduler.advance(Duration.ofMinutes(2));
        Reply.Card over = card(thread, "Round 1");
        assertTrue(text(over).contains("Time is up"), text(over));

        score(thread, first, 4, 'c', 'p', 'm');
        Reply.Card scorecard = card(thread, "Scorecard");
        assertTrue(text(scorecard).contains("✓ " + q1.keypoints().get(0)) && text(scorecard).contains("✗ "
                + q1.keypoints().get(2)) && text(scorecard).contains("4 of 5"), text(scorecard));
        assertEquals(List.of(second.userId() + ":" + q1.id()), lapses, "the miss joins the candidate's practice");

        Reply.Card round2 = card(thread, "Round 2");
        assertTrue(round2.title().plain().contains(second.displayName() + " interviews " + first.displayName()), "roles swap");
        Question q2 = bank.byId(store.pair(pairId(thread)).orElseThrow().questionId().orElseThrow()).orElseThrow();
        assertNotEquals(q1.id(), q2.id(), "a new question");
        assertEquals(q1.topic(), q2.topic());
        assertEquals(q1.difficulty(), q2.difficulty());
        assertInstanceOf(Reply.Notice.class, press(round2, "Interviewer's card", first), "now the first is the candidate");

        press(round2, "End the round", second);
        score(thread, second, 5, 'c', 'c', 'c');
        assertEquals(MockPair.Status.DONE, store.pair(pairId(thread)).orElseThrow().status());
        assertEquals(List.of(room.room()), rooms.closed(), "the voice room is removed when the pair is done");
        assertEquals(2, store.summary(GUILD, second.userId()).rounds() + store.summary(GUILD, first.userId()).rounds());
        assertEquals(MockSession.Status.RUNNING, store.session(store.pair(pairId(thread)).orElseThrow().sessionId())
                .orElseThrow().status(), "the other pair is still at it");
    }

    private String pairId(String thread) {
        return store.pairs(session).stream().filter(p -> p.threadId().equals(Optional.of(thread))).findFirst()
                .orElseThrow().id();
    }

    @Test
    void fiveMembersMakeAPairAndATrioWhoseThirdObserves() {
        Caller[] five = {member("a"), member("b"), member("c"), member("d"), member("e")};
        startSession(15, Optional.empty(), five);
        List<Integer> sizes = rooms.opened().stream().map(o -> o.members().size()).sorted().toList();
        assertEquals(List.of(2, 3), sizes);
        InMemoryRooms.Opened trio = rooms.opened().stream().filter(o -> o.members().size() == 3).findFirst().orElseThrow();
        assertTrue(text(card(trio.room().threadId(), "Mock interview")).contains("Observer"));
    }

    @Test
    void onlyTheStarterOrACuratorStartsAndALobbyNeedsTwo() {
        Caller ada = member("ada");
        mock.start(ada, Optional.empty(), Optional.empty(), 15);
        assertTrue(text(press(lobby(), "Start", ada)).contains("at least 2"));
        press(lobby(), "Join", member("bob"));
        assertTrue(text(press(lobby(), "Start", member("bob"))).startsWith("Only the member who opened"));
        assertTrue(text(press(lobby(), "Start", curator("cy"))).startsWith("Started"), "Manage Server may start it");
    }

    @Test
    void twoMembersQueuedAtTheSameDifficultyAreMatchedAtOnce() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        Caller cy = member("cy");
        assertTrue(text(mock.queue(ada, Optional.of(Difficulty.MEDIUM))).startsWith("You are in the queue"));
        assertTrue(text(mock.queue(bob, Optional.of(Difficulty.HARD))).startsWith("You are in the queue"),
                "another difficulty does not match");
        Reply matched = mock.queue(cy, Optional.of(Difficulty.MEDIUM));
        assertTrue(text(matched).startsWith("Matched with ada"), text(matched));
        assertEquals(dev.prepbot.commands.Visibility.PRIVATE, matched.visibility());
        assertEquals(1, rooms.opened().size());
        assertEquals(List.of("u-ada", "u-cy"), rooms.opened().get(0).members());
        assertTrue(store.queued(GUILD, "u-ada").isEmpty() && store.queued(GUILD, "u-bob").isPresent());
        assertTrue(text(mock.leave(bob)).startsWith("You left the queue"));
    }

    @Test
    void aTrioMemberWhoDoesNotTurnUpIsDroppedAndTheOthersCarryOn() {
        Caller[] three = {member("a"), member("b"), member("c")};
        startSession(15, Optional.empty(), three);
        InMemoryRooms.Opened room = rooms.opened().get(0);
        String thread = room.room().threadId();
        Caller first = inRoom(room, 0, three);
        Caller observer = inRoom(room, 2, three);
        press(card(thread, "Mock interview"), "I'm here", first);
        press(card(thread, "Mock interview"), "I'm here", observer);
        scheduler.advance(MockInterviews.NO_SHOW);
        MockPair pair = store.pair(pairId(thread)).orElseThrow();
        assertEquals(MockPair.Status.INTERVIEW, pair.status(), "the observer stepped in and round 1 began");
        assertEquals(List.of(first.userId(), observer.userId()), pair.members());
        assertTrue(rooms.in(thread).stream().anyMatch(c -> c.title().plain().startsWith("Not here in time: "
                + inRoom(room, 1, three).displayName())));
    }

    @Test
    void aPairWhoseMemberDoesNotTurnUpEnds() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        startSession(15, Optional.empty(), ada, bob);
        String thread = rooms.opened().get(0).room().threadId();
        press(card(thread, "Mock interview"), "I'm here", ada);
        scheduler.advance(MockInterviews.NO_SHOW);
        assertEquals(MockPair.Status.ENDED, store.pair(pairId(thread)).orElseThrow().status());
        assertEquals(1, rooms.closed().size(), "its voice room is removed");
        assertTrue(lobby().title().plain().endsWith("over"), lobby().title().plain());
    }

    @Test
    void membersLeftAloneByNoShowsInTwoPairsAreReformedIntoANewPair() {
        Caller[] four = {member("a"), member("b"), member("c"), member("d")};
        startSession(15, Optional.of("databases"), four);
        List<String> present = new ArrayList<>();
        for (InMemoryRooms.Opened room : rooms.opened()) {
            Caller here = inRoom(room, 0, four);
            press(card(room.room().threadId(), "Mock interview"), "I'm here", here);
            present.add(here.userId());
        }
        scheduler.advance(MockInterviews.NO_SHOW);
        assertEquals(3, rooms.opened().size(), "a new room for the two who turned up");
        assertEquals(present.stream().sorted().toList(), rooms.opened().get(2).members().stream().sorted().toList());
        assertTrue(rooms.in(rooms.opened().get(0).room().threadId()).stream()
                .anyMatch(c -> c.title().plain().contains("you are back in the queue")));
        assertTrue(store.queued(GUILD, present.get(0)).isEmpty() && store.queued(GUILD, present.get(1)).isEmpty());
        MockPair reformed = store.openPairs().get(0);
        assertEquals(Optional.of(Difficulty.MEDIUM), store.session(reformed.sessionId()).orElseThrow().difficulty(),
                "at the session's difficulty");
    }

    @Test
    void aRestartMidRoundResumesTheTimerAndKeepsTheScoresGiven() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        startSession(10, Optional.of("databases"), ada, bob);
        String thread = rooms.opened().get(0).room().threadId();
        Caller first = inRoom(rooms.opened().get(0), 0, ada, bob);
        press(card(thread, "Mock interview"), "I'm here", ada);
        press(card(thread, "Mock interview"), "I'm here", bob);
        scheduler.advance(Duration.ofMinutes(10));
        score(thread, first, 3, 'c', 'c', 'm');
        scheduler.advance(Duration.ofMinutes(4));

        // The process dies: its timers with it. A new one starts on the same store.
        scheduler.clear();
        MockInterviews restarted = engine();
        restarted.recover();
        assertTrue(rooms.in(thread).stream().anyMatch(c -> c.title().plain().startsWith("Prepbot restarted")));
        scheduler.advance(Duration.ofMinutes(6));
        Reply.Card round2 = card(thread, "Round 2");
        assertTrue(text(round2).contains("Time is up"), "the timer of round 2 fired after the restart");
        MockPair pair = store.pair(pairId(thread)).orElseThrow();
        assertEquals(MockPair.Status.SCORING, pair.status());
        assertTrue(store.score(pair.id(), 1).orElseThrow().complete(), "round 1's score is kept");
        assertInstanceOf(Reply.Card.class, press(restarted, round2, "Score", inRoom(rooms.opened().get(0), 1, ada, bob)));
    }

    @Test
    void aRestartedProcessCarriesOnOnlyThePairsOfItsOwnServers() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        startSession(5, Optional.empty(), ada, bob);
        String thread = rooms.opened().get(0).room().threadId();
        scheduler.clear();
        engine().recover(guild -> false);
        assertTrue(rooms.in(thread).stream().noneMatch(c -> c.title().plain().startsWith("Prepbot restarted")),
                "another process's server is left to that process");
        engine().recover(guild -> true);
        assertTrue(rooms.in(thread).stream().anyMatch(c -> c.title().plain().startsWith("Prepbot restarted")));
    }

    @Test
    void aLobbyOpenBeforeARestartTakesJoinsAndStartsAfterIt() {
        Caller ada = member("ada");
        mock.start(ada, Optional.empty(), Optional.empty(), 15);
        Reply.Card before = lobby();
        scheduler.clear();
        MockInterviews restarted = engine();
        restarted.recover();
        assertTrue(text(press(restarted, before, "Join", member("bob"))).startsWith("You are in"));
        assertTrue(text(press(restarted, before, "Start", ada)).startsWith("Started: 1 pair"));
        assertEquals(1, rooms.opened().size());
    }

    /**
     * Adds two questions of the server's own topic (at the difficulty sessions are started with), starts
     * a session on that topic for ada and bob, and has both turn up: round 1 is on. Returns the thread.
     */
    private String roundOneOnOwnTopic(Caller ada, Caller bob) {
        List.of(Questions.of("acme-sharding-orders", "acme-onsite", "How did we shard the orders table by merchant?",
                        "By hashing the merchant id into 64 logical shards.", "Logical shards move between databases."),
                Questions.of("acme-billing-retries", "acme-onsite", "How does billing retry a failed charge?",
                        "Three times with backoff, each with the same idempotency key.", "A retry never charges twice."))
                .forEach(q -> own.put(q.id(), q));
        startSession(2, Optional.of("acme-onsite"), ada, bob);
        String thread = rooms.opened().get(0).room().threadId();
        press(card(thread, "Mock interview"), "I'm here", ada);
        press(card(thread, "Mock interview"), "I'm here", bob);
        return thread;
    }

    @Test
    void aServersOwnTopicIsInterviewedWithItsOwnQuestions() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        String thread = roundOneOnOwnTopic(ada, bob);
        Question question = own.get(store.pair(pairId(thread)).orElseThrow().questionId().orElseThrow());
        assertTrue(text(card(thread, "Round 1")).contains(question.question()));
        Reply.Card interviewer = (Reply.Card) press(card(thread, "Round 1"), "Interviewer's card",
                inRoom(rooms.opened().get(0), 0, ada, bob));
        assertTrue(text(interviewer).contains("☐ " + question.keypoints().get(0)), text(interviewer));
    }

    @Test
    void aQuestionDeletedDuringItsRoundEndsTheRoundWithoutAScorecardAndTheInterviewGoesOn() {
        String thread = roundOneOnOwnTopic(member("ada"), member("bob"));
        String first = store.pair(pairId(thread)).orElseThrow().questionId().orElseThrow();
        own.remove(first);

        scheduler.advance(Duration.ofMinutes(2));
        assertTrue(rooms.in(thread).stream().anyMatch(c -> text(c).contains("deleted from the server's questions")),
                rooms.in(thread).toString());
        assertTrue(rooms.in(thread).stream().noneMatch(c -> c.title().plain().startsWith("Scorecard")));
        String second = store.pair(pairId(thread)).orElseThrow().questionId().orElseThrow();
        assertNotEquals(first, second);
        assertTrue(text(card(thread, "Round 2")).contains(own.get(second).question()), "round 2 asks the one left");
    }

    @Test
    void behavioralQuestionsAreTickedOnStar() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        startSession(5, Optional.of("behavioral"), ada, bob);
        String thread = rooms.opened().get(0).room().threadId();
        Caller first = inRoom(rooms.opened().get(0), 0, ada, bob);
        press(card(thread, "Mock interview"), "I'm here", ada);
        press(card(thread, "Mock interview"), "I'm here", bob);
        Reply.Card interviewer = (Reply.Card) press(card(thread, "Round 1"), "Interviewer's card", first);
        assertTrue(text(interviewer).contains("☐ Situation") && text(interviewer).contains("☐ Result"), text(interviewer));
        scheduler.advance(Duration.ofMinutes(5));
        score(thread, first, 2, 'c', 'c', 'p', 'm');
        assertTrue(text(card(thread, "Scorecard")).contains("STAR"));
    }

    @Test
    void aVoiceRoomThatStaysEmptyForTwoMinutesIsRemovedAndThePairCarriesOn() {
        Caller[] four = {member("a"), member("b"), member("c"), member("d")};
        startSession(15, Optional.empty(), four);
        InMemoryRooms.Opened quiet = rooms.opened().get(0);
        InMemoryRooms.Opened talking = rooms.opened().get(1);
        rooms.occupy(quiet.room().voiceId().orElseThrow(), 0);
        rooms.occupy(talking.room().voiceId().orElseThrow(), 2);
        for (InMemoryRooms.Opened room : List.of(quiet, talking)) {
            for (int i = 0; i < 2; i++) {
                press(card(room.room().threadId(), "Mock interview"), "I'm here", inRoom(room, i, four));
            }
        }
        scheduler.advance(Duration.ofSeconds(110));
        assertEquals(List.of(), rooms.closed(), "not before it has been empty two minutes");
        scheduler.advance(Duration.ofSeconds(40));
        assertEquals(List.of(quiet.room()), rooms.closed(), "the empty room is removed, the busy one kept");
        MockPair pair = store.pair(pairId(quiet.room().threadId())).orElseThrow();
        assertEquals(MockPair.Status.INTERVIEW, pair.status(), "the pair carries on in its thread");
        assertTrue(pair.voiceId().isEmpty());
        assertTrue(rooms.in(quiet.room().threadId()).stream()
                .anyMatch(c -> c.title().plain().startsWith("The voice room stayed empty")));

        rooms.occupy(talking.room().voiceId().orElseThrow(), 0);
        scheduler.advance(Duration.ofSeconds(90));
        rooms.occupy(talking.room().voiceId().orElseThrow(), 1);
        scheduler.advance(Duration.ofSeconds(60));
        rooms.occupy(talking.room().voiceId().orElseThrow(), 0);
        scheduler.advance(Duration.ofSeconds(90));
        assertEquals(1, rooms.closed().size(), "someone came back in time: the empty minutes start over");
    }

    @Test
    void stopEndsEveryPairAndKeepsTheScoresGiven() {
        Caller ada = member("ada");
        Caller bob = member("bob");
        startSession(5, Optional.of("databases"), ada, bob);
        String thread = rooms.opened().get(0).room().threadId();
        Caller first = inRoom(rooms.opened().get(0), 0, ada, bob);
        press(card(thread, "Mock interview"), "I'm here", ada);
        press(card(thread, "Mock interview"), "I'm here", bob);
        scheduler.advance(Duration.ofMinutes(5));
        score(thread, first, 4, 'c', 'c', 'c');
        assertTrue(text(mock.stop(bob)).startsWith("Only the member who opened"));
        assertTrue(text(mock.stop(ada)).startsWith("Stopped"));
        assertEquals(MockPair.Status.ENDED, store.pair(pairId(thread)).orElseThrow().status());
        assertEquals(1, rooms.closed().size());
        assertEquals(0, scheduler.pending(), "no timer left running");
        assertEquals(1, store.summary(GUILD, inRoom(rooms.opened().get(0), 1, ada, bob).userId()).rounds());
    }
}
