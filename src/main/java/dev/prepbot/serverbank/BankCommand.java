package dev.prepbot.serverbank;

import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.ActionHandler;
import dev.prepbot.commands.Attachment;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * {@code /bank}: a server's own questions. Members add questions with a form; curators (Manage Server,
 * or the role set with {@code /bank curators}) review them, import and export bank files, edit and
 * remove questions, read reports and per-question statistics, and choose which questions are drawn.
 * Its buttons and forms come back here too.
 */
public final class BankCommand implements Command, ActionHandler {

    static final String ADD = "bank-add";
    static final String MORE = "bank-more";
    static final String EDIT = "bank-edit";
    static final String DRAFT = "bank-draft";
    static final String APPROVE = "bank-approve";
    static final String REJECT = "bank-reject";
    static final String NEXT = "bank-next";
    static final String RESOLVE = "bank-resolve";
    static final String REASON = "reason";

    /** Shown in lists: enough to find the questions that matter, few enough to read. */
    private static final int LISTED = 10;
    /** Answers a question needs before its accuracy says anything. */
    static final int MIN_ANSWERS_FOR_STATS = 3;

    private final ServerBanks banks;
    private final ServerBankStore store;
    private final QuestionForms forms = new QuestionForms();
    private final Clock clock;
    private final RandomGenerator random;

    public BankCommand(ServerBanks banks, Clock clock, RandomGenerator random) {
        this.banks = banks;
        this.store = banks.store();
        this.clock = clock;
        this.random = random;
    }

    @Override
    public CommandSpec spec() {
        OptionSpec question = OptionSpec.text("question", "One of this server's questions", true).withAutocomplete();
        List<CommandSpec> subcommands = List.of(
                sub("add", "Add a question to this server's bank (opens a form)",
                        OptionSpec.text("topic", "A topic slug, such as acme-onsite", true).withAutocomplete(),
                        OptionSpec.choice("difficulty", "How hard it is",
                                Arrays.stream(Difficulty.values()).map(Difficulty::slug).toList()).asRequired()),
                sub("review", "Curators: the next question waiting for review"),
                sub("import", "Curators: add the questions of a bank file (all or none)",
                        OptionSpec.attachment("file", "A bank file (JSON, at most 1 MB and 500 questions)", true)),
                sub("export", "Curators: this server's questions as a bank file"),
                sub("edit", "Change a question (curators, or the author while it waits)", question),
                sub("remove", "Remove a question (curators, or the author while it waits)", question),
                sub("reports", "Curators: open reports on questions"),
                sub("stats", "The hardest questions here, and those whose key looks wrong"),
                sub("mine", "The questions you added, and what became of them"),
                sub("source", "Curators: which questions are drawn here",
                        OptionSpec.choice("questions", "Built-in, ours, or both (the default)",
                                Arrays.stream(Source.values()).map(Source::slug).toList())),
                sub("curators", "Manage Server: the role whose members curate the bank",
                        OptionSpec.role("role", "Members with this role become curators", false),
                        OptionSpec.flag("clear", "Only Manage Server curates again")));
        return new CommandSpec("bank", "This server's own questions", List.of(), subcommands, true);
    }

    private static CommandSpec sub(String name, String description, OptionSpec... options) {
        return new CommandSpec(name, description, List.of(options), List.of(), true);
    }

    @Override
    public boolean repliesPrivately(CommandRequest request) {
        return true;
    }

    @Override
    public Reply handle(CommandRequest request) {
        Caller caller = request.caller();
        String guild = caller.guildId().orElseThrow();
        return switch (request.subcommand().orElse("")) {
            case "add" -> add(request, guild);
            case "review" -> curator(caller, guild) ? review(guild) : notCurator();
            case "import" -> curator(caller, guild) ? importFile(request, guild) : notCurator();
            case "export" -> curator(caller, guild) ? export(guild) : notCurator();
            case "edit" -> editForm(caller, guild, request.text("question").orElse(""));
            case "remove" -> remove(caller, guild, request.text("question").orElse(""));
            case "reports" -> curator(caller, guild) ? reports(guild) : notCurator();
            case "stats" -> stats(guild);
            case "mine" -> mine(caller, guild);
            case "source" -> source(request, guild);
            case "curators" -> curators(request, guild);
            default -> Reply.Notice.privately("Try /bank add, review, import, export, edit, remove, reports, stats,"
                    + " mine, source or curators.");
        };
    }

    /** Curators: Manage Server, or the role the server chose. */
    boolean curator(Caller caller, String guild) {
        return caller.canManageServer() || store.curatorRole(guild).filter(caller.roleIds()::contains).isPresent();
    }

    private static Reply notCurator() {
        return Reply.Notice.privately("Only curators can do that: members with Manage Server, or the role set with"
                + " /bank curators.");
    }

    // --- add ---

    private Reply add(CommandRequest request, String guild) {
        String topic = request.text("topic").orElse("").toLowerCase(Locale.ROOT);
        if (!BankLoader.SLUG.matcher(topic).matches()) {
            return Reply.Notice.privately("A topic is 2-64 lowercase letters, digits and dashes, starting with a letter"
                    + " or digit, such as acme-onsite.");
        }
        Optional<Difficulty> difficulty = request.text("difficulty").flatMap(Difficulty::fromSlug);
        if (difficulty.isEmpty()) {
            return Reply.Notice.privately("Difficulty must be easy, medium or hard.");
        }
        return forms.essentials(Action.of(ADD, topic, difficulty.get().slug()).id(), "New " + topic + " question",
                Map.of());
    }

    @Override
    public List<String> actions() {
        return List.of(ADD, MORE, EDIT, DRAFT, APPROVE, REJECT, NEXT, RESOLVE);
    }

    @Override
    public Reply onSubmit(Action action, Map<String, String> fields, Caller caller) {
        if (caller.guildId().isEmpty()) {
            return Reply.Notice.privately("A server's questions are changed in that server.");
        }
        String guild = caller.guildId().get();
        List<String> args = action.args();
        return switch (action.name()) {
            case ADD -> args.size() >= 2 ? submitNew(guild, caller, args, fields) : unknownForm();
            case EDIT, MORE -> args.isEmpty() ? unknownForm() : submitChange(action.name(), guild, caller, args, fields);
            case REJECT -> args.size() == 1 ? submitReject(guild, caller, args.get(0), fields) : unknownForm();
            default -> unknownForm();
        };
    }

    private static Reply unknownForm() {
        return Reply.Notice.privately("That form is not one I know. Try the command again.");
    }

    private Reply submitNew(String guild, Caller caller, List<String> args, Map<String, String> fields) {
        String topic = args.get(0);
        Optional<Difficulty> difficulty = Difficulty.fromSlug(args.get(1));
        if (difficulty.isEmpty() || !BankLoader.SLUG.matcher(topic).matches()) {
            return unknownForm();
        }
        String id = QuestionForms.newId(topic, fields.getOrDefault(QuestionForms.QUESTION, ""), random);
        QuestionForms.Checked checked = forms.check(id, topic, difficulty.get(), fields, Map.of());
        if (checked instanceof QuestionForms.Checked.Invalid invalid) {
            return refused(guild, caller, ADD, topic + ":" + difficulty.get().slug(), fields, invalid.problems());
        }
        Question question = ((QuestionForms.Checked.Valid) checked).question();
        return switch (banks.add(guild, caller.userId(), curator(caller, guild), question)) {
            case ServerBanks.Added.Refused refused -> refused(guild, caller, ADD, topic + ":" + difficulty.get().slug(),
                    fields, List.of(refused.reason()));
            case ServerBanks.Added.Stored stored -> {
                draftOf(args, 2).ifPresent(store::deleteDraft);
                yield added(stored);
            }
        };
    }

    private Reply added(ServerBanks.Added.Stored stored) {
        ServerQuestion q = stored.question();
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Question", q.question().question()));
        sections.add(Reply.Section.of("Id", q.id()));
        stored.sameAs().ifPresent(same -> sections.add(Reply.Section.of("Looks like an existing question",
                same.question() + " (" + same.id() + "). A curator will decide.")));
        String state = q.status() == Status.LIVE
                ? "It is live: /search, /answer, /question and quizzes in this server find it now."
                : "It waits for a curator's review; only you and the curators can see it until then.";
        sections.add(Reply.Section.of("Status", state));
        return new Reply.Card(Text.of("Question added"), sections,
                Optional.of(Text.of("Add an example, common mistakes, a production story or key points below.")),
                List.of(Reply.Button.of("Add details", Action.of(MORE, q.id()).id())), Optional.empty(),
                Visibility.PRIVATE);
    }

    /**
     * A form that could not be accepted: its problems, and a button that opens it again with everything
     * typed still there (kept in the database, so not even a restart loses it).
     */
    private Reply refused(String guild, Caller caller, String kind, String context, Map<String, String> fields,
                          List<String> problems) {
        String id = Long.toString(Math.abs(random.nextLong()), 36);
        Map<String, String> kept = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (QuestionForms.ESSENTIALS.contains(k) || QuestionForms.DETAILS.contains(k)) {
                kept.put(k, v);
            }
        });
        store.saveDraft(new Draft(id, guild, caller.userId(), kind, context, kept, clock.instant()));
        String list = problems.stream().limit(LISTED).map(p -> "• " + p).collect(Collectors.joining("\n"))
                + (problems.size() > LISTED ? "\n… and " + (problems.size() - LISTED) + " more" : "");
        return new Reply.Card(Text.of("Not saved yet: please fix this"), List.of(Reply.Section.of("Problems", list)),
                Optional.of(Text.of("Everything you typed is kept.")),
                List.of(new Reply.Button("Fix and send again", Action.of(DRAFT, id).id(), Reply.ButtonStyle.PRIMARY, false)),
                Optional.empty(), Visibility.PRIVATE);
    }

    private static Optional<String> draftOf(List<String> args, int at) {
        return args.size() > at ? Optional.of(args.get(at)) : Optional.empty();
    }

    // --- edit and details ---

    /** Curators change any live or pending question; an author changes their own while it waits. */
    private Optional<ServerQuestion> editable(Caller caller, String guild, String id) {
        return store.question(guild, id)
                .filter(q -> q.status() == Status.LIVE || q.status() == Status.PENDING)
                .filter(q -> curator(caller, guild) || (q.status() == Status.PENDING && q.authorId().equals(caller.userId())));
    }

    private Reply editForm(Caller caller, String guild, String id) {
        Optional<ServerQuestion> q = editable(caller, guild, id);
        if (q.isEmpty()) {
            return Reply.Notice.privately("No question of this server that you may change has that id. Curators change"
                    + " any; authors change theirs while they wait for review.");
        }
        return forms.essentials(Action.of(EDIT, id).id(), "Edit question", QuestionForms.values(q.get().question()));
    }

    private Reply submitChange(String kind, String guild, Caller caller, List<String> args, Map<String, String> fields) {
        String id = args.get(0);
        Optional<ServerQuestion> current = editable(caller, guild, id);
        if (current.isEmpty()) {
            return Reply.Notice.privately("That question is gone, or no longer yours to change.");
        }
        Question q = current.get().question();
        QuestionForms.Checked checked = forms.check(id, q.topic(), q.difficulty(), fields, QuestionForms.values(q));
        if (checked instanceof QuestionForms.Checked.Invalid invalid) {
            return refused(guild, caller, kind, id, fields, invalid.problems());
        }
        Question edited = ((QuestionForms.Checked.Valid) checked).question();
        if (banks.edit(guild, edited).isEmpty()) {
            return Reply.Notice.privately("That question is gone, or no longer yours to change.");
        }
        draftOf(args, 1).ifPresent(store::deleteDraft);
        return Reply.Notice.privately("Saved: " + edited.question());
    }

    // --- buttons ---

    @Override
    public Reply onAction(Action action, List<String> values, Caller caller) {
        if (caller.guildId().isEmpty() || action.args().isEmpty() && !action.name().equals(NEXT)
                && !action.name().equals(RESOLVE)) {
            return Reply.Notice.privately("That button is not one I know.");
        }
        String guild = caller.guildId().get();
        String arg = action.args().isEmpty() ? "" : action.args().get(0);
        return switch (action.name()) {
            case MORE -> editable(caller, guild, arg)
                    .<Reply>map(q -> forms.details(Action.of(MORE, arg).id(), QuestionForms.values(q.question())))
                    .orElseGet(() -> Reply.Notice.privately("That question is gone, or no longer yours to change."));
            case EDIT -> editForm(caller, guild, arg);
            case DRAFT -> reopen(caller, guild, arg);
            case APPROVE -> curator(caller, guild) ? approve(guild, arg) : notCurator();
            case REJECT -> curator(caller, guild)
                    ? new Reply.Form(Action.of(REJECT, arg).id(), "Reject the question", List.of(new Reply.Field(REASON,
                    "Why (the author sees this)", true, 1, 500, true, "", "What would make it acceptable")))
                    : notCurator();
            case NEXT -> curator(caller, guild) ? review(guild) : notCurator();
            case RESOLVE -> curator(caller, guild) ? resolve(guild, caller, values) : notCurator();
            default -> Reply.Notice.privately("That button is not one I know.");
        };
    }

    private Reply reopen(Caller caller, String guild, String draftId) {
        Optional<Draft> draft = store.draft(draftId).filter(d -> d.userId().equals(caller.userId()) && d.guildId().equals(guild));
        if (draft.isEmpty()) {
            return Reply.Notice.privately("That form was already sent or is not yours. Start again with /bank add.");
        }
        Draft d = draft.get();
        String actionId = d.kind() + ":" + d.context() + ":" + d.id();
        return switch (d.kind()) {
            case ADD -> forms.essentials(actionId, "New question", d.fields());
            case EDIT -> forms.essentials(actionId, "Edit question", d.fields());
            case MORE -> forms.details(actionId, d.fields());
            default -> Reply.Notice.privately("That form is not one I know. Start again with /bank add.");
        };
    }

    // --- review ---

    private Reply review(String guild) {
        Optional<ServerQuestion> next = store.nextPending(guild);
        if (next.isEmpty()) {
            return Reply.Notice.privately("Nothing waits for review.");
        }
        int waiting = store.questions(guild, EnumSet.of(Status.PENDING)).size();
        Question q = next.get().question();
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Question (" + q.topic() + ", " + q.difficulty().slug() + ")", q.question()));
        sections.add(Reply.Section.of("Short answer", q.answer()));
        q.explanation().ifPresent(e -> sections.add(Reply.Section.of("Explanation", e)));
        q.choice().ifPresent(c -> sections.add(Reply.Section.of("Right choice", c)));
        if (!q.distractors().isEmpty()) {
            sections.add(Reply.Section.of("Wrong choices", "• " + String.join("\n• ", q.distractors())));
        }
        next.get().duplicateOf().flatMap(id -> banks.byId(Optional.of(guild), id)).ifPresent(same ->
                sections.add(Reply.Section.of("Looks like an existing question", same.question() + " (" + same.id() + ")")));
        return new Reply.Card(Text.of("Waiting for review: 1 of " + waiting), sections, Optional.of(Text.of("Id: " + q.id())),
                List.of(new Reply.Button("Approve", Action.of(APPROVE, q.id()).id(), Reply.ButtonStyle.SUCCESS, false),
                        Reply.Button.of("Edit", Action.of(EDIT, q.id()).id()),
                        new Reply.Button("Reject", Action.of(REJECT, q.id()).id(), Reply.ButtonStyle.DANGER, false)),
                Optional.empty(), Visibility.PRIVATE);
    }

    private Reply approve(String guild, String id) {
        Optional<ServerQuestion> approved = banks.approve(guild, id);
        if (approved.isEmpty()) {
            return Reply.Notice.privately("That question no longer waits for review.");
        }
        return afterReview(guild, "Approved: " + approved.get().question().question() + " It is live now.");
    }

    private Reply submitReject(String guild, Caller caller, String id, Map<String, String> fields) {
        if (!curator(caller, guild)) {
            return notCurator();
        }
        String reason = fields.getOrDefault(REASON, "").strip();
        if (reason.isEmpty() || reason.length() > 500) {
            return Reply.Notice.privately("Give a reason of 1-500 characters; the author sees it.");
        }
        Optional<ServerQuestion> rejected = banks.reject(guild, id, reason);
        if (rejected.isEmpty()) {
            return Reply.Notice.privately("That question no longer waits for review.");
        }
        return afterReview(guild, "Rejected: " + rejected.get().question().question());
    }

    private Reply afterReview(String guild, String done) {
        boolean more = store.nextPending(guild).isPresent();
        return new Reply.Card(Text.of(done), List.of(), Optional.empty(),
                more ? List.of(Reply.Button.of("Next", Action.of(NEXT).id())) : List.of(), Optional.empty(),
                Visibility.PRIVATE);
    }

    // --- remove ---

    private Reply remove(Caller caller, String guild, String id) {
        if (editable(caller, guild, id).isEmpty()) {
            return Reply.Notice.privately("No question of this server that you may remove has that id. Curators remove"
                    + " any; authors remove theirs while they wait for review.");
        }
        return banks.remove(guild, id)
                .<Reply>map(q -> Reply.Notice.privately("Removed: " + q.question().question()
                        + " Quiz results that included it are kept."))
                .orElseGet(() -> Reply.Notice.privately("That question is already gone."));
    }

    // --- import and export ---

    private Reply importFile(CommandRequest request, String guild) {
        Optional<Attachment> file = request.attachment("file");
        if (file.isEmpty()) {
            return Reply.Notice.privately("Attach a bank file (JSON) to /bank import.");
        }
        // The declared size: a file too large to download arrives without its content.
        Optional<String> tooLarge = ServerBanks.sizeProblem(file.get().size());
        if (tooLarge.isPresent()) {
            return Reply.Notice.privately(tooLarge.get());
        }
        return switch (banks.importFile(guild, request.caller().userId(), file.get().fileName(), file.get().content())) {
            case ServerBanks.Imported.Refused refused -> Reply.Notice.privately(refused.reason());
            case ServerBanks.Imported.Invalid invalid -> Reply.Notice.privately(problems(invalid.problems()));
            case ServerBanks.Imported.Done done -> imported(done);
        };
    }

    /** The first ten problems, one per line, and how many more: the file is refused as a whole. */
    public static String problems(List<BankProblem> problems) {
        StringBuilder out = new StringBuilder("Nothing was imported: the file has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ".\n");
        problems.stream().limit(LISTED).forEach(p -> out.append(p).append('\n'));
        if (problems.size() > LISTED) {
            out.append("… and ").append(problems.size() - LISTED).append(" more.");
        }
        return out.toString().strip();
    }

    private Reply imported(ServerBanks.Imported.Done done) {
        List<Reply.Section> sections = new ArrayList<>();
        Map<String, Long> topics = done.added().stream()
                .collect(Collectors.groupingBy(Question::topic, java.util.TreeMap::new, Collectors.counting()));
        sections.add(Reply.Section.of("Topics", topics.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "))));
        if (!done.sameAs().isEmpty()) {
            sections.add(Reply.Section.of("Look like existing questions (remove with /bank remove if so)",
                    done.sameAs().entrySet().stream().limit(LISTED)
                            .map(e -> "• " + e.getKey().id() + " ~ " + e.getValue().id())
                            .collect(Collectors.joining("\n"))));
        }
        return new Reply.Card(Text.of("Imported " + done.added().size() + (done.added().size() == 1 ? " question" : " questions")),
                sections, Optional.of(Text.of("They are live and searchable now.")), List.of(), Optional.empty(),
                Visibility.PRIVATE);
    }

    private Reply export(String guild) {
        Optional<String> file = banks.export(guild);
        if (file.isEmpty()) {
            return Reply.Notice.privately("This server has no questions of its own yet. Add one with /bank add.");
        }
        int count = banks.live(guild).size();
        return new Reply.File(Text.of("This server's " + count + (count == 1 ? " question" : " questions")
                + ", as a bank file: /bank import or prepbot import reads it back."),
                "prepbot-bank-" + guild + ".json", file.get().getBytes(StandardCharsets.UTF_8), Visibility.PRIVATE);
    }

    // --- reports, stats, settings ---

    private Reply reports(String guild) {
        List<Report> open = store.openReports(Optional.of(guild));
        if (open.isEmpty()) {
            return Reply.Notice.privately("No open reports.");
        }
        Map<String, List<Report>> byQuestion = open.stream()
                .collect(Collectors.groupingBy(Report::questionId, LinkedHashMap::new, Collectors.toList()));
        List<Reply.Section> sections = new ArrayList<>();
        List<Reply.MenuOption> options = new ArrayList<>();
        byQuestion.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Report>> e) -> -e.getValue().size()))
                .limit(Math.min(LISTED, 25))
                .forEach(e -> {
                    String text = banks.byId(Optional.of(guild), e.getKey()).map(Question::question).orElse("(no longer in the bank)");
                    String reasons = e.getValue().stream().collect(Collectors.groupingBy(r -> r.reason().slug(),
                            java.util.TreeMap::new, Collectors.counting())).entrySet().stream()
                            .map(r -> r.getKey() + " ×" + r.getValue()).collect(Collectors.joining(", "));
                    String notes = e.getValue().stream().flatMap(r -> r.note().stream()).limit(3)
                            .map(n -> "“" + n + "”").collect(Collectors.joining(" "));
                    sections.add(Reply.Section.of(e.getValue().size() + (e.getValue().size() == 1 ? " report: " : " reports: ")
                            + e.getKey(), text + "\n" + reasons + (notes.isEmpty() ? "" : "\n" + notes)));
                    options.add(new Reply.MenuOption(trim(e.getKey(), 100), e.getKey(), trim(text, 100)));
                });
        return new Reply.Card(Text.of("Open reports: " + open.size()), sections,
                Optional.of(Text.of("Fix a question with /bank edit, then mark its reports resolved below.")), List.of(),
                Optional.of(new Reply.Menu(Action.of(RESOLVE).id(), "Mark reports resolved…", options)), Visibility.PRIVATE);
    }

    private Reply resolve(String guild, Caller caller, List<String> questionIds) {
        int closed = 0;
        for (String id : questionIds) {
            closed += store.resolveReports(guild, id, caller.userId(), clock.instant());
        }
        return Reply.Notice.privately(closed == 0 ? "Those reports were already resolved."
                : "Resolved " + closed + (closed == 1 ? " report." : " reports."));
    }

    private Reply stats(String guild) {
        List<QuestionStats> all = store.questionStats(guild).stream()
                .filter(s -> s.answers() >= MIN_ANSWERS_FOR_STATS).toList();
        if (all.isEmpty()) {
            return Reply.Notice.privately("No question has been answered " + MIN_ANSWERS_FOR_STATS
                    + " times in quizzes here yet.");
        }
        String hardest = all.stream().sorted(Comparator.comparingDouble(QuestionStats::accuracy)
                        .thenComparing(QuestionStats::questionId)).limit(LISTED)
                .map(s -> "• " + s.questionId() + ": " + s.correct() + "/" + s.answers() + " right ("
                        + Math.round(100 * s.accuracy()) + "%), median " + seconds(s.medianMillis()) + wrongPicks(s))
                .collect(Collectors.joining("\n"));
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Hardest questions", hardest));
        String suspects = all.stream().filter(s -> s.suspectChoice().isPresent()).limit(LISTED)
                .map(s -> "• " + s.questionId() + ": \"" + trim(s.suspectChoice().get().getKey(), 120) + "\" picked by "
                        + s.suspectChoice().get().getValue() + " of " + s.answers())
                .collect(Collectors.joining("\n"));
        sections.add(Reply.Section.of("Suspect keys (one wrong choice picked by most players)",
                suspects.isEmpty() ? "None: no wrong choice draws most players." : suspects));
        return new Reply.Card(Text.of("Question statistics"), sections,
                Optional.of(Text.of("From " + all.stream().mapToInt(QuestionStats::answers).sum() + " quiz answers in this server.")),
                List.of(), Optional.empty(), Visibility.PRIVATE);
    }

    /** An author's own questions: live, waiting, or rejected with the curator's reason. */
    private Reply mine(Caller caller, String guild) {
        List<ServerQuestion> own = store.questions(guild, EnumSet.of(Status.LIVE, Status.PENDING, Status.REJECTED)).stream()
                .filter(q -> q.authorId().equals(caller.userId())).toList();
        if (own.isEmpty()) {
            return Reply.Notice.privately("You have not added questions here yet. Add one with /bank add.");
        }
        List<Reply.Section> sections = new ArrayList<>();
        for (ServerQuestion q : own.subList(Math.max(0, own.size() - LISTED), own.size()).reversed()) {
            String state = switch (q.status()) {
                case LIVE -> "Live";
                case PENDING -> "Waiting for review";
                case REJECTED -> "Rejected: " + q.reason().orElse("no reason given");
                case REMOVED -> "Removed";
            };
            sections.add(Reply.Section.of(q.id(), q.question().question() + "\n" + state));
        }
        return new Reply.Card(Text.of("Your questions: " + own.size()), sections,
                Optional.of(Text.of("The latest " + sections.size() + " are shown.")), List.of(), Optional.empty(),
                Visibility.PRIVATE);
    }

    /** How often each wrong choice was picked, most picked first, the first three. */
    private static String wrongPicks(QuestionStats stats) {
        if (stats.wrongPicks().isEmpty()) {
            return "";
        }
        return "; wrong picks: " + stats.wrongPicks().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> "\"" + trim(e.getKey(), 60) + "\" ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private Reply source(CommandRequest request, String guild) {
        Optional<String> chosen = request.text("questions");
        if (chosen.isEmpty()) {
            return Reply.Notice.privately("This server draws from: " + banks.source(guild).slug()
                    + ". Curators change it with /bank source questions:built-in|ours|both.");
        }
        if (!curator(request.caller(), guild)) {
            return notCurator();
        }
        Optional<Source> source = Source.fromSlug(chosen.get());
        if (source.isEmpty()) {
            return Reply.Notice.privately("Choose built-in, ours or both.");
        }
        banks.source(guild, source.get());
        return Reply.Notice.privately("/question, quizzes and the daily question now draw from: " + source.get().slug() + ".");
    }

    private Reply curators(CommandRequest request, String guild) {
        if (!request.caller().canManageServer()) {
            return Reply.Notice.privately("Only members with Manage Server choose the curators' role.");
        }
        if (request.flag("clear")) {
            store.curatorRole(guild, Optional.empty());
            return Reply.Notice.privately("Only members with Manage Server curate the bank now.");
        }
        Optional<String> role = request.text("role");
        if (role.isEmpty()) {
            return Reply.Notice.privately(store.curatorRole(guild).map(r -> "Members with the curators' role (id " + r
                            + ") curate the bank, besides Manage Server.")
                    .orElse("Only members with Manage Server curate the bank. Add a role with /bank curators role:"));
        }
        if (!role.get().matches("\\d{1,20}")) {
            return Reply.Notice.privately("Pick a role from the list.");
        }
        store.curatorRole(guild, role);
        return Reply.Notice.privately("Members with that role (id " + role.get() + ") now curate the bank.");
    }

    // --- autocomplete ---

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        if (caller.guildId().isEmpty()) {
            return List.of();
        }
        String guild = caller.guildId().get();
        String lower = typed.strip().toLowerCase(Locale.ROOT);
        if (Topics.OPTION.equals(option)) {
            return Topics.suggest(banks, caller, typed);
        }
        if (!"question".equals(option)) {
            return List.of();
        }
        boolean curator = curator(caller, guild);
        return store.questions(guild, EnumSet.of(Status.LIVE, Status.PENDING)).stream()
                .filter(q -> curator || (q.status() == Status.PENDING && q.authorId().equals(caller.userId())))
                .filter(q -> lower.isEmpty() || q.id().contains(lower)
                        || q.question().question().toLowerCase(Locale.ROOT).contains(lower))
                .limit(25)
                .map(q -> new Suggestion(trim((q.status() == Status.PENDING ? "[waiting] " : "") + q.question().question(), 100),
                        q.id()))
                .toList();
    }

    private static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
