package dev.prepbot.mock;

import dev.prepbot.bank.Question;
import dev.prepbot.commands.Action;
import dev.prepbot.commands.AnswerCards;
import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The cards of a mock interview, built from the bank and the stored state; no transport in sight. */
final class MockCards {

    static final String ACTION = "mock";
    static final int MAX_FOLLOW_UPS = 3;

    private MockCards() {
    }

    static String id(String... parts) {
        return Action.of(ACTION, parts).id();
    }

    static String name(Map<String, String> names, String userId) {
        return names.getOrDefault(userId, "a member");
    }

    static String settings(MockSession session) {
        return session.topic().orElse("any topic") + " · " + session.difficulty().map(d -> d.slug()).orElse("any difficulty")
                + " · " + session.minutes() + (session.minutes() == 1 ? " minute" : " minutes") + " a round";
    }

    static Reply.Card lobby(MockSession session, List<MockMember> members, List<MockPair> pairs, Map<String, String> names) {
        List<Reply.Section> sections = new ArrayList<>();
        String title;
        List<Reply.Button> buttons = List.of();
        switch (session.status()) {
            case LOBBY -> {
                title = "Mock interviews: join in";
                sections.add(Reply.Section.of("", settings(session) + ". Join, then the starter (or anyone with Manage"
                        + " Server) presses Start: you are paired at random, each pair in a private thread (and a"
                        + " private voice room where I may make one), and you take turns to interview each other."));
                buttons = List.of(new Reply.Button("Join", id("join", session.id()), Reply.ButtonStyle.SUCCESS, false),
                        Reply.Button.of("Leave", id("out", session.id())),
                        new Reply.Button("Start", id("start", session.id()), Reply.ButtonStyle.PRIMARY, false));
            }
            case RUNNING -> title = "Mock interviews: under way";
            default -> title = "Mock interviews: over";
        }
        String who = members.isEmpty() ? "Nobody yet."
                : String.join(", ", members.stream().map(MockMember::name).toList());
        sections.add(Reply.Section.of("Members (" + members.size() + " of " + MockInterviews.MAX_MEMBERS + ")", who));
        if (!pairs.isEmpty()) {
            StringBuilder lines = new StringBuilder();
            for (MockPair pair : pairs) {
                lines.append(name(names, pair.firstId())).append(" and ").append(name(names, pair.secondId()));
                pair.observerId().ifPresent(o -> lines.append(", observed by ").append(name(names, o)));
                lines.append(": ").append(state(pair)).append('\n');
            }
            sections.add(Reply.Section.of("Pairs", lines.toString().strip()));
        }
        return new Reply.Card(Text.of(title), sections, Optional.of(Text.of(settings(session))), buttons,
                Optional.empty(), Visibility.PUBLIC);
    }

    private static String state(MockPair pair) {
        return switch (pair.status()) {
            case WAITING -> "getting ready";
            case INTERVIEW -> "round " + pair.round() + " of " + MockPair.ROUNDS;
            case SCORING -> "scoring round " + pair.round();
            case DONE -> "both rounds done";
            case ENDED -> "ended";
        };
    }

    static Reply.Card welcome(MockPair pair, MockSession session, Map<String, String> names, Instant readyBy) {
        List<Reply.Section> sections = new ArrayList<>();
        String a = name(names, pair.firstId());
        String b = name(names, pair.secondId());
        sections.add(Reply.Section.of("", "This thread is yours alone. " + a + " interviews " + b + " first, then you"
                + " swap with a new question. " + settings(session) + "."));
        pair.observerId().ifPresent(o -> sections.add(Reply.Section.of("Observer", name(names, o)
                + " watches both rounds and takes over if one of you does not turn up.")));
        pair.voiceId().ifPresent(v -> sections.add(new Reply.Section(Text.of("Voice room"),
                Text.builder().plain("Talk in ").channel(v).plain(": only you can see and join it.").build())));
        sections.add(new Reply.Section(Text.of("Ready?"), Text.builder()
                .plain("Each of you, press I'm here ").countdown(readyBy)
                .plain(". Whoever has not pressed it by then is dropped.").build()));
        return new Reply.Card(Text.of("Mock interview: " + a + " and " + b), sections, Optional.empty(),
                List.of(new Reply.Button("I'm here", id("here", pair.id()), Reply.ButtonStyle.SUCCESS, false)),
                Optional.empty(), Visibility.PUBLIC);
    }

    /** The card in the pair's thread for a round: the question only, the countdown and the round's buttons. */
    static Reply.Card round(MockPair pair, Question question, Map<String, String> names, Instant endsAt, boolean over) {
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Question for " + name(names, pair.candidate()), question.question()));
        Text time = over ? Text.of("Time is up. " + name(names, pair.interviewer()) + ", score the answer.")
                : Text.builder().plain("Ends ").countdown(endsAt).plain(". Only the interviewer sees the card with the"
                        + " key points and the model answer.").build();
        sections.add(new Reply.Section(Text.of("Time"), time));
        List<Reply.Button> buttons = new ArrayList<>();
        buttons.add(new Reply.Button("Interviewer's card", id("card", pair.id(), Integer.toString(pair.round())),
                Reply.ButtonStyle.PRIMARY, false));
        if (over) {
            buttons.add(new Reply.Button("Score", id("score", pair.id(), Integer.toString(pair.round())),
                    Reply.ButtonStyle.SUCCESS, false));
        } else {
            buttons.add(Reply.Button.of("End the round", id("end", pair.id(), Integer.toString(pair.round()))));
        }
        return new Reply.Card(Text.of("Round " + pair.round() + ": " + name(names, pair.interviewer()) + " interviews "
                + name(names, pair.candidate())), sections, Optional.of(AnswerCards.footer(question)), buttons,
                Optional.empty(), Visibility.PUBLIC);
    }

    /** The interviewer's card: never shown to anyone else. */
    static Reply.Card interviewer(MockPair pair, Question question, List<String> followUps, boolean scoring) {
        Rubric rubric = Rubric.of(question);
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Question", question.question()));
        sections.add(Reply.Section.of(rubric.heading(), "☐ " + String.join("\n☐ ", rubric.points())));
        if (rubric.star() && question.hasKeypoints()) {
            sections.add(Reply.Section.of("A strong story", "• " + String.join("\n• ", question.keypoints())));
        }
        if (!followUps.isEmpty()) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < followUps.size(); i++) {
                lines.append(i + 1).append(". ").append(followUps.get(i)).append('\n');
            }
            sections.add(Reply.Section.of("Follow-up questions", lines.toString().strip()));
        }
        if (!question.mistakes().isEmpty()) {
            sections.add(Reply.Section.of("Common mistakes", "• " + String.join("\n• ", question.mistakes())));
        }
        List<Reply.Button> buttons = new ArrayList<>();
        buttons.add(Reply.Button.of("Model answer", id("answer", pair.id(), Integer.toString(pair.round()))));
        if (scoring) {
            buttons.add(new Reply.Button("Score", id("score", pair.id(), Integer.toString(pair.round())),
                    Reply.ButtonStyle.SUCCESS, false));
        }
        return new Reply.Card(Text.of("Interviewer's card, round " + pair.round()), sections,
                Optional.of(Text.of("Only you see this card. Listen for the key points; tick them when time is up.")),
                buttons, Optional.empty(), Visibility.PRIVATE);
    }

    /**
     * Two or three follow-ups: what goes wrong with the common mistakes, and one point of the explanation
     * to dig into. Picked from the random source, so each pair gets its own.
     */
    static List<String> followUps(Question question, RandomGenerator random) {
        List<String> asks = new ArrayList<>();
        List<String> mistakes = new ArrayList<>(question.mistakes());
        java.util.Collections.shuffle(mistakes, java.util.Random.from(random));
        for (String mistake : mistakes.subList(0, Math.min(2, mistakes.size()))) {
            asks.add("What goes wrong with " + lowerFirst(stripStop(mistake)) + "?");
        }
        List<String> sentences = question.explanation().map(MockCards::sentences).orElse(List.of());
        if (!sentences.isEmpty()) {
            String sentence = sentences.get(random.nextInt(sentences.size()));
            asks.add("Why is this so? \"" + sentence + "\"");
        }
        if (asks.size() < 2) {
            asks.add("Can you give an example from a project of your own?");
        }
        return asks.subList(0, Math.min(MAX_FOLLOW_UPS, asks.size()));
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+(?=[A-Z`])")) {
            String t = s.strip();
            if (t.length() >= 40 && t.length() <= 300) {
                out.add(t);
            }
        }
        return out;
    }

    private static String stripStop(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static String lowerFirst(String text) {
        if (text.isEmpty() || text.startsWith("`") || (text.length() > 1 && Character.isUpperCase(text.charAt(1)))) {
            return text;
        }
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    static Reply.Card modelAnswer(Question question) {
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Model answer", question.answer()));
        question.example().ifPresent(e -> sections.add(Reply.Section.of("Example", e)));
        return new Reply.Card(Text.of(question.question()), sections, Optional.of(AnswerCards.footer(question)),
                List.of(), Optional.empty(), Visibility.PRIVATE);
    }

    /** Asks about one rubric point: covered, partly or missed. */
    static Reply.Card tick(String idPrefixVerb, List<String> idArgs, Rubric rubric, int index) {
        List<Reply.Button> buttons = new ArrayList<>();
        for (Tick t : Tick.values()) {
            List<String> args = new ArrayList<>(idArgs);
            args.add(Integer.toString(index));
            args.add(String.valueOf(t.code()));
            Reply.ButtonStyle style = switch (t) {
                case COVERED -> Reply.ButtonStyle.SUCCESS;
                case PARTLY -> Reply.ButtonStyle.SECONDARY;
                case MISSED -> Reply.ButtonStyle.DANGER;
            };
            buttons.add(new Reply.Button(t.mark() + " " + capital(t.label()), Action.of(ACTION,
                    prepend(idPrefixVerb, args)).id(), style, false));
        }
        return new Reply.Card(Text.of((rubric.star() ? "Step " : "Key point ") + (index + 1) + " of " + rubric.points().size()),
                List.of(Reply.Section.of("", rubric.points().get(index))), Optional.empty(), buttons, Optional.empty(),
                Visibility.PRIVATE);
    }

    private static String[] prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    private static String capital(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    static final String OVERALL = "overall";
    static final String NOTE = "note";
    static final int MAX_NOTE = 500;

    static Reply.Form overallForm(String actionId, String title) {
        return new Reply.Form(actionId, title, List.of(
                new Reply.Field(OVERALL, "Overall, from 1 (weak) to 5 (excellent)", false, 1, 1, true, "", "1 to 5"),
                new Reply.Field(NOTE, "A note for the candidate (optional)", true, 0, MAX_NOTE, false, "",
                        "What went well, what to work on")));
    }

    /** The candidate's scorecard: each rubric point with its tick, the overall score and the note. */
    static Reply.Card scorecard(MockScore score, Question question, Map<String, String> names, Visibility visibility) {
        Rubric rubric = Rubric.of(question);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < rubric.points().size(); i++) {
            Optional<Tick> tick = i < score.ticks().size() ? score.ticks().get(i) : Optional.empty();
            lines.append(tick.map(Tick::mark).orElse("·")).append(' ').append(rubric.points().get(i))
                    .append(tick.map(t -> " (" + t.label() + ")").orElse("")).append('\n');
        }
        List<Reply.Section> sections = new ArrayList<>();
        sections.add(Reply.Section.of("Question", question.question()));
        sections.add(Reply.Section.of(rubric.star() ? "STAR" : "Key points", lines.toString().strip()));
        sections.add(Reply.Section.of("Overall", score.overall().getAsInt() + " of 5"));
        score.note().ifPresent(n -> sections.add(Reply.Section.of("Note from " + name(names, score.interviewerId()), n)));
        boolean missed = score.ticks().stream().anyMatch(t -> t.equals(Optional.of(Tick.MISSED)));
        if (missed) {
            sections.add(Reply.Section.of("Practice", "The question joins your /practice schedule, due tomorrow."));
        }
        return new Reply.Card(Text.of("Scorecard: " + name(names, score.candidateId()) + ", round " + score.round()),
                sections, Optional.of(AnswerCards.footer(question)), List.of(), Optional.empty(), visibility);
    }
}
