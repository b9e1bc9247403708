package dev.prepbot.mock;

import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.ActionHandler;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import dev.prepbot.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mock interviews in pairs. A lobby is joined and started; members are paired at random (a trio with an
 * observer when their number is odd); each pair gets a private room, confirms it is there, and runs two
 * timed rounds, the interviewer holding a private card with the rubric and scoring the candidate at the
 * end, then the roles swap. The queue pairs members who want a partner at any time the same way.
 *
 * <p>Everything a pair has reached is stored before it is shown, so a restart resumes each pair where it
 * was (its timer re-armed from the stored deadline) and keeps every score already given. Work on the
 * stored state runs under the engine's lock; the rooms' futures are only waited for outside it.
 */
public final class MockInterviews implements ActionHandler {

    private static final Logger log = LoggerFactory.getLogger(MockInterviews.class);

    public static final int MIN_MEMBERS = 2;
    public static final int MAX_MEMBERS = 20;
    public static final int MIN_MINUTES = 1;
    public static final int MAX_MINUTES = 60;
    public static final int DEFAULT_MINUTES = 15;
    /** How long each member has to press "I'm here" before they are dropped. */
    public static final Duration NO_SHOW = Duration.ofMinutes(2);
    /** A pair's voice room that stays empty this long is removed; the pair carries on in its thread. */
    public static final Duration VOICE_EMPTY = Duration.ofMinutes(2);
    /** How often a voice room is looked at: it is removed between two minutes and this much more. */
    static final Duration VOICE_CHECK = Duration.ofSeconds(30);
    static final String ANY = "any";

    /** Where a candidate's missed key points go: their practice schedule. */
    @FunctionalInterface
    public interface Lapses {
        void missed(String guildId, String userId, String questionId);
    }

    private final Catalog catalog;
    private final MockStore store;
    private final Optional<MockRooms> rooms;
    private final Lapses lapses;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Map<String, Scheduler.Task> timers = new HashMap<>();
    private final Map<String, Scheduler.Task> voiceWatches = new HashMap<>();
    private final Map<String, Instant> voiceEmptySince = new HashMap<>();

    public MockInterviews(Catalog catalog, MockStore store, Optional<MockRooms> rooms, Lapses lapses, Clock clock,
                          Scheduler scheduler, RandomGenerator random) {
        this.catalog = catalog;
        this.store = store;
        this.rooms = rooms;
        this.lapses = lapses;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
    }

    @Override
    public List<String> actions() {
        return List.of(MockCards.ACTION);
    }

    // ---- commands ------------------------------------------------------------------------

    /** Posts a lobby in the caller's channel. */
    public Reply start(Caller caller, Optional<String> topic, Optional<Difficulty> difficulty, int minutes) {
        if (rooms.isEmpty()) {
            return Reply.Notice.privately("Mock interviews in pairs need Discord. Try /mock solo for one on your own.");
        }
        String guild = caller.guildId().orElseThrow();
        Optional<String> problem = rooms.get().problemOpening(guild, caller.channelId());
        if (problem.isPresent()) {
            return Reply.Notice.privately(problem.get());
        }
        if (questions(guild, topic, difficulty).isEmpty()) {
            return Reply.Notice.privately("There are no questions" + topic.map(t -> " in " + t).orElse("")
                    + difficulty.map(d -> " at " + d.slug()).orElse("") + " to interview with.");
        }
        MockSession session;
        synchronized (this) {
            Optional<MockSession> open = store.openSessionIn(caller.channelId());
            if (open.isPresent()) {
                return Reply.Notice.privately("A mock interview session is already open in this channel."
                        + " Join it, or ask its starter to /mock stop it.");
            }
            session = new MockSession(newId(), guild, caller.channelId(), caller.userId(), topic, difficulty, minutes,
                    MockSession.Status.LOBBY, Optional.empty(), clock.instant());
            store.saveSession(session);
            store.addMember(session.id(), new MockMember(caller.userId(), caller.displayName()));
        }
        String messageId;
        try {
            messageId = rooms.get().post(caller.channelId(), lobbyCard(session)).join();
        } catch (RuntimeException e) {
            log.warn("cannot post a mock lobby in channel {}: {}", caller.channelId(), e.getMessage());
            synchronized (this) {
                store.saveSession(session.withStatus(MockSession.Status.ENDED));
            }
            return Reply.Notice.privately("I could not post the lobby in this channel. Check that I may send"
                    + " messages and embeds here.");
        }
        synchronized (this) {
            store.saveSession(store.session(session.id()).orElse(session).withLobbyMessage(messageId));
        }
        return Reply.Notice.privately("The lobby is open below: members press Join, then you press Start.");
    }

    /** Ends the session in the caller's channel, keeping every score given so far. */
    public Reply stop(Caller caller) {
        synchronized (this) {
            Optional<MockSession> session = store.openSessionIn(caller.channelId());
            if (session.isEmpty()) {
                return Reply.Notice.privately("No mock interview session is open in this channel.");
            }
            if (!session.get().starterId().equals(caller.userId()) && !caller.canManageServer()) {
                return Reply.Notice.privately("Only the member who opened the session, or a member with Manage Server,"
                        + " can stop it.");
            }
            for (MockPair pair : store.pairs(session.get().id())) {
                if (pair.open()) {
                    endPair(pair, "The session was stopped by " + caller.displayName() + ". Scores given so far are kept.");
                }
            }
            store.saveSession(session.get().withStatus(MockSession.Status.ENDED));
            refreshLobby(session.get().id());
            return Reply.Notice.privately("Stopped. Scores already given are kept.");
        }
    }

    /** Waits for a partner at the difficulty, or pairs the caller at once with one who is waiting. */
    public Reply queue(Caller caller, Optional<Difficulty> difficulty) {
        if (rooms.isEmpty()) {
            return Reply.Notice.privately("The queue needs Discord. Try /mock solo for an interview on your own.");
        }
        String guild = caller.guildId().orElseThrow();
        String level = difficulty.map(Difficulty::slug).orElse(ANY);
        Optional<String> problem = rooms.get().problemOpening(guild, caller.channelId());
        if (problem.isPresent()) {
            return Reply.Notice.privately(problem.get());
        }
        MockSession session;
        QueueEntry partner;
        synchronized (this) {
            if (store.openPairOf(guild, caller.userId()).isPresent()) {
                return Reply.Notice.privately("You are in a mock interview already. /mock leave leaves it.");
            }
            Optional<QueueEntry> waiting = store.longestWaiting(guild, level, caller.userId());
            if (waiting.isEmpty()) {
                store.enqueue(new QueueEntry(guild, caller.userId(), caller.displayName(), level, caller.channelId(),
                        clock.instant()));
                return Reply.Notice.privately("You are in the queue for " + (difficulty.isPresent() ? level : "any")
                        + " questions. When someone else queues at the same difficulty, I open a private room for the"
                        + " two of you and add you to it. /mock leave takes you out.");
            }
            partner = waiting.get();
            store.dequeue(guild, partner.userId());
            store.dequeue(guild, caller.userId());
            session = new MockSession(newId(), guild, caller.channelId(), caller.userId(), Optional.empty(), difficulty,
                    DEFAULT_MINUTES, MockSession.Status.RUNNING, Optional.empty(), clock.instant());
            store.saveSession(session);
            store.addMember(session.id(), new MockMember(partner.userId(), partner.name()));
            store.addMember(session.id(), new MockMember(caller.userId(), caller.displayName()));
        }
        MockPair pair;
        synchronized (this) {
            pair = formPairs(session, List.of(partner.userId(), caller.userId())).get(0);
        }
        Optional<MockRooms.Room> room = openRoom(session, pair);
        if (room.isEmpty()) {
            return Reply.Notice.privately("You were matched with " + partner.name() + ", but I could not open a private"
                    + " room. Try again later.");
        }
        return new Reply.Card(Text.of("Matched with " + partner.name()), List.of(new Reply.Section(Text.of(""),
                Text.builder().plain("Your private room: ").channel(room.get().threadId())
                        .plain(". " + partner.name() + " was added to it too. Press I'm here there within two minutes.")
                        .build())), Optional.empty(), List.of(), Optional.empty(), Visibility.PRIVATE);
    }

    /** Leaves the queue, a lobby, or the pair the caller is in. */
    public Reply leave(Caller caller) {
        String guild = caller.guildId().orElseThrow();
        synchronized (this) {
            if (store.dequeue(guild, caller.userId())) {
                return Reply.Notice.privately("You left the queue.");
            }
            Optional<MockPair> pair = store.openPairOf(guild, caller.userId());
            if (pair.isPresent()) {
                drop(pair.get(), Set.of(caller.userId()), caller.displayName() + " left.");
                return Reply.Notice.privately("You left your mock interview. Scores already given are kept.");
            }
            Optional<MockSession> lobby = store.openSessionIn(caller.channelId())
                    .filter(s -> s.status() == MockSession.Status.LOBBY);
            if (lobby.isPresent() && store.removeMember(lobby.get().id(), caller.userId())) {
                refreshLobby(lobby.get().id());
                return Reply.Notice.privately("You left the lobby.");
            }
        }
        return Reply.Notice.privately("You are not in the queue, a lobby or a mock interview.");
    }

    /** Re-arms the timers of every pair a previous run left open. */
    public void recover() {
        recover(guild -> true);
    }

    /**
     * The same for the servers {@code ownsGuild} accepts: with shards, a process carries on only its own
     * servers' pairs, whose buttons reach it; the processes holding the other shards carry on theirs.
     */
    public void recover(java.util.function.Predicate<String> ownsGuild) {
        synchronized (this) {
            for (MockPair pair : store.openPairs()) {
                if (!ownsGuild.test(pair.guildId())) {
                    continue;
                }
                if (pair.threadId().isEmpty()) {
                    // The room was never opened: nobody was told anything, so the pair simply ends.
                    store.savePair(pair.withStatus(MockPair.Status.ENDED));
                    sessionMaybeOver(pair.sessionId());
                    continue;
                }
                pair.deadline().ifPresent(at -> arm(pair, at));
                watchVoice(pair);
                if (pair.status() != MockPair.Status.SCORING) {
                    rooms.ifPresent(r -> r.post(pair.threadId().get(), notice("Prepbot restarted and carries on where"
                            + " you were. Scores already given are kept.")));
                }
            }
        }
    }

    // ---- buttons and forms ---------------------------------------------------------------

    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        List<String> args = action.args();
        if (args.size() < 2) {
            return unknown();
        }
        String verb = args.get(0);
        if (verb.equals("start")) {
            // Not under the lock as a whole: it waits for the rooms to open.
            return begin(args.get(1), caller);
        }
        synchronized (this) {
            return switch (verb) {
                case "join" -> join(args.get(1), caller);
                case "out" -> leaveLobby(args.get(1), caller);
                case "here" -> here(args.get(1), caller);
                default -> roundAction(verb, args, caller);
            };
        }
    }

    private Reply roundAction(String verb, List<String> args, Caller caller) {
        if (args.size() < 3) {
            return unknown();
        }
        Optional<MockPair> found = store.pair(args.get(1));
        OptionalInt round = number(args.get(2));
        if (found.isEmpty() || round.isEmpty() || round.getAsInt() != found.get().round()) {
            return Reply.Notice.privately("That round is over.");
        }
        MockPair pair = found.get();
        if (!pair.interviewer().equals(caller.userId())) {
            return Reply.Notice.privately("Only the interviewer of this round can use that. The candidate gets the"
                    + " question only, and a scorecard at the end.");
        }
        Optional<Question> question = question(pair);
        if (question.isEmpty()) {
            return Reply.Notice.privately("That question is no longer in the bank.");
        }
        return switch (verb) {
            case "card" -> MockCards.interviewer(pair, question.get(), MockCards.followUps(question.get(), random),
                    pair.status() == MockPair.Status.SCORING);
            case "answer" -> MockCards.modelAnswer(question.get());
            case "end" -> {
                if (pair.status() != MockPair.Status.INTERVIEW) {
                    yield Reply.Notice.privately("Time is already up: press Score.");
                }
                timeUp(pair.id(), pair.round());
                yield Reply.Notice.privately("Round ended. Press Score to tick the key points.");
            }
            case "score" -> scoring(pair, question.get());
            case "tick" -> tick(pair, question.get(), args);
            default -> unknown();
        };
    }

    @Override
    public Reply onSubmit(Action action, Map<String, String> fields, Caller caller) {
        List<String> args = action.args();
        if (args.size() != 3 || !args.get(0).equals("overall")) {
            return unknown();
        }
        synchronized (this) {
            Optional<MockPair> pair = store.pair(args.get(1));
            OptionalInt round = number(args.get(2));
            if (pair.isEmpty() || round.isEmpty() || pair.get().round() != round.getAsInt()
                    || pair.get().status() != MockPair.Status.SCORING) {
                return Reply.Notice.privately("That round is over.");
            }
            if (!pair.get().interviewer().equals(caller.userId())) {
                return Reply.Notice.privately("Only the interviewer of this round can score it.");
            }
            String overall = fields.getOrDefault(MockCards.OVERALL, "").strip();
            if (!overall.matches("[1-5]")) {
                return Reply.Notice.privately("The overall score is a number from 1 to 5. Press Score to try again.");
            }
            Optional<MockScore> score = store.score(pair.get().id(), round.getAsInt()).filter(MockScore::ticked);
            if (score.isEmpty()) {
                return Reply.Notice.privately("Tick every key point first: press Score.");
            }
            Optional<String> note = Optional.of(fields.getOrDefault(MockCards.NOTE, "").strip()).filter(n -> !n.isEmpty())
                    .map(n -> n.length() > MockCards.MAX_NOTE ? n.substring(0, MockCards.MAX_NOTE) : n);
            MockScore complete = score.get().withOverall(Integer.parseInt(overall), note, clock.instant());
            store.saveScore(complete);
            scored(pair.get(), complete);
            return Reply.Notice.privately("Scored: the scorecard is in your thread.");
        }
    }

    // ---- the lobby -----------------------------------------------------------------------

    private Reply join(String sessionId, Caller caller) {
        Optional<MockSession> session = store.session(sessionId);
        if (session.isEmpty() || session.get().status() != MockSession.Status.LOBBY) {
            return Reply.Notice.privately("That lobby has closed.");
        }
        if (store.members(sessionId).size() >= MAX_MEMBERS) {
            return Reply.Notice.privately("The lobby is full: " + MAX_MEMBERS + " members at most.");
        }
        if (!store.addMember(sessionId, new MockMember(caller.userId(), caller.displayName()))) {
            return Reply.Notice.privately("You are in already.");
        }
        refreshLobby(sessionId);
        return Reply.Notice.privately("You are in. When the session starts, I add you to a private thread with your partner.");
    }

    private Reply leaveLobby(String sessionId, Caller caller) {
        Optional<MockSession> session = store.session(sessionId);
        if (session.isEmpty() || session.get().status() != MockSession.Status.LOBBY) {
            return Reply.Notice.privately("That lobby has closed.");
        }
        if (!store.removeMember(sessionId, caller.userId())) {
            return Reply.Notice.privately("You were not in the lobby.");
        }
        refreshLobby(sessionId);
        return Reply.Notice.privately("You left the lobby.");
    }

    private Reply begin(String sessionId, Caller caller) {
        MockSession session;
        List<MockPair> pairs;
        synchronized (this) {
            Optional<MockSession> found = store.session(sessionId);
            if (found.isEmpty() || found.get().status() != MockSession.Status.LOBBY) {
                return Reply.Notice.privately("That session has started or ended already.");
            }
            session = found.get();
            if (!session.starterId().equals(caller.userId()) && !caller.canManageServer()) {
                return Reply.Notice.privately("Only the member who opened the lobby, or a member with Manage Server,"
                        + " can start it.");
            }
            List<MockMember> members = store.members(sessionId);
            if (members.size() < MIN_MEMBERS) {
                return Reply.Notice.privately("A session needs at least " + MIN_MEMBERS
                        + " members: wait for someone to join.");
            }
            session = session.withStatus(MockSession.Status.RUNNING);
            store.saveSession(session);
            List<String> ids = new ArrayList<>(members.stream().map(MockMember::userId).toList());
            java.util.Collections.shuffle(ids, java.util.Random.from(random));
            pairs = formPairs(session, ids);
            refreshLobby(sessionId);
        }
        int opened = 0;
        for (MockPair pair : pairs) {
            if (openRoom(session, pair).isPresent()) {
                opened++;
            }
        }
        synchronized (this) {
            refreshLobby(sessionId);
        }
        return Reply.Notice.privately("Started: " + opened + (opened == 1 ? " pair" : " pairs")
                + ", each in a private thread of its own.");
    }

    /** Pairs members in order, the last three forming a trio when their number is odd. */
    private List<MockPair> formPairs(MockSession session, List<String> ids) {
        List<MockPair> pairs = new ArrayList<>();
        int count = ids.size() / 2;
        for (int i = 0; i < count; i++) {
            List<String> group = i == count - 1 ? ids.subList(2 * i, ids.size()) : ids.subList(2 * i, 2 * i + 2);
            MockPair pair = new MockPair(session.id() + "p" + i, session.id(), session.guildId(), group.get(0),
                    group.get(1), group.size() > 2 ? Optional.of(group.get(2)) : Optional.empty(), Optional.empty(),
                    Optional.empty(), MockPair.Status.WAITING, 1, Optional.empty(), Optional.empty(), Optional.empty(),
                    Set.of());
            store.savePair(pair);
            pairs.add(pair);
        }
        return pairs;
    }

    /** Opens the pair's room and welcomes them; a pair whose room cannot open ends. */
    private Optional<MockRooms.Room> openRoom(MockSession session, MockPair pair) {
        Map<String, String> names = names(session.id());
        String title = "Mock: " + MockCards.name(names, pair.firstId()) + " & " + MockCards.name(names, pair.secondId());
        MockRooms.Room room;
        try {
            room = rooms.orElseThrow().open(session.guildId(), session.channelId(), title, pair.members()).join();
        } catch (RuntimeException e) {
            log.warn("cannot open a mock interview room in channel {}: {}", session.channelId(), e.getMessage());
            synchronized (this) {
                store.savePair(pair.withStatus(MockPair.Status.ENDED));
                sessionMaybeOver(session.id());
            }
            return Optional.empty();
        }
        synchronized (this) {
            Instant readyBy = clock.instant().plus(NO_SHOW);
            MockPair opened = store.pair(pair.id()).orElse(pair).withRoom(room.threadId(), room.voiceId())
                    .with(MockPair.Status.WAITING, 1, Optional.empty(), Optional.empty(), Optional.of(readyBy));
            store.savePair(opened);
            rooms.get().post(room.threadId(), MockCards.welcome(opened, session, names, readyBy));
            arm(opened, readyBy);
            watchVoice(opened);
        }
        return Optional.of(room);
    }

    // ---- a pair's rounds -----------------------------------------------------------------

    private Reply here(String pairId, Caller caller) {
        Optional<MockPair> found = store.pair(pairId);
        if (found.isEmpty() || !found.get().open()) {
            return Reply.Notice.privately("This mock interview is over.");
        }
        MockPair pair = found.get();
        if (!pair.members().contains(caller.userId())) {
            return Reply.Notice.privately("This room is for another pair.");
        }
        if (pair.status() != MockPair.Status.WAITING) {
            return Reply.Notice.privately("You are here: the interview has begun.");
        }
        Set<String> here = new HashSet<>(pair.here());
        here.add(caller.userId());
        pair = pair.withHere(here);
        store.savePair(pair);
        if (here.contains(pair.firstId()) && here.contains(pair.secondId())) {
            beginRound(pair, 1);
            return Reply.Notice.privately("Both of you are here: round 1 begins.");
        }
        return Reply.Notice.privately("Noted. Round 1 begins when your partner is here too.");
    }

    private void beginRound(MockPair pair, int round) {
        List<Question> pool = questions(pair.guildId(), session(pair).topic(), session(pair).difficulty());
        List<Question> fresh = pool.stream().filter(q -> pair.questionId().map(id -> !id.equals(q.id())).orElse(true))
                .toList();
        List<Question> from = fresh.isEmpty() ? pool : fresh;
        Question question = from.get(random.nextInt(from.size()));
        Instant endsAt = clock.instant().plus(Duration.ofMinutes(session(pair).minutes()));
        MockPair running = pair.with(MockPair.Status.INTERVIEW, round, Optional.of(question.id()), Optional.empty(),
                Optional.of(endsAt));
        store.savePair(running);
        Map<String, String> names = names(pair.sessionId());
        String thread = running.threadId().orElseThrow();
        rooms.orElseThrow().post(thread, MockCards.round(running, question, names, endsAt, false))
                .thenAccept(messageId -> remember(running.id(), round, messageId))
                .exceptionally(e -> {
                    log.warn("cannot post round {} of pair {}: {}", round, running.id(), e.getMessage());
                    return null;
                });
        arm(running, endsAt);
        refreshLobby(pair.sessionId());
    }

    private synchronized void remember(String pairId, int round, String messageId) {
        store.pair(pairId).filter(p -> p.round() == round)
                .ifPresent(p -> store.savePair(p.with(p.status(), p.round(), p.questionId(), Optional.of(messageId),
                        p.deadline())));
    }

    /** The deadline of the pair's phase: the no-show check while waiting, the end of the round while it runs. */
    private void arm(MockPair pair, Instant at) {
        Scheduler.Task old = timers.remove(pair.id());
        if (old != null) {
            old.cancel();
        }
        int round = pair.round();
        MockPair.Status phase = pair.status();
        timers.put(pair.id(), scheduler.schedule(Duration.between(clock.instant(), at), () -> {
            synchronized (this) {
                if (phase == MockPair.Status.WAITING) {
                    noShows(pair.id());
                } else {
                    timeUp(pair.id(), round);
                }
            }
        }));
    }

    private void disarm(String pairId) {
        Scheduler.Task task = timers.remove(pairId);
        if (task != null) {
            task.cancel();
        }
    }

    /** Looks at the pair's voice room every {@link #VOICE_CHECK} while the pair runs and the room exists. */
    private void watchVoice(MockPair pair) {
        if (pair.voiceId().isEmpty() || voiceWatches.containsKey(pair.id())) {
            return;
        }
        voiceWatches.put(pair.id(), scheduler.schedule(VOICE_CHECK, () -> {
            synchronized (this) {
                voiceWatches.remove(pair.id());
                checkVoice(pair.id());
            }
        }));
    }

    private void checkVoice(String pairId) {
        Optional<MockPair> found = store.pair(pairId);
        if (found.isEmpty() || !found.get().open() || found.get().voiceId().isEmpty()) {
            voiceEmptySince.remove(pairId);
            return;
        }
        MockPair pair = found.get();
        OptionalInt occupants = rooms.orElseThrow().voiceOccupants(pair.voiceId().get());
        Instant now = clock.instant();
        if (occupants.isPresent() && occupants.getAsInt() == 0) {
            Instant since = voiceEmptySince.computeIfAbsent(pairId, id -> now);
            if (!now.isBefore(since.plus(VOICE_EMPTY))) {
                voiceEmptySince.remove(pairId);
                MockPair without = new MockPair(pair.id(), pair.sessionId(), pair.guildId(), pair.firstId(),
                        pair.secondId(), pair.observerId(), pair.threadId(), Optional.empty(), pair.status(),
                        pair.round(), pair.questionId(), pair.roundMessageId(), pair.deadline(), pair.here());
                store.savePair(without);
                rooms.get().close(new MockRooms.Room(pair.threadId().orElseThrow(), pair.voiceId()));
                rooms.get().post(pair.threadId().get(), notice("The voice room stayed empty for two minutes, so I"
                        + " removed it. Carry on here in the thread."));
                return;
            }
        } else {
            voiceEmptySince.remove(pairId);
        }
        watchVoice(pair);
    }

    private void timeUp(String pairId, int round) {
        Optional<MockPair> found = store.pair(pairId);
        if (found.isEmpty() || found.get().status() != MockPair.Status.INTERVIEW || found.get().round() != round) {
            return;
        }
        disarm(pairId);
        MockPair pair = found.get().with(MockPair.Status.SCORING, round, found.get().questionId(),
                found.get().roundMessageId(), Optional.empty());
        store.savePair(pair);
        Optional<Question> asked = question(pair);
        if (asked.isEmpty()) {
            questionGone(pair);
            return;
        }
        Question question = asked.get();
        List<Optional<Tick>> none = java.util.Collections.nCopies(Rubric.of(question).points().size(), Optional.empty());
        if (store.score(pairId, round).isEmpty()) {
            store.saveScore(new MockScore(pairId, round, pair.guildId(), pair.interviewer(), pair.candidate(),
                    question.id(), question.topic(), none, OptionalInt.empty(), Optional.empty(), clock.instant()));
        }
        Map<String, String> names = names(pair.sessionId());
        Reply.Card over = MockCards.round(pair, question, names, clock.instant(), true);
        String thread = pair.threadId().orElseThrow();
        if (pair.roundMessageId().isPresent()) {
            rooms.orElseThrow().edit(thread, pair.roundMessageId().get(), over);
        } else {
            rooms.orElseThrow().post(thread, over);
        }
        refreshLobby(pair.sessionId());
    }

    private Reply scoring(MockPair pair, Question question) {
        if (pair.status() != MockPair.Status.SCORING) {
            return Reply.Notice.privately("Score when the round is over: press End the round first.");
        }
        MockScore score = store.score(pair.id(), pair.round()).orElseThrow();
        OptionalInt next = score.nextToTick();
        if (next.isPresent()) {
            return MockCards.tick("tick", List.of(pair.id(), Integer.toString(pair.round())), Rubric.of(question),
                    next.getAsInt());
        }
        return MockCards.overallForm(MockCards.id("overall", pair.id(), Integer.toString(pair.round())),
                "Overall score, round " + pair.round());
    }

    private Reply tick(MockPair pair, Question question, List<String> args) {
        if (pair.status() != MockPair.Status.SCORING || args.size() != 5) {
            return Reply.Notice.privately("Score when the round is over.");
        }
        OptionalInt index = number(args.get(3));
        Optional<Tick> tick = args.get(4).length() == 1 ? Tick.of(args.get(4).charAt(0)) : Optional.empty();
        MockScore score = store.score(pair.id(), pair.round()).orElseThrow();
        if (index.isEmpty() || tick.isEmpty() || index.getAsInt() >= score.ticks().size()) {
            return unknown();
        }
        store.saveScore(score.withTick(index.getAsInt(), tick.get(), clock.instant()));
        return scoring(pair, question);
    }

    /** A complete score: the scorecard goes to the pair's thread, misses to practice, then the swap or the end. */
    private void scored(MockPair pair, MockScore score) {
        Optional<Question> question = catalog.byId(Optional.of(pair.guildId()), score.questionId());
        if (question.isEmpty()) {
            questionGone(pair);
            return;
        }
        Map<String, String> names = names(pair.sessionId());
        rooms.orElseThrow().post(pair.threadId().orElseThrow(), MockCards.scorecard(score, question.get(), names,
                Visibility.PUBLIC));
        if (score.ticks().stream().anyMatch(t -> t.equals(Optional.of(Tick.MISSED)))) {
            lapses.missed(pair.guildId(), score.candidateId(), score.questionId());
        }
        nextRound(pair, names);
    }

    /**
     * A server's own question can be deleted while a round asks it: the round ends without a scorecard,
     * which would have nothing to list, and the interview goes on.
     */
    private void questionGone(MockPair pair) {
        rooms.orElseThrow().post(pair.threadId().orElseThrow(), notice("The question of round " + pair.round()
                + " was deleted from the server's questions, so this round ends without a scorecard."));
        nextRound(pair, names(pair.sessionId()));
    }

    /** After a round: the swap and a new question, or the end after the last. */
    private void nextRound(MockPair pair, Map<String, String> names) {
        if (pair.round() < MockPair.ROUNDS) {
            rooms.get().post(pair.threadId().get(), notice("Swap: " + MockCards.name(names, pair.candidate())
                    + " now interviews " + MockCards.name(names, pair.interviewer()) + ", with a new question."));
            beginRound(pair, pair.round() + 1);
        } else {
            finish(pair.withStatus(MockPair.Status.DONE), "Both rounds are done. Well played: your scorecards stay in"
                    + " this thread.");
        }
    }

    /** At the no-show deadline: whoever has not pressed I'm here is dropped. */
    private void noShows(String pairId) {
        Optional<MockPair> pair = store.pair(pairId);
        if (pair.isEmpty() || pair.get().status() != MockPair.Status.WAITING) {
            return;
        }
        Set<String> absent = new HashSet<>(pair.get().members());
        absent.removeAll(pair.get().here());
        drop(pair.get(), absent, "Not here in time: ");
        List<String> present = pair.get().members().stream().filter(pair.get().here()::contains).toList();
        if (present.size() == 1 && store.pair(pairId).map(p -> !p.open()).orElse(false)) {
            requeue(pair.get(), present.get(0));
        }
    }

    /**
     * A member whose partner did not turn up waits for a new one at the session's difficulty, and is
     * matched at once with anyone waiting, such as the member left alone by a no-show in another pair.
     * It runs as a task of its own: matching opens a room, which is not waited for under the lock.
     */
    private void requeue(MockPair ended, String userId) {
        MockSession session = session(ended);
        String name = MockCards.name(names(session.id()), userId);
        rooms.orElseThrow().post(ended.threadId().orElseThrow(), notice(name + ", you are back in the queue: I add you"
                + " to a new room as soon as someone is free."));
        Caller member = new Caller(userId, name, Optional.of(session.guildId()), session.channelId(), false);
        scheduler.schedule(Duration.ZERO, () -> queue(member, session.difficulty()));
    }

    /**
     * Drops members from a pair: a trio carries on as a pair (the observer stepping in for a missing
     * member), and a pair left with one member ends.
     */
    private void drop(MockPair pair, Set<String> gone, String why) {
        Map<String, String> names = names(pair.sessionId());
        List<String> staying = new ArrayList<>(List.of(pair.firstId(), pair.secondId()));
        staying.removeAll(gone);
        Optional<String> observer = pair.observerId().filter(o -> !gone.contains(o));
        if (staying.size() < 2 && observer.isPresent()) {
            staying.add(observer.get());
            observer = Optional.empty();
        }
        String who = String.join(", ", gone.stream().filter(pair.members()::contains).map(id -> MockCards.name(names, id))
                .sorted().toList());
        String reason = why.endsWith(": ") ? why + who + "." : why;
        if (staying.size() < 2) {
            endPair(pair, reason + " With nobody to pair with, this interview ends.");
            sessionMaybeOver(pair.sessionId());
            return;
        }
        MockPair reformed = pair.withMembers(staying.get(0), staying.get(1), observer);
        store.savePair(reformed);
        String thread = pair.threadId().orElseThrow();
        rooms.orElseThrow().post(thread, notice(reason + " " + MockCards.name(names, reformed.firstId()) + " and "
                + MockCards.name(names, reformed.secondId()) + " carry on."));
        if (reformed.status() == MockPair.Status.WAITING) {
            if (reformed.here().containsAll(List.of(reformed.firstId(), reformed.secondId()))) {
                beginRound(reformed, 1);
            } else {
                Instant readyBy = clock.instant().plus(NO_SHOW);
                MockPair waiting = reformed.with(MockPair.Status.WAITING, 1, Optional.empty(), Optional.empty(),
                        Optional.of(readyBy));
                store.savePair(waiting);
                arm(waiting, readyBy);
            }
        } else if (!gone.contains(pair.interviewer()) && !gone.contains(pair.candidate())) {
            // Only the observer left: the round goes on untouched.
            return;
        } else {
            // The interviewer or the candidate left mid-round: the round restarts with the pair as it now is.
            disarm(pair.id());
            beginRound(reformed, pair.round());
        }
        refreshLobby(pair.sessionId());
    }

    private void endPair(MockPair pair, String why) {
        finish(pair.withStatus(MockPair.Status.ENDED), why);
    }

    private void finish(MockPair pair, String message) {
        disarm(pair.id());
        Scheduler.Task watch = voiceWatches.remove(pair.id());
        if (watch != null) {
            watch.cancel();
        }
        voiceEmptySince.remove(pair.id());
        MockPair done = pair.with(pair.status(), pair.round(), pair.questionId(), pair.roundMessageId(), Optional.empty());
        store.savePair(done);
        if (done.threadId().isPresent()) {
            rooms.orElseThrow().post(done.threadId().get(), notice(message));
            rooms.get().close(new MockRooms.Room(done.threadId().get(), done.voiceId()))
                    .exceptionally(e -> {
                        log.warn("cannot close the room of pair {}: {}", done.id(), e.getMessage());
                        return null;
                    });
        }
        sessionMaybeOver(done.sessionId());
    }

    private void sessionMaybeOver(String sessionId) {
        Optional<MockSession> session = store.session(sessionId);
        if (session.isPresent() && session.get().status() == MockSession.Status.RUNNING
                && store.pairs(sessionId).stream().noneMatch(MockPair::open)) {
            store.saveSession(session.get().withStatus(MockSession.Status.ENDED));
        }
        refreshLobby(sessionId);
    }

    // ---- helpers -------------------------------------------------------------------------

    private MockSession session(MockPair pair) {
        return store.session(pair.sessionId()).orElseThrow();
    }

    private Map<String, String> names(String sessionId) {
        Map<String, String> names = new HashMap<>();
        store.members(sessionId).forEach(m -> names.put(m.userId(), m.name()));
        return names;
    }

    private Reply.Card lobbyCard(MockSession session) {
        return MockCards.lobby(session, store.members(session.id()), store.pairs(session.id()), names(session.id()));
    }

    private void refreshLobby(String sessionId) {
        Optional<MockSession> session = store.session(sessionId);
        if (session.isEmpty() || session.get().lobbyMessageId().isEmpty() || rooms.isEmpty()) {
            return;
        }
        CompletableFuture<Void> edited = rooms.get().edit(session.get().channelId(), session.get().lobbyMessageId().get(),
                lobbyCard(session.get()));
        edited.exceptionally(e -> {
            log.warn("cannot update the mock lobby {}: {}", sessionId, e.getMessage());
            return null;
        });
    }

    /** The question a pair's round asks, while it is still in the bank the server sees. */
    private Optional<Question> question(MockPair pair) {
        return pair.questionId().flatMap(id -> catalog.byId(Optional.of(pair.guildId()), id));
    }

    /**
     * Questions the server sees, its own included, at the session's topic and difficulty, as
     * {@link Rubric#toAskFrom} picks them: those with points of their own to tick, when any has some.
     */
    List<Question> questions(String guild, Optional<String> topic, Optional<Difficulty> difficulty) {
        return Rubric.toAskFrom(catalog.select(Optional.of(guild), topic, difficulty));
    }

    private static Reply.Card notice(String text) {
        return new Reply.Card(Text.of(text), List.of(), Optional.empty(), List.of(), Optional.empty(), Visibility.PUBLIC);
    }

    private static OptionalInt number(String text) {
        return text.matches("\\d{1,3}") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }

    private static Reply unknown() {
        return Reply.Notice.privately("That button is not one I know. Try the command again.");
    }

    private String newId() {
        return Long.toString(Math.abs(random.nextLong()) % 2_000_000_000_000L, 36);
    }
}
