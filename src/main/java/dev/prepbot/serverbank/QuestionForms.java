package dev.prepbot.serverbank;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prepbot.bank.BankJson;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.BankProblem;
import dev.prepbot.bank.BankSource;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.InvalidBankException;
import dev.prepbot.bank.Question;
import dev.prepbot.commands.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The two forms a question is written in (the essentials, then the optional parts), and the check of
 * what was typed: the fields become a bank file of one question, read by the same loader as every bank,
 * so a form is refused with the messages {@code validate} gives, each named by the field it is about.
 */
public final class QuestionForms {

    /** Field ids: the bank format's own field names. */
    static final String QUESTION = "question";
    static final String ANSWER = "answer";
    static final String EXPLANATION = "explanation";
    static final String CHOICE = "choice";
    static final String DISTRACTORS = "distractors";
    static final String EXAMPLE = "example";
    static final String MISTAKES = "mistakes";
    static final String STORY = "story";
    static final String KEYPOINTS = "keypoints";

    /** Fields of the first form and of the second. */
    static final List<String> ESSENTIALS = List.of(QUESTION, ANSWER, EXPLANATION, CHOICE, DISTRACTORS);
    static final List<String> DETAILS = List.of(EXAMPLE, MISTAKES, STORY, KEYPOINTS);

    /** What a quiz needs: the right choice and three wrong ones. */
    static final int MIN_WRONG_CHOICES = 3;
    /** Discord's longest text field. */
    private static final int FIELD_MAX = 4_000;

    private final BankJson json = new BankJson();

    /** The first form, with {@code values} typed before (empty for a new question). */
    public Reply.Form essentials(String actionId, String title, Map<String, String> values) {
        return new Reply.Form(actionId, title, List.of(
                field(QUESTION, "Question", false, 1, BankLoader.MAX_QUESTION, true, values,
                        "What do you want to ask?"),
                field(ANSWER, "Short answer (1-3 sentences)", true, 1, BankLoader.MAX_ANSWER, true, values, ""),
                field(EXPLANATION, "Explanation", true, 0, BankLoader.MAX_LONG_TEXT, false, values,
                        "Why the answer is right, in more depth"),
                field(CHOICE, "Right choice for quizzes", false, 1, BankLoader.MAX_CHOICE, true, values,
                        "The right answer, as short as the wrong ones"),
                field(DISTRACTORS, "Wrong choices (3 or more, one per line)", true, 1, FIELD_MAX, true, values,
                        "A plausible wrong answer\nAnother\nAnother")));
    }

    /** The second form: the optional parts. */
    public Reply.Form details(String actionId, Map<String, String> values) {
        return new Reply.Form(actionId, "More about this question", List.of(
                field(EXAMPLE, "Example", true, 0, BankLoader.MAX_LONG_TEXT, false, values, "A real-world example"),
                field(MISTAKES, "Common mistakes (one per line)", true, 0, FIELD_MAX, false, values, ""),
                field(STORY, "Production story", true, 0, BankLoader.MAX_LONG_TEXT, false, values,
                        "A time this mattered in production"),
                field(KEYPOINTS, "Key points (3-6, one per line)", true, 0, FIELD_MAX, false, values,
                        "What a good spoken answer covers")));
    }

    private static Reply.Field field(String id, String label, boolean paragraph, int min, int max, boolean required,
                                     Map<String, String> values, String placeholder) {
        String value = values.getOrDefault(id, "");
        // A value typed too long is shown whole, so the member can shorten it rather than lose it; the check
        // refuses it again while it is too long.
        return new Reply.Field(id, label, paragraph, min, Math.min(FIELD_MAX, Math.max(max, value.length())), required,
                value, placeholder);
    }

    /** The form's fields of an existing question, for editing it. */
    public static Map<String, String> values(Question q) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(QUESTION, q.question());
        values.put(ANSWER, q.answer());
        values.put(EXPLANATION, q.explanation().orElse(""));
        values.put(CHOICE, q.choice().orElse(""));
        values.put(DISTRACTORS, String.join("\n", q.distractors()));
        values.put(EXAMPLE, q.example().orElse(""));
        values.put(MISTAKES, String.join("\n", q.mistakes()));
        values.put(STORY, q.story().orElse(""));
        values.put(KEYPOINTS, String.join("\n", q.keypoints()));
        return values;
    }

    /** The outcome of checking a form: the question, or every problem with the field it is about. */
    public sealed interface Checked {
        record Valid(Question question) implements Checked {
        }

        record Invalid(List<String> problems) implements Checked {
        }
    }

    /**
     * Checks the fields as the question {@code id} of {@code topic} and {@code difficulty}; {@code base}
     * supplies the fields this form does not have (empty for a new question).
     */
    public Checked check(String id, String topic, Difficulty difficulty, Map<String, String> fields,
                         Map<String, String> base) {
        Map<String, String> all = new LinkedHashMap<>(base);
        fields.forEach((k, v) -> {
            if (ESSENTIALS.contains(k) || DETAILS.contains(k)) {
                all.put(k, v);
            }
        });
        List<String> problems = new ArrayList<>();
        if (lines(all.getOrDefault(DISTRACTORS, "")).size() < MIN_WRONG_CHOICES) {
            problems.add(label(DISTRACTORS) + ": give at least " + MIN_WRONG_CHOICES + " wrong choices, one per line");
        }
        ObjectNode q = json.mapper().createObjectNode();
        q.put("id", id);
        q.put("topic", topic);
        q.put("difficulty", difficulty.slug());
        q.put(QUESTION, all.getOrDefault(QUESTION, "").strip());
        q.put(ANSWER, all.getOrDefault(ANSWER, "").strip());
        text(q, EXPLANATION, all);
        text(q, EXAMPLE, all);
        list(q, MISTAKES, all);
        text(q, STORY, all);
        text(q, CHOICE, all);
        list(q, DISTRACTORS, all);
        list(q, KEYPOINTS, all);
        ObjectNode file = json.mapper().createObjectNode();
        file.putArray("questions").add(q);
        try {
            Question question = new BankLoader().load(List.of(new BankSource("your question",
                    json.write(file).getBytes(StandardCharsets.UTF_8)))).questions().get(0);
            return problems.isEmpty() ? new Checked.Valid(question) : new Checked.Invalid(problems);
        } catch (InvalidBankException e) {
            for (BankProblem p : e.problems()) {
                problems.add(p.field().map(QuestionForms::label).map(l -> l + ": ").orElse("") + p.message());
            }
            return new Checked.Invalid(problems);
        }
    }

    private static void text(ObjectNode q, String field, Map<String, String> all) {
        String value = all.getOrDefault(field, "").strip();
        if (!value.isEmpty()) {
            q.put(field, value);
        }
    }

    private static void list(ObjectNode q, String field, Map<String, String> all) {
        List<String> values = lines(all.getOrDefault(field, ""));
        if (!values.isEmpty()) {
            ArrayNode array = q.putArray(field);
            values.forEach(array::add);
        }
    }

    /** One entry per non-blank line. */
    static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** How a field is named to the person filling in the form; problems of a field name it so. */
    static String label(String field) {
        return switch (field.replaceAll("\\[\\d+]$", "")) {
            case QUESTION -> "Question";
            case ANSWER -> "Short answer";
            case EXPLANATION -> "Explanation";
            case CHOICE -> "Right choice";
            case DISTRACTORS -> "Wrong choices";
            case EXAMPLE -> "Example";
            case MISTAKES -> "Common mistakes";
            case STORY -> "Production story";
            case KEYPOINTS -> "Key points";
            default -> field;
        };
    }

    /**
     * A new question's id: its topic and first words, and a few random letters so two members asking
     * alike never collide; within the bank format's 64 characters.
     */
    public static String newId(String topic, String question, RandomGenerator random) {
        String words = String.join("-", Arrays.stream(question.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> w.length() > 2).limit(4).toList());
        String suffix = Integer.toString(36 * 36 * 36 + random.nextInt(36 * 36 * 36 * 35), 36);
        String base = words.isEmpty() ? topic : topic + "-" + words;
        int room = 64 - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room).replaceAll("-+$", "");
        }
        return base + "-" + suffix;
    }
}
