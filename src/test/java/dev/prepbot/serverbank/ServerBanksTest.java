package dev.prepbot.serverbank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import dev.prepbot.ops.ShardPlan;
import dev.prepbot.search.SearchHit;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.ServerIndex;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.Database;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.store.SqlServerBankStore;
import dev.prepbot.testing.BankFiles;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.TestDatabase;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A server's own questions on SQLite and PostgreSQL: added, reviewed, found, imported, kept apart. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ServerBanksTest {

    private static final String ACME = "100000000000000001";
    private static final String OTHER = "200000000000000002";

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final Bank builtIn = Questions.sample();
    private SearchIndex index;
    private Database db;
    private String location;
    private final List<ServerIndex> serverIndexes = new ArrayList<>();
    private ServerBanks banks;

    @BeforeEach
    void open() {
        location = engine.fresh(dir).location();
        db = Database.open(location, clock);
        index = SearchIndex.build(builtIn);
        banks = newProcess(db);
    }

    private ServerBanks newProcess(Database database) {
        ServerIndex serverIndex = new ServerIndex(Optional::empty);
        serverIndexes.add(serverIndex);
        return new ServerBanks(builtIn, new SqlServerBankStore(database), index, serverIndex, clock);
    }

    @AfterEach
    void close() {
        serverIndexes.forEach(ServerIndex::close);
        index.close();
        db.close();
    }

    private static Question question(String id, String topic, String text, String answer) {
        return new Question(id, topic, Difficulty.MEDIUM, List.of(), text, answer, Optional.of("Because " + answer),
                Optional.empty(), List.of(), Optional.empty(), Optional.of("Right: " + answer),
                List.of("Wrong one", "Wrong two", "Wrong three"), List.of());
    }

    private static final Question SHARDING = question("acme-sharding-orders", "acme-onsite",
            "How did we shard the orders table by merchant?",
            "By hashing the merchant id into 64 logical shards mapped onto physical databases.");

    @Test
    void aCuratorsQuestionIsLiveAndFoundAtOnce() {
        ServerBanks.Added added = banks.add(ACME, "curator-1", true, SHARDING);
        assertInstanceOf(ServerBanks.Added.Stored.class, added);
        List<SearchHit> hits = banks.search().search(Optional.of(ACME), "shard the orders table", Optional.empty(), 5);
        assertEquals(SHARDING.id(), hits.get(0).question().id());
        assertTrue(banks.topics(Optional.of(ACME)).contains("acme-onsite"));
        assertEquals(SHARDING, banks.byId(Optional.of(ACME), SHARDING.id()).orElseThrow());
    }

    @Test
    void aSearchInAServerNotHeldInMemoryReadsOnlyTheQuestionsItFound() {
        banks.add(ACME, "curator-1", true, SHARDING);
        for (int i = 0; i < 8; i++) {
            banks.add(ACME, "curator-1", true, question("acme-filler-" + i, "acme-onsite",
                    "What does service number " + i + " log at startup?", "Its version and its settings, line " + i + "."));
        }
        List<String> calls = new ArrayList<>();
        SqlServerBankStore real = new SqlServerBankStore(db);
        ServerBankStore recorded = (ServerBankStore) java.lang.reflect.Proxy.newProxyInstance(
                ServerBankStore.class.getClassLoader(), new Class<?>[] {ServerBankStore.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ServerIndex serverIndex = new ServerIndex(Optional::empty);
        serverIndexes.add(serverIndex);
        ServerBanks restarted = new ServerBanks(builtIn, recorded, index, serverIndex, clock);
        calls.clear();

        List<SearchHit> hits = restarted.search().search(Optional.of(ACME), "shard the orders table", Optional.empty(), 5);
        assertEquals(SHARDING, hits.get(0).question());
        assertEquals(List.of("live"), calls, "only the questions found are read");

        assertEquals(9, restarted.live(ACME).size(), "a quiz holds the server's questions");
        calls.clear();
        assertEquals(SHARDING, restarted.search().search(Optional.of(ACME), "shard the orders table", Optional.empty(), 5)
                .get(0).question());
        assertEquals(List.of(), calls, "a server held in memory is searched without the database");
    }

    @Test
    void aMembersQuestionWaitsForReviewAndIsFoundOnlyOnceApproved() {
        ServerBanks.Added.Stored stored = (ServerBanks.Added.Stored) banks.add(ACME, "member-1", false, SHARDING);
        assertEquals(Status.PENDING, stored.question().status());
        assertTrue(banks.search().search(Optional.of(ACME), "shard the orders table", Optional.empty(), 5).isEmpty());
        assertTrue(banks.byId(Optional.of(ACME), SHARDING.id()).isEmpty(), "pending questions are not drawn");
        banks.approve(ACME, SHARDING.id()).orElseThrow();
        assertEquals(SHARDING.id(), banks.search().search(Optional.of(ACME), "shard the orders table",
                Optional.empty(), 5).get(0).question().id());
    }

    @Test
    void aRejectedQuestionKeepsTheReasonItsAuthorSees() {
        banks.add(ACME, "member-1", false, SHARDING);
        banks.reject(ACME, SHARDING.id(), "We never sharded by merchant; ask Sam.").orElseThrow();
        ServerQuestion rejected = banks.store().question(ACME, SHARDING.id()).orElseThrow();
        assertEquals(Status.REJECTED, rejected.status());
        assertEquals(Optional.of("We never sharded by merchant; ask Sam."), rejected.reason());
        assertTrue(banks.approve(ACME, SHARDING.id()).isEmpty(), "only a pending question can be approved");
    }

    @Test
    void twoServersNeverSeeEachOthersQuestions() {
        banks.add(ACME, "curator-1", true, SHARDING);
        assertTrue(banks.search().search(Optional.of(OTHER), "shard the orders table", Optional.empty(), 5).stream()
                .noneMatch(h -> h.question().id().equals(SHARDING.id())));
        assertTrue(banks.byId(Optional.of(OTHER), SHARDING.id()).isEmpty());
        assertFalse(banks.topics(Optional.of(OTHER)).contains("acme-onsite"));
        assertTrue(banks.drawable(Optional.of(OTHER)).stream().noneMatch(q -> q.id().equals(SHARDING.id())));
        assertTrue(banks.search().suggest(Optional.of(OTHER), "how did we shard", 25).stream()
                .noneMatch(s -> s.id().equals(SHARDING.id())));
        assertTrue(banks.drawable(Optional.empty()).stream().noneMatch(q -> q.id().equals(SHARDING.id())),
                "direct messages see the built-in bank only");
        assertEquals(Optional.empty(), banks.export(OTHER));
    }

    @Test
    void theSourceChoosesWhichQuestionsAreDrawn() {
        banks.add(ACME, "curator-1", true, SHARDING);
        assertEquals(builtIn.size() + 1, banks.drawable(Optional.of(ACME)).size());
        banks.source(ACME, Source.OURS);
        assertEquals(List.of(SHARDING), banks.drawable(Optional.of(ACME)));
        banks.source(ACME, Source.BUILT_IN);
        assertEquals(builtIn.questions(), banks.drawable(Optional.of(ACME)));
        assertEquals(Source.BOTH, banks.source(OTHER));
    }

    @Test
    void aMemberAddsAtMostTenQuestionsAnHour() {
        for (int i = 0; i < ServerBanks.ADDS_PER_HOUR; i++) {
            assertInstanceOf(ServerBanks.Added.Stored.class, banks.add(ACME, "member-1", false,
                    question("acme-q-" + i, "acme-onsite", "Question number " + i + " about queue " + i + "?", "Answer " + i)));
        }
        ServerBanks.Added refused = banks.add(ACME, "member-1", false,
                question("acme-q-late", "acme-onsite", "One more question about caches?", "Answer"));
        assertTrue(((ServerBanks.Added.Refused) refused).reason().contains("last hour"));
        clock.advance(Duration.ofMinutes(61));
        assertInstanceOf(ServerBanks.Added.Stored.class, banks.add(ACME, "member-1", false,
                question("acme-q-later", "acme-onsite", "One more question about caches?", "Answer")));
    }

    @Test
    void aQuestionSayingTheSameAsABuiltInOneIsFlaggedWithIt() {
        Question copy = question("acme-handshake", "acme-onsite", "What happens during the TCP three-way handshake?",
                "SYN, SYN-ACK, ACK.");
        ServerBanks.Added.Stored stored = (ServerBanks.Added.Stored) banks.add(ACME, "member-1", false, copy);
        assertEquals("tcp-handshake", stored.sameAs().orElseThrow().id());
        assertEquals(Optional.of("tcp-handshake"), banks.store().question(ACME, copy.id()).orElseThrow().duplicateOf());
        ServerBanks.Added.Stored fresh = (ServerBanks.Added.Stored) banks.add(ACME, "member-2", false, SHARDING);
        assertEquals(Optional.empty(), fresh.sameAs());
    }

    @Test
    void anImportAddsEveryQuestionLiveOrNoneWithEveryProblemLocated() {
        List<Map<String, Object>> good = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            good.add(BankFiles.question("acme-import-" + i, "acme-onsite"));
        }
        ServerBanks.Imported done = banks.importFile(ACME, "curator-1", "acme.json", file(good));
        assertEquals(50, ((ServerBanks.Imported.Done) done).added().size());
        assertEquals(50, banks.select(Optional.of(ACME), Optional.of("acme-onsite"), Optional.empty()).size());

        List<Map<String, Object>> broken = new ArrayList<>();
        broken.add(BankFiles.question("acme-more-1", "acme-onsite"));
        broken.add(BankFiles.with(BankFiles.question("acme-more-2", "acme-onsite"), "difficulty", "brutal"));
        broken.add(BankFiles.question("acme-import-3", "acme-onsite"));
        broken.add(BankFiles.question("tcp-handshake", "acme-onsite"));
        ServerBanks.Imported refused = banks.importFile(ACME, "curator-1", "more.json", file(broken));
        List<BankProblem> problems = ((ServerBanks.Imported.Invalid) refused).problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.file().equals("more.json") && p.line() > 0), problems.toString());
        assertTrue(problems.get(2).toString().contains("already used by a built-in question"), problems.toString());
        assertTrue(banks.byId(Optional.of(ACME), "acme-more-1").isEmpty(), "nothing of a refused file is added");
        assertEquals(50, banks.live(ACME).size());
    }

    @Test
    void anImportOverTheLimitsIsRefusedWhole() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= ServerBanks.MAX_IMPORT_QUESTIONS; i++) {
            many.add(BankFiles.question("acme-many-" + i, "acme-onsite"));
        }
        ServerBanks.Imported tooMany = banks.importFile(ACME, "curator-1", "many.json", file(many));
        assertTrue(((ServerBanks.Imported.Refused) tooMany).reason().contains("at most 500"));
        byte[] huge = new byte[ServerBanks.MAX_IMPORT_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertInstanceOf(ServerBanks.Imported.Refused.class, banks.importFile(ACME, "curator-1", "huge.json", huge));
        assertTrue(banks.live(ACME).isEmpty());
    }

    @Test
    void anExportImportsBackUnchangedIntoAnotherServer() {
        List<Map<String, Object>> questions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            questions.add(BankFiles.question("acme-round-trip-" + i, i % 2 == 0 ? "acme-onsite" : "acme-stack"));
        }
        banks.importFile(ACME, "curator-1", "acme.json", file(questions));
        banks.add(ACME, "curator-1", true, SHARDING);
        String exported = banks.export(ACME).orElseThrow();
        ServerBanks.Imported again = banks.importFile(OTHER, "curator-2", "export.json", exported.getBytes(StandardCharsets.UTF_8));
        assertEquals(banks.live(ACME), ((ServerBanks.Imported.Done) again).added());
        assertEquals(exported, banks.export(OTHER).orElseThrow());
    }

    @Test
    void removingAQuestionKeepsTheQuizAnswersThatReferToIt() {
        banks.add(ACME, "curator-1", true, SHARDING);
        SqlQuizStore quiz = new SqlQuizStore(db);
        quiz.openRound(new dev.prepbot.store.RoundRecord("r1", ACME, "c1", "u1", Optional.empty(), 1, 20,
                dev.prepbot.store.RoundStatus.RUNNING, Optional.empty(), clock.instant()));
        quiz.recordAnswer(new AnswerRecord("r1", 0, SHARDING.id(), "acme-onsite", ACME, "u1", "Ada", 1, false, 0, 4000,
                clock.instant(), Optional.of("Wrong one")));
        banks.remove(ACME, SHARDING.id()).orElseThrow();
        assertTrue(banks.search().search(Optional.of(ACME), "shard the orders table", Optional.empty(), 5).stream()
                .noneMatch(h -> h.question().id().equals(SHARDING.id())));
        QuestionStats stats = banks.store().questionStats(ACME).get(0);
        assertEquals(SHARDING.id(), stats.questionId());
        assertEquals(Map.of("Wrong one", 1), stats.wrongPicks());
    }

    @Test
    void anotherProcessOnTheSameDatabaseFindsANewQuestionAfterItsRefresh() {
        Database second = Database.open(location, clock);
        try {
            ServerBanks other = newProcess(second);
            assertTrue(other.live(ACME).isEmpty(), "the other process has read the server's questions");
            banks.add(ACME, "curator-1", true, SHARDING);
            assertTrue(other.search().search(Optional.of(ACME), "shard the orders table", Optional.empty(), 5).isEmpty());
            other.refresh();
            assertEquals(List.of(SHARDING), other.live(ACME));
            assertEquals(SHARDING.id(), other.search().search(Optional.of(ACME), "shard the orders table",
                    Optional.empty(), 5).get(0).question().id());
            banks.remove(ACME, SHARDING.id());
            other.refresh();
            assertTrue(other.byId(Optional.of(ACME), SHARDING.id()).isEmpty());
            ServerBanks restarted = newProcess(second);
            assertTrue(restarted.live(ACME).isEmpty(), "a restart reads the record, the database");
        } finally {
            second.close();
        }
    }

    @Test
    void aRestartIndexesEveryServersQuestionsEachFoundOnlyInItsOwnServer() {
        SqlServerBankStore store = new SqlServerBankStore(db);
        int servers = 40;
        for (int s = 0; s < servers; s++) {
            String guild = Long.toString(300_000_000_000_000_000L + s);
            Question q = question("own-" + s, "acme-onsite", "How does pipeline zeta" + s + " recover from failure?",
                    "It replays the zeta" + s + " journal from the last checkpoint.");
            store.saveAll(guild, List.of(new ServerQuestion(guild, q, Status.LIVE, "curator-1", Optional.empty(),
                    Optional.empty(), clock.instant(), clock.instant())), ServerBanks.MAX_QUESTIONS);
        }
        ServerBanks restarted = newProcess(db);
        for (int s = 0; s < servers; s++) {
            String guild = Long.toString(300_000_000_000_000_000L + s);
            String other = Long.toString(300_000_000_000_000_000L + (s + 1) % servers);
            String query = "pipeline zeta" + s + " recover";
            String id = "own-" + s;
            assertEquals(id, restarted.search().search(Optional.of(guild), query, Optional.empty(), 3)
                    .get(0).question().id());
            assertTrue(restarted.search().search(Optional.of(other), query, Optional.empty(), 3).stream()
                    .noneMatch(h -> h.question().id().equals(id)));
        }
    }

    private static Question explained(String id, String text, String answer, String explanation) {
        return new Question(id, "acme-stack", Difficulty.MEDIUM, List.of(), text, answer, Optional.of(explanation),
                Optional.empty(), List.of(), Optional.empty(), Optional.of("Right: " + answer),
                List.of("Wrong one", "Wrong two", "Wrong three"), List.of());
    }

    private List<String> found(ServerBanks in, String query) {
        return in.search().search(Optional.of(ACME), query, Optional.empty(), 5).stream()
                .map(hit -> hit.question().id()).toList();
    }

    @Test
    void aFirstStartOfManyQuestionsSearchesTheirShortTextThenAllTheirTextKeepingChangesMadeMeanwhile() {
        Question deploys = explained("acme-deploys", "How do we roll back a bad deploy?", "Argo rollbacks.",
                "Every release keeps its manifest, so a rollback is a cutover to the last good one.");
        Question queues = explained("acme-queues", "Which queue carries our payment events?", "The payments topic.",
                "Consumers commit offsets only after the ledger write, so a replay never double-charges.");
        banks.add(ACME, "curator-1", true, deploys);
        banks.add(ACME, "curator-1", true, queues);
        Question rewritten = explained(queues.id(), queues.question(), queues.answer(),
                "Each event carries an idempotency key, so a replay is harmless.");
        // Another member edits the payments question just after the indexing of all text reads it, before it is written.
        boolean[] edited = {false};
        ServerBanks[] process = new ServerBanks[1];
        SqlServerBankStore real = new SqlServerBankStore(db);
        ServerBankStore editingMeanwhile = (ServerBankStore) java.lang.reflect.Proxy.newProxyInstance(
                ServerBankStore.class.getClassLoader(), new Class<?>[] {ServerBankStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("questions") && process[0] != null && !edited[0]) {
                        edited[0] = true;
                        process[0].edit(ACME, rewritten);
                    }
                    return result;
                });
        Path folder = dir.resolve("servers-index");
        ServerIndex kept = ServerIndex.open(Optional.of(folder), Optional::empty);
        List<Runnable> background = new ArrayList<>();
        process[0] = new ServerBanks(builtIn, editingMeanwhile, index, kept, clock, background::add, 1);

        assertEquals(List.of(deploys.id()), found(process[0], "roll back a bad deploy"), "the short text is searched at once");
        assertFalse(found(process[0], "cutover manifest").contains(deploys.id()), "the explanation is not yet");
        assertEquals(1, background.size());
        background.get(0).run();
        assertTrue(edited[0]);
        assertTrue(kept.awaitMerged(Duration.ZERO));
        assertTrue(found(process[0], "cutover manifest").contains(deploys.id()), "then all of the text is searched");
        assertTrue(found(process[0], "idempotency key").contains(queues.id()), "the edit made meanwhile is kept");
        assertFalse(found(process[0], "ledger offsets").contains(queues.id()), "and not overwritten by the text before it");
        process[0].refresh();
        kept.close();

        ServerIndex reopened = ServerIndex.open(Optional.of(folder), Optional::empty);
        serverIndexes.add(reopened);
        assertTrue(reopened.committedVersion().isPresent(), "all of the text was kept for the next start");
    }

    @Test
    void anIndexWhoseTextCouldNotAllBeIndexedIsBuiltAgainAtTheNextStart() {
        banks.add(ACME, "curator-1", true, SHARDING);
        boolean[] failing = {false};
        SqlServerBankStore real = new SqlServerBankStore(db);
        ServerBankStore unreachable = (ServerBankStore) java.lang.reflect.Proxy.newProxyInstance(
                ServerBankStore.class.getClassLoader(), new Class<?>[] {ServerBankStore.class}, (proxy, method, args) -> {
                    if (failing[0] && method.getName().equals("questions")) {
                        throw new IllegalStateException("the database is unreachable");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Path folder = dir.resolve("servers-index");
        ServerIndex kept = ServerIndex.open(Optional.of(folder), Optional::empty);
        List<Runnable> background = new ArrayList<>();
        ServerBanks first = new ServerBanks(builtIn, unreachable, index, kept, clock, background::add, 1);
        failing[0] = true;
        background.get(0).run();
        assertTrue(kept.awaitMerged(Duration.ZERO), "the failed pass is over");
        assertEquals(List.of(SHARDING.id()), found(first, "shard the orders table"), "the short text still serves");
        first.refresh();
        kept.close();

        ServerIndex reopened = ServerIndex.open(Optional.of(folder), Optional::empty);
        serverIndexes.add(reopened);
        assertTrue(reopened.committedVersion().isEmpty(), "an index holding short text is not read as kept");
        ServerBanks later = new ServerBanks(builtIn, new SqlServerBankStore(db), index, reopened, clock);
        assertEquals(List.of(SHARDING.id()), found(later, "shard the orders table"));
    }

    @Test
    void aKeptIndexCatchesUpOnWhatChangedWhileItsProcessWasAway() {
        Path folder = dir.resolve("servers-index");
        ServerIndex kept = ServerIndex.open(Optional.of(folder), Optional::empty);
        ServerBanks first = new ServerBanks(builtIn, new SqlServerBankStore(db), index, kept, clock);
        first.add(ACME, "curator-1", true, SHARDING);
        first.refresh();
        kept.close();

        Question deploys = question("acme-deploys", "acme-stack", "How do we roll back a bad deploy?", "Argo rollbacks.");
        banks.add(ACME, "curator-1", true, deploys);
        banks.remove(ACME, SHARDING.id());

        ServerIndex reopened = ServerIndex.open(Optional.of(folder), Optional::empty);
        serverIndexes.add(reopened);
        assertTrue(reopened.committedVersion().isPresent(), "the index was kept");
        ServerBanks later = new ServerBanks(builtIn, new SqlServerBankStore(db), index, reopened, clock);
        assertEquals(deploys.id(), later.search().search(Optional.of(ACME), "roll back a bad deploy", Optional.empty(), 5)
                .get(0).question().id());
        assertTrue(later.search().search(Optional.of(ACME), "shard the orders table", Optional.empty(), 5).stream()
                .noneMatch(h -> h.question().id().equals(SHARDING.id())), "what was removed meanwhile is gone");
        assertEquals(1, reopened.size());
    }

    @Test
    void aProcessHoldingSomeShardsIndexesOnlyTheirServersQuestionsAndKeepsThemApartFromOtherShards() {
        String even = Long.toString(1_000L << 22);
        String odd = Long.toString(1_001L << 22);
        ShardPlan zero = new ShardPlan(2, List.of(0));
        ShardPlan one = new ShardPlan(2, List.of(1));
        assertTrue(zero.owns(even) && one.owns(odd), "one server on each shard");
        banks.add(even, "curator-1", true, question("even-journal", "acme-stack",
                "How does pipeline zeta recover from failure?", "It replays the zeta journal."));
        banks.add(odd, "curator-1", true, question("odd-journal", "acme-stack",
                "How does pipeline zeta recover from failure?", "It replays the zeta journal."));
        Path folder = dir.resolve("servers-index");
        ServerIndex kept = ServerIndex.open(Optional.of(folder), new ServerIndex.Scope("shards [0] of 2", zero::owns),
                Optional::empty, Runnable::run);
        ServerBanks shardZero = new ServerBanks(builtIn, new SqlServerBankStore(db), index, kept, clock, Runnable::run);
        assertEquals(1, kept.size(), "only the question of the server on its shard");
        assertEquals("even-journal", shardZero.search().search(Optional.of(even), "pipeline zeta recover",
                Optional.empty(), 3).get(0).question().id());

        // Another process adds to both servers: this one indexes what changed on its shard only.
        banks.add(even, "curator-1", true, question("even-deploys", "acme-stack", "How do we roll back a deploy?", "Argo."));
        banks.add(odd, "curator-1", true, question("odd-deploys", "acme-stack", "How do we roll back a deploy?", "Argo."));
        shardZero.refresh();
        assertEquals(2, kept.size());
        assertEquals(java.util.Set.of("odd-journal", "odd-deploys"),
                shardZero.live(odd).stream().map(Question::id).collect(java.util.stream.Collectors.toSet()),
                "a server on another shard is still read from the record when asked");
        kept.close();

        ServerIndex reopened = ServerIndex.open(Optional.of(folder), new ServerIndex.Scope("shards [1] of 2", one::owns),
                Optional::empty, Runnable::run);
        serverIndexes.add(reopened);
        assertTrue(reopened.committedVersion().isEmpty(), "the other shard's index is not the one kept for shard 0");
        ServerBanks shardOne = new ServerBanks(builtIn, new SqlServerBankStore(db), index, reopened, clock, Runnable::run);
        assertEquals(2, reopened.size());
        assertEquals("odd-deploys", shardOne.search().search(Optional.of(odd), "roll back a deploy",
                Optional.empty(), 3).get(0).question().id());
        assertTrue(shardOne.search().search(Optional.of(even), "roll back a deploy", Optional.empty(), 3).stream()
                .noneMatch(h -> h.question().id().startsWith("even-")), "no other shard's server is indexed here");

        // Shard 0 again on the same cache folder, after shard 1 and the command line (every server) took turns.
        ServerIndex everyServer = ServerIndex.open(Optional.of(folder), Optional::empty);
        new ServerBanks(builtIn, new SqlServerBankStore(db), index, everyServer, clock, Runnable::run);
        assertEquals(4, everyServer.size());
        everyServer.close();
        ServerIndex zeroAgain = ServerIndex.open(Optional.of(folder), new ServerIndex.Scope("shards [0] of 2", zero::owns),
                Optional::empty, Runnable::run);
        serverIndexes.add(zeroAgain);
        assertTrue(zeroAgain.committedVersion().isPresent(), "shard 0's index was kept while the others were built");
        ServerBanks shardZeroAgain = new ServerBanks(builtIn, new SqlServerBankStore(db), index, zeroAgain, clock,
                Runnable::run);
        assertEquals(2, zeroAgain.size());
        assertEquals("even-deploys", shardZeroAgain.search().search(Optional.of(even), "roll back a deploy",
                Optional.empty(), 3).get(0).question().id());
    }

    @Test
    void reportsAreListedPerServerAndForEveryServerUntilResolved() {
        ServerBankStore store = banks.store();
        store.report(new Report("r1", ACME, "tcp-handshake", true, "u1", ReportReason.WRONG, Optional.of("SYN twice?"),
                clock.instant(), Optional.empty()));
        store.report(new Report("r2", OTHER, "python-gil", true, "u2", ReportReason.OUTDATED, Optional.empty(),
                clock.instant(), Optional.empty()));
        assertTrue(store.hasOpenReport(ACME, "tcp-handshake", "u1"));
        assertEquals(List.of("r1"), store.openReports(Optional.of(ACME)).stream().map(Report::id).toList());
        assertEquals(2, store.openReports(Optional.empty()).size());
        assertEquals(1, store.resolveReports(ACME, "tcp-handshake", "curator-1", clock.instant()));
        assertTrue(store.openReports(Optional.of(ACME)).isEmpty());
        assertFalse(store.hasOpenReport(ACME, "tcp-handshake", "u1"));
    }

    @Test
    void aDraftKeepsWhatWasTypedUntilDeleted() {
        ServerBankStore store = banks.store();
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("question", "Why @everyone <@123> ** ( \" * AND ~");
        typed.put("answer", "x".repeat(5_000));
        store.saveDraft(new Draft("d1", ACME, "u1", "bank-add", "acme-onsite:medium", typed, clock.instant()));
        assertEquals(typed, store.draft("d1").orElseThrow().fields());
        store.deleteDraft("d1");
        assertTrue(store.draft("d1").isEmpty());
    }

    @Test
    void theStoreListsQuestionsByStatus() {
        banks.add(ACME, "member-1", false, SHARDING);
        banks.add(ACME, "curator-1", true, question("acme-live", "acme-stack", "What runs our deploys?", "Argo."));
        assertEquals(List.of(SHARDING.id()), banks.store().questions(ACME, EnumSet.of(Status.PENDING)).stream()
                .map(ServerQuestion::id).toList());
        assertEquals(2, banks.store().count(ACME));
        assertEquals(1, banks.store().allLive().size());
    }

    private static byte[] file(List<Map<String, Object>> questions) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("questions", questions);
        return BankFiles.toJson(root).getBytes(StandardCharsets.UTF_8);
    }
}
