package dev.prepbot.serverbank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Reply;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.ServerIndex;
import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.Database;
import dev.prepbot.store.RoundRecord;
import dev.prepbot.store.RoundStatus;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.store.SqlServerBankStore;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.Questions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /bank} without a transport: who may do what, the forms, statistics and settings. */
class BankCommandTest {

    private static final String GUILD = "100000000000000001";
    private static final String ROLE = "700000000000000001";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final Bank builtIn = Questions.sample();
    private SearchIndex index;
    private ServerIndex serverIndex;
    private Database db;
    private ServerBanks banks;
    private BankCommand command;

    private final Caller owner = new Caller("u-owner", "Owner", Optional.of(GUILD), "c1", true);
    private final Caller member = new Caller("u-member", "Member", Optional.of(GUILD), "c1", false);
    private final Caller other = new Caller("u-other", "Other", Optional.of(GUILD), "c1", false);
    private final Caller roleHolder = new Caller("u-role", "Role", Optional.of(GUILD), "c1", false, Set.of(ROLE));

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("bank.db").toString(), clock);
        index = SearchIndex.build(builtIn);
        serverIndex = new ServerIndex(Optional::empty);
        banks = new ServerBanks(builtIn, new SqlServerBankStore(db), index, serverIndex, clock);
        command = new BankCommand(banks, clock, new Random(3));
    }

    @AfterEach
    void close() {
        serverIndex.close();
        index.close();
        db.close();
    }

    private Reply run(Caller caller, String sub, Map<String, String> options) {
        return command.handle(new CommandRequest("bank", Optional.of(sub), options, caller));
    }

    private static String text(Reply reply) {
        return switch (reply) {
            case Reply.Notice n -> n.text();
            case Reply.Card c -> c.title().plain() + "\n" + String.join("\n", c.sections().stream()
                    .map(s -> s.heading().plain() + ": " + s.body().plain()).toList());
            default -> reply.toString();
        };
    }

    private static Map<String, String> essentials(String question) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("question", question);
        fields.put("answer", "The short answer.");
        fields.put("explanation", "The longer explanation.");
        fields.put("choice", "The right choice");
        fields.put("distractors", "Wrong one\nWrong two\nWrong three");
        return fields;
    }

    /** Adds a question through the form as the caller and returns its id. */
    private String add(Caller caller, String question) {
        Reply form = run(caller, "add", Map.of("topic", "acme-onsite", "difficulty", "hard"));
        String actionId = ((Reply.Form) form).actionId();
        Reply added = command.onSubmit(Action.parse(actionId).orElseThrow(), essentials(question), caller);
        assertTrue(text(added).startsWith("Question added"), text(added));
        return text(added).lines().filter(l -> l.startsWith("Id: ")).findFirst().orElseThrow().substring(4);
    }

    @Test
    void theAddFormRefusesABadTopicAndNamesEveryBadField() {
        assertTrue(text(run(member, "add", Map.of("topic", "Acme Onsite!", "difficulty", "easy"))).contains("lowercase"));
        Reply.Form form = (Reply.Form) run(member, "add", Map.of("topic", "acme-onsite", "difficulty", "easy"));
        assertEquals(List.of("question", "answer", "explanation", "choice", "distractors"),
                form.fields().stream().map(Reply.Field::id).toList());
        Map<String, String> typed = essentials("q".repeat(300));
        typed.put("distractors", "Only one wrong choice");
        typed.put("answer", "a".repeat(5_000));
        String problems = text(command.onSubmit(Action.parse(form.actionId()).orElseThrow(), typed, member));
        assertTrue(problems.contains("Question: is 300 characters; at most 256 are allowed"), problems);
        assertTrue(problems.contains("Short answer: is 5000 characters; at most 600 are allowed"), problems);
        assertTrue(problems.contains("Wrong choices: give at least 3 wrong choices"), problems);
        assertTrue(banks.store().questions(GUILD, java.util.EnumSet.allOf(Status.class)).isEmpty(), "nothing stored");
    }

    @Test
    void aRoleChosenByManageServerMakesCurators() {
        String id = add(member, "How do we roll back a bad deploy at Acme?");
        assertTrue(text(run(roleHolder, "review", Map.of())).startsWith("Only curators"));
        assertTrue(text(run(member, "curators", Map.of("role", ROLE))).contains("Only members with Manage Server"));
        assertTrue(text(run(owner, "curators", Map.of("role", ROLE))).contains("now curate"));
        Reply review = run(roleHolder, "review", Map.of());
        assertTrue(text(review).contains("How do we roll back a bad deploy at Acme?"), text(review));
        command.onAction(Action.of(BankCommand.APPROVE, id), List.of(), roleHolder);
        assertEquals(Status.LIVE, banks.store().question(GUILD, id).orElseThrow().status());
        run(owner, "curators", Map.of("clear", "true"));
        assertTrue(text(run(roleHolder, "review", Map.of())).startsWith("Only curators"));
    }

    @Test
    void anAuthorChangesOrRemovesTheirQuestionOnlyWhileItWaits() {
        String id = add(member, "What is our on-call rotation at Acme?");
        assertTrue(text(run(other, "edit", Map.of("question", id))).startsWith("No question of this server"));
        Reply.Form edit = (Reply.Form) run(member, "edit", Map.of("question", id));
        assertEquals("What is our on-call rotation at Acme?", edit.fields().get(0).value(), "the form opens prefilled");
        Map<String, String> changed = essentials("What is our weekly on-call rotation at Acme?");
        assertTrue(text(command.onSubmit(Action.parse(edit.actionId()).orElseThrow(), changed, member)).startsWith("Saved"));
        assertEquals("What is our weekly on-call rotation at Acme?",
                banks.store().question(GUILD, id).orElseThrow().question().question());
        Reply.Form details = (Reply.Form) command.onAction(Action.of(BankCommand.MORE, id), List.of(), member);
        Map<String, String> more = Map.of("example", "Week 1: Ada.", "mistakes", "Swapping without telling\nNo handover",
                "story", "", "keypoints", "Weekly\nHandover notes\nSecondary on call");
        command.onSubmit(Action.parse(details.actionId()).orElseThrow(), more, member);
        assertEquals(List.of("Swapping without telling", "No handover"),
                banks.store().question(GUILD, id).orElseThrow().question().mistakes());
        banks.approve(GUILD, id);
        assertTrue(text(run(member, "remove", Map.of("question", id))).startsWith("No question of this server"),
                "a live question is the curators'");
        assertTrue(text(run(owner, "remove", Map.of("question", id))).startsWith("Removed"));
        assertTrue(banks.byId(Optional.of(GUILD), id).isEmpty());
    }

    @Test
    void aRejectionTellsTheAuthorWhy() {
        String id = add(member, "Which queue do we use for payments at Acme?");
        Reply.Form reason = (Reply.Form) command.onAction(Action.of(BankCommand.REJECT, id), List.of(), owner);
        command.onSubmit(Action.parse(reason.actionId()).orElseThrow(), Map.of("reason", "Ask the payments team first."),
                owner);
        assertTrue(text(run(member, "mine", Map.of())).contains("Rejected: Ask the payments team first."));
    }

    @Test
    void statsNameTheHardestQuestionsAndASuspectKey() {
        SqlQuizStore quiz = new SqlQuizStore(db);
        quiz.openRound(new RoundRecord("r1", GUILD, "c1", "u1", Optional.empty(), 2, 20, RoundStatus.RUNNING,
                Optional.empty(), clock.instant()));
        for (int player = 0; player < 5; player++) {
            boolean right = player == 0;
            quiz.recordAnswer(new AnswerRecord("r1", 0, "python-gil", "python", GUILD, "u" + player, "P" + player,
                    right ? 0 : 1, right, right ? 900 : 0, 1000L * (player + 1), clock.instant(),
                    Optional.of(right ? "Right choice for python-gil" : "Wrong one for python-gil")));
            quiz.recordAnswer(new AnswerRecord("r1", 1, "tcp-handshake", "web", GUILD, "u" + player, "P" + player, 0,
                    true, 800, 2000, clock.instant(), Optional.of("Right choice for tcp-handshake")));
        }
        String stats = text(run(member, "stats", Map.of()));
        assertTrue(stats.indexOf("python-gil: 1/5 right (20%), median 3.0 s") < stats.indexOf("tcp-handshake: 5/5"), stats);
        assertTrue(stats.contains("python-gil: \"Wrong one for python-gil\" picked by 4 of 5"), stats);
        assertTrue(stats.contains("median 3.0 s; wrong picks: \"Wrong one for python-gil\" ×4"), stats);
    }

    @Test
    void theSourceIsShownToAllAndChangedByCurators() {
        assertTrue(text(run(member, "source", Map.of())).contains("draws from: both"));
        assertTrue(text(run(member, "source", Map.of("questions", "ours"))).startsWith("Only curators"));
        assertTrue(text(run(owner, "source", Map.of("questions", "ours"))).contains("now draw from: ours"));
        assertEquals(Source.OURS, banks.source(GUILD));
    }

    @Test
    void aForgedFormOrButtonIsRefusedWithASentence() {
        assertInstanceOf(Reply.Notice.class, command.onSubmit(Action.of(BankCommand.ADD, "Not A Slug", "easy"),
                essentials("Q?"), member));
        assertInstanceOf(Reply.Notice.class, command.onAction(Action.of(BankCommand.DRAFT, "nope"), List.of(), member));
        assertTrue(text(command.onAction(Action.of(BankCommand.APPROVE, "x"), List.of(), member)).startsWith("Only curators"));
    }
}
