package dev.prepbot.bank;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads bank files with Jackson's streaming parser, so that every problem carries its line and
 * column, and checks each question against the rules of the bank format. All problems of all files
 * are collected in one pass; any problem refuses the whole bank.
 */
public final class BankLoader {

    public static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");
    public static final int MAX_QUESTION = 256;
    public static final int MAX_ANSWER = 600;
    public static final int MAX_LONG_TEXT = 4_000;
    public static final int MAX_CHOICE = 200;

    static final Set<String> FILE_FIELDS = Set.of("$schema", "topic", "questions");
    static final List<String> QUESTION_FIELDS = List.of("id", "topic", "difficulty", "tags", "question",
            "answer", "explanation", "example", "mistakes", "story", "choice", "distractors", "keypoints");
    private static final Set<String> LIST_FIELDS = Set.of("tags", "mistakes", "distractors", "keypoints");

    private final JsonFactory json;
    private final Progress progress;

    public BankLoader() {
        this(Progress.none());
    }

    /** A loader that reports how many bytes of bank files it has parsed. */
    public BankLoader(Progress progress) {
        this.progress = progress;
        // Nesting deeper than a bank ever needs is refused by the parser itself, never by a stack overflow.
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
    }

    /** Loads the built-in bank packaged with Prepbot. */
    public Bank loadBuiltIn() throws InvalidBankException {
        return load(BankSource.builtIn());
    }

    /** Loads files and directories of bank files as one bank. */
    public Bank loadPaths(List<Path> paths) throws InvalidBankException {
        List<BankProblem> problems = new ArrayList<>();
        List<BankSource> sources = new ArrayList<>();
        for (Path path : paths) {
            sources.addAll(BankSource.read(path, problems));
        }
        return load(sources, problems);
    }

    public Bank load(List<BankSource> sources) throws InvalidBankException {
        return load(sources, new ArrayList<>());
    }

    /** Loads the sources, reporting {@code problems} met while reading them along with any they hold. */
    public Bank load(List<BankSource> sources, List<BankProblem> problems) throws InvalidBankException {
        return load(sources, problems, () -> checksum(sources));
    }

    /** The same, for a caller that has already hashed the sources and need not hash them again. */
    public Bank load(List<BankSource> sources, List<BankProblem> problems, String checksum) throws InvalidBankException {
        return load(sources, problems, () -> checksum, Map.of());
    }

    /**
     * Loads questions to add beside others: an id in {@code taken} (id to what holds it, such as "a
     * built-in question") is a problem like any other.
     */
    public Bank loadBeside(List<BankSource> sources, Map<String, String> taken) throws InvalidBankException {
        return load(sources, new ArrayList<>(), () -> checksum(sources), taken);
    }

    private Bank load(List<BankSource> sources, List<BankProblem> problems, Supplier<String> checksum)
            throws InvalidBankException {
        return load(sources, problems, checksum, Map.of());
    }

    private Bank load(List<BankSource> sources, List<BankProblem> problems, Supplier<String> checksum,
                      Map<String, String> taken) throws InvalidBankException {
        long totalBytes = sources.stream().mapToLong(s -> s.content().length).sum();
        AtomicLong parsedBytes = new AtomicLong();
        // Files parse independently, so a bank of many files parses on every core; the results are
        // then taken in file order, so problems and duplicate ids come out as a sequential load gives them.
        List<ParsedFile> files = sources.parallelStream().map(source -> {
            List<BankProblem> own = new ArrayList<>();
            List<Located<Parsed>> parsed = parseFile(source, own);
            progress.update("Loading the bank", parsedBytes.addAndGet(source.content().length), totalBytes);
            return new ParsedFile(source, parsed, own);
        }).toList();
        List<Question> questions = new ArrayList<>();
        Map<String, String> firstSeen = new HashMap<>();
        for (ParsedFile file : files) {
            problems.addAll(file.problems());
            // Questions with other problems take part too: a repeated id is reported whichever copy is broken.
            for (Located<Parsed> q : file.questions()) {
                String id = q.value().id();
                String holder = taken.get(id);
                String earlier = holder == null ? firstSeen.putIfAbsent(id, q.where()) : null;
                if (holder != null) {
                    problems.add(new BankProblem(file.source().name(), q.line(), q.column(), Optional.of(id),
                            Optional.of("id"), "the id is already used by " + holder));
                } else if (earlier != null) {
                    problems.add(new BankProblem(file.source().name(), q.line(), q.column(), Optional.of(id),
                            Optional.of("id"), "the id is already used at " + earlier));
                } else {
                    q.value().question().ifPresent(questions::add);
                }
            }
        }
        if (problems.isEmpty() && questions.isEmpty()) {
            problems.add(BankProblem.ofFile(sources.isEmpty() ? "bank" : sources.get(0).name(), 0, 0,
                    "the bank has no questions"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidBankException(problems);
        }
        return new Bank(questions, Optional.of(checksum.get()));
    }

    /**
     * SHA-256 over the SHA-256 of each file's bytes, in load order. Files are hashed on every core,
     * which matters when an unchanged bank of hundreds of megabytes is only hashed and not parsed.
     */
    public static String checksum(List<BankSource> sources) {
        return checksumOf(sources.parallelStream().map(source -> digest(source.content())).toList());
    }

    /** The SHA-256 of one file's bytes. */
    public static byte[] digest(byte[] content) {
        return sha256().digest(content);
    }

    /** The checksum of files whose digests these are, in load order. */
    public static String checksumOf(List<byte[]> digests) {
        MessageDigest all = sha256();
        digests.forEach(all::update);
        return HexFormat.of().formatHex(all.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record ParsedFile(BankSource source, List<Located<Parsed>> questions, List<BankProblem> problems) {
    }

    /** A question object with a well-formed id, and the question itself when nothing else is wrong with it. */
    private record Parsed(String id, Optional<Question> question) {
    }

    private record Located<T>(T value, String file, int line, int column) {
        String where() {
            return file + ":" + line + ":" + column;
        }
    }

    /** A problem found before the question's id is known. */
    private record Pending(String field, String message, int line, int column) {
    }

    /** A field value as read, with where it stood; the value is a String, a List of Strings, or null. */
    private record Field(Object value, int line, int column, boolean wrongType) {
    }

    private List<Located<Parsed>> parseFile(BankSource source, List<BankProblem> problems) {
        List<Located<Parsed>> questions = new ArrayList<>();
        String file = source.name();
        try (JsonParser p = json.createParser(source.content())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(BankProblem.ofFile(file, 1, 1, "the file is empty; a bank file is a JSON object with \"questions\""));
                return questions;
            }
            if (first != JsonToken.START_OBJECT) {
                JsonLocation at = p.currentTokenLocation();
                problems.add(BankProblem.ofFile(file, at.getLineNr(), at.getColumnNr(),
                        "a bank file must be a JSON object with \"questions\", not " + describe(first)));
                return questions;
            }
            Optional<String> fileTopic = Optional.empty();
            boolean sawQuestions = false;
            Set<String> seen = new java.util.HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                JsonToken value = p.nextToken();
                if (!seen.add(name)) {
                    problems.add(fileProblem(file, at, name, "appears twice"));
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "$schema" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            problems.add(fileProblem(file, at, name, "must be a string"));
                            p.skipChildren();
                        }
                    }
                    case "topic" -> {
                        if (value == JsonToken.VALUE_STRING && SLUG.matcher(p.getText()).matches()) {
                            fileTopic = Optional.of(p.getText());
                        } else {
                            problems.add(fileProblem(file, at, name,
                                    "must be a lowercase slug such as \"system-design\" (letters, digits, hyphens; 2-64 characters)"));
                            p.skipChildren();
                        }
                    }
                    case "questions" -> {
                        sawQuestions = true;
                        if (value != JsonToken.START_ARRAY) {
                            problems.add(fileProblem(file, at, name, "must be a list of question objects"));
                            p.skipChildren();
                        } else {
                            int index = 0;
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                index++;
                                parseQuestion(p, file, index, problems).ifPresent(draft -> questions.add(draft));
                            }
                        }
                    }
                    default -> {
                        problems.add(fileProblem(file, at, name, "unknown field" + suggestion(name, FILE_FIELDS)));
                        p.skipChildren();
                    }
                }
            }
            if (!sawQuestions) {
                problems.add(BankProblem.ofFile(file, 1, 1, "the file has no \"questions\" list"));
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                JsonLocation at = p.currentTokenLocation();
                problems.add(BankProblem.ofFile(file, at.getLineNr(), at.getColumnNr(),
                        "unexpected content after the bank object"));
            }
            return resolveTopics(questions, fileTopic, file, problems);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(BankProblem.ofFile(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + firstLine(e.getOriginalMessage())));
            return List.of();
        } catch (IOException e) {
            problems.add(BankProblem.ofFile(file, 0, 0, "cannot read the file: " + firstLine(e.getMessage())));
            return List.of();
        }
    }

    private static BankProblem fileProblem(String file, JsonLocation at, String field, String message) {
        return new BankProblem(file, at.getLineNr(), at.getColumnNr(), Optional.empty(), Optional.of(field), message);
    }

    /**
     * Questions parsed before the file's topic was known carry a placeholder; this fills in the file
     * topic or reports the missing one.
     */
    private List<Located<Parsed>> resolveTopics(List<Located<Parsed>> drafts, Optional<String> fileTopic,
                                                String file, List<BankProblem> problems) {
        List<Located<Parsed>> resolved = new ArrayList<>();
        for (Located<Parsed> draft : drafts) {
            Optional<Question> q = draft.value().question();
            if (q.isEmpty() || !q.get().topic().isEmpty()) {
                resolved.add(draft);
            } else if (fileTopic.isPresent()) {
                resolved.add(new Located<>(new Parsed(q.get().id(), Optional.of(withTopic(q.get(), fileTopic.get()))), file,
                        draft.line(), draft.column()));
            } else {
                problems.add(new BankProblem(file, draft.line(), draft.column(), Optional.of(q.get().id()), Optional.of("topic"),
                        "is required, on the question or as the file's \"topic\""));
                resolved.add(new Located<>(new Parsed(q.get().id(), Optional.empty()), file, draft.line(), draft.column()));
            }
        }
        return resolved;
    }

    private static Question withTopic(Question q, String topic) {
        return new Question(q.id(), topic, q.difficulty(), q.tags(), q.question(), q.answer(), q.explanation(),
                q.example(), q.mistakes(), q.story(), q.choice(), q.distractors(), q.keypoints());
    }

    private Optional<Located<Parsed>> parseQuestion(JsonParser p, String file, int index, List<BankProblem> problems)
            throws IOException {
        JsonLocation start = p.currentTokenLocation();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            problems.add(new BankProblem(file, start.getLineNr(), start.getColumnNr(), Optional.of("#" + index),
                    Optional.empty(), "each question must be a JSON object, not " + describe(p.currentToken())));
            p.skipChildren();
            return Optional.empty();
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        List<BankProblem> own = new ArrayList<>();
        // Problems found while reading fields are reported under the id, which may come later in the object.
        List<Pending> pending = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            JsonToken value = p.nextToken();
            int line = at.getLineNr();
            int column = at.getColumnNr();
            if (fields.containsKey(name)) {
                pending.add(new Pending(name, "appears twice", line, column));
                p.skipChildren();
                continue;
            }
            if (!QUESTION_FIELDS.contains(name)) {
                pending.add(new Pending(name, "unknown field" + suggestion(name, QUESTION_FIELDS), line, column));
                p.skipChildren();
                continue;
            }
            fields.put(name, readValue(p, value, LIST_FIELDS.contains(name), line, column));
        }
        Field idField = fields.get("id");
        String id = idField != null && idField.value() instanceof String s && !s.isBlank() ? shorten(s) : "#" + index;
        for (Pending problem : pending) {
            own.add(new BankProblem(file, problem.line(), problem.column(), Optional.of(id), Optional.of(problem.field()),
                    problem.message()));
        }
        Optional<Question> question = new QuestionRules(file, id, start, fields, own).check();
        own.sort(java.util.Comparator.comparingInt(BankProblem::line).thenComparingInt(BankProblem::column));
        problems.addAll(own);
        if (question.isEmpty() && !(idField != null && idField.value() instanceof String s && SLUG.matcher(s).matches())) {
            return Optional.empty();
        }
        String wellFormedId = question.map(Question::id).orElse((String) idField.value());
        return Optional.of(new Located<>(new Parsed(wellFormedId, question), file, start.getLineNr(), start.getColumnNr()));
    }

    private static Field readValue(JsonParser p, JsonToken value, boolean list, int line, int column) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return new Field(null, line, column, false);
        }
        if (!list) {
            if (value == JsonToken.VALUE_STRING) {
                return new Field(p.getText(), line, column, false);
            }
            p.skipChildren();
            return new Field(null, line, column, true);
        }
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return new Field(null, line, column, true);
        }
        List<String> items = new ArrayList<>();
        boolean wrong = false;
        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
            if (item == JsonToken.VALUE_STRING) {
                items.add(p.getText());
            } else {
                wrong = true;
                p.skipChildren();
            }
        }
        return new Field(wrong ? null : items, line, column, wrong);
    }

    /** The checks of one question's fields, collecting problems instead of stopping at the first. */
    private static final class QuestionRules {
        private final String file;
        private final String id;
        private final JsonLocation start;
        private final Map<String, Field> fields;
        private final List<BankProblem> problems;

        QuestionRules(String file, String id, JsonLocation start, Map<String, Field> fields, List<BankProblem> problems) {
            this.file = file;
            this.id = id;
            this.start = start;
            this.fields = fields;
            this.problems = problems;
        }

        Optional<Question> check() {
            int before = problems.size();
            Optional<String> idValue = requiredText("id", Integer.MAX_VALUE);
            idValue.filter(v -> !SLUG.matcher(v).matches()).ifPresent(v -> problem("id",
                    "must match ^[a-z0-9][a-z0-9-]{1,63}$ (lowercase letters, digits and hyphens, 2-64 characters)"));
            Optional<String> topic = optionalText("topic", Integer.MAX_VALUE);
            topic.filter(v -> !SLUG.matcher(v).matches()).ifPresent(v -> problem("topic",
                    "must be a lowercase slug such as \"system-design\""));
            Optional<Difficulty> difficulty = requiredText("difficulty", Integer.MAX_VALUE).flatMap(v -> {
                Optional<Difficulty> d = Difficulty.fromSlug(v);
                if (d.isEmpty()) {
                    problem("difficulty", "must be easy, medium or hard, not \"" + shorten(v) + "\"");
                }
                return d;
            });
            Optional<String> question = requiredText("question", MAX_QUESTION);
            Optional<String> answer = requiredText("answer", MAX_ANSWER);
            Optional<String> explanation = optionalText("explanation", MAX_LONG_TEXT);
            Optional<String> example = optionalText("example", MAX_LONG_TEXT);
            Optional<String> story = optionalText("story", MAX_LONG_TEXT);
            Optional<String> choice = optionalText("choice", MAX_CHOICE);
            List<String> tags = list("tags", Integer.MAX_VALUE);
            for (String tag : tags) {
                if (!SLUG.matcher(tag).matches()) {
                    problem("tags", "\"" + shorten(tag) + "\" is not a slug (lowercase letters, digits and hyphens, 2-64 characters)");
                }
            }
            List<String> mistakes = list("mistakes", Integer.MAX_VALUE);
            List<String> distractors = list("distractors", MAX_CHOICE);
            Field choiceField = fields.get("choice");
            // Absent or null; a choice of the wrong type or length has its own problem already.
            if (!distractors.isEmpty() && (choiceField == null || (choiceField.value() == null && !choiceField.wrongType()))) {
                problem("choice", "is required when distractors are given");
            }
            List<String> compared = distractors.stream().map(BankLoader::normalize).toList();
            choice.ifPresent(c -> {
                String right = normalize(c);
                for (int i = 0; i < distractors.size(); i++) {
                    if (compared.get(i).equals(right)) {
                        problem("distractors", "\"" + shorten(distractors.get(i)) + "\" is the same as the choice");
                    }
                }
            });
            if (new HashSet<>(compared).size() < compared.size()) {
                problem("distractors", "the same distractor is given twice");
            }
            List<String> keypoints = list("keypoints", Question.MAX_KEYPOINT);
            // Written as null, keypoints are left out, as every optional field is; an empty list is too few.
            Field keypointsField = fields.get("keypoints");
            if (keypointsField != null && keypointsField.value() != null
                    && (keypoints.size() < Question.MIN_KEYPOINTS || keypoints.size() > Question.MAX_KEYPOINTS)) {
                problem("keypoints", "has " + keypoints.size() + " items; " + Question.MIN_KEYPOINTS + " to "
                        + Question.MAX_KEYPOINTS + " are allowed");
            }
            if (problems.size() > before || idValue.isEmpty() || difficulty.isEmpty()
                    || question.isEmpty() || answer.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Question(idValue.get(), topic.orElse(""), difficulty.get(), tags, question.get(),
                    answer.get(), explanation, example, mistakes, story, choice, distractors, keypoints));
        }

        private Optional<String> requiredText(String name, int max) {
            Field field = fields.get(name);
            if (field == null || (field.value() == null && !field.wrongType())) {
                problems.add(new BankProblem(file, start.getLineNr(), start.getColumnNr(), Optional.of(id),
                        Optional.of(name), "is required"));
                return Optional.empty();
            }
            return text(name, field, max);
        }

        private Optional<String> optionalText(String name, int max) {
            Field field = fields.get(name);
            if (field == null || (field.value() == null && !field.wrongType())) {
                return Optional.empty();
            }
            return text(name, field, max);
        }

        private Optional<String> text(String name, Field field, int max) {
            if (field.wrongType()) {
                problem(name, field, "must be a string");
                return Optional.empty();
            }
            String value = (String) field.value();
            if (value.isBlank()) {
                problem(name, field, "must not be empty");
                return Optional.empty();
            }
            int length = value.codePointCount(0, value.length());
            if (length > max) {
                problem(name, field, "is " + length + " characters; at most " + max + " are allowed");
                return Optional.empty();
            }
            return Optional.of(value);
        }

        @SuppressWarnings("unchecked")
        private List<String> list(String name, int maxItemLength) {
            Field field = fields.get(name);
            if (field == null || (field.value() == null && !field.wrongType())) {
                return List.of();
            }
            if (field.wrongType()) {
                problem(name, field, "must be a list of strings");
                return List.of();
            }
            List<String> items = (List<String>) field.value();
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i);
                if (item.isBlank()) {
                    problem(name, field, "item " + (i + 1) + " must not be empty");
                } else if (item.codePointCount(0, item.length()) > maxItemLength) {
                    problem(name, field, "item " + (i + 1) + " is " + item.codePointCount(0, item.length())
                            + " characters; at most " + maxItemLength + " are allowed");
                }
            }
            return items;
        }

        private void problem(String name, String message) {
            Field field = fields.get(name);
            if (field == null) {
                problems.add(new BankProblem(file, start.getLineNr(), start.getColumnNr(), Optional.of(id),
                        Optional.of(name), message));
            } else {
                problem(name, field, message);
            }
        }

        private void problem(String name, Field field, String message) {
            problems.add(new BankProblem(file, field.line(), field.column(), Optional.of(id), Optional.of(name), message));
        }
    }

    /**
     * The text as two choices are compared: case and runs of white space do not make them different.
     * Written as a loop because it runs for every choice of a bank (several hundred thousand at 100,000
     * questions), where a regular expression was a quarter of loading the bank.
     */
    static String normalize(String text) {
        String lower = text.strip().toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name().toLowerCase(java.util.Locale.ROOT) : token.asString();
        };
    }

    /** " (did you mean 'explanation'?)" when a known field is one or two edits away. */
    private static String suggestion(String name, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
