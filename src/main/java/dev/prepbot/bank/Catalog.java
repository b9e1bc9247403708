package dev.prepbot.bank;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The questions one place sees: the built-in bank everywhere, and in a server also that server's own
 * questions. {@code guild} is empty in direct messages, which see the built-in bank only.
 */
public interface Catalog {

    /** The bank shipped with Prepbot (or the one named on the command line). */
    Bank builtIn();

    /** A question by id, the server's own first; ids are unique within what one server sees. */
    Optional<Question> byId(Optional<String> guild, String id);

    /**
     * The server's own live questions among these ids, by id: what a search of the server's questions
     * found. Unlike {@link #byId}, it need not bring the whole server's questions into memory.
     */
    Map<String, Question> ownQuestions(String guild, Collection<String> ids);

    /** The questions drawn for {@code /question}, quizzes, the daily question and practice there. */
    List<Question> drawable(Optional<String> guild);

    /** Drawable questions matching both filters; an empty filter matches everything. */
    default List<Question> select(Optional<String> guild, Optional<String> topic, Optional<Difficulty> difficulty) {
        return drawable(guild).stream()
                .filter(q -> topic.isEmpty() || q.topic().equals(topic.get()))
                .filter(q -> difficulty.isEmpty() || q.difficulty() == difficulty.get())
                .toList();
    }

    /** Topics of the drawable questions, in alphabetical order. */
    default List<String> topics(Optional<String> guild) {
        return counts(guild).stream().map(TopicCount::topic).toList();
    }

    default boolean hasTopic(Optional<String> guild, String topic) {
        return topics(guild).contains(topic);
    }

    /** Drawable question counts per topic and difficulty, topics in alphabetical order. */
    default List<TopicCount> counts(Optional<String> guild) {
        TreeMap<String, int[]> counts = new TreeMap<>();
        for (Question q : drawable(guild)) {
            counts.computeIfAbsent(q.topic(), t -> new int[Difficulty.values().length])[q.difficulty().ordinal()]++;
        }
        List<TopicCount> list = new ArrayList<>();
        counts.forEach((topic, n) -> list.add(new TopicCount(topic, n[0], n[1], n[2])));
        return list;
    }

    /** The built-in bank alone, everywhere: the command line, and tests of features that ignore servers. */
    static Catalog of(Bank bank) {
        return new Catalog() {
            @Override
            public Bank builtIn() {
                return bank;
            }

            @Override
            public Optional<Question> byId(Optional<String> guild, String id) {
                return bank.byId(id);
            }

            @Override
            public Map<String, Question> ownQuestions(String guild, Collection<String> ids) {
                return Map.of();
            }

            @Override
            public List<Question> drawable(Optional<String> guild) {
                return bank.questions();
            }

            @Override
            public List<Question> select(Optional<String> guild, Optional<String> topic, Optional<Difficulty> difficulty) {
                return bank.select(topic, difficulty);
            }

            @Override
            public List<TopicCount> counts(Optional<String> guild) {
                return bank.counts();
            }
        };
    }
}
