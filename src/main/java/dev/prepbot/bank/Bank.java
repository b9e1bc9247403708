package dev.prepbot.bank;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The loaded, validated questions: immutable, answering by id, topic and difficulty. */
public final class Bank {

    private final List<Question> questions;
    private final Map<String, Question> byId;
    private final Map<String, List<Question>> byTopic;
    private final Optional<String> checksum;

    /** A bank made in memory, with no files behind it. */
    public Bank(Collection<Question> questions) {
        this(questions, Optional.empty());
    }

    /** A bank loaded from files whose bytes hash to {@code checksum}. */
    public Bank(Collection<Question> questions, Optional<String> checksum) {
        this.checksum = checksum;
        this.questions = List.copyOf(questions);
        Map<String, Question> ids = new LinkedHashMap<>();
        Map<String, List<Question>> topics = new TreeMap<>();
        for (Question q : this.questions) {
            if (ids.putIfAbsent(q.id(), q) != null) {
                throw new IllegalArgumentException("duplicate question id " + q.id());
            }
            topics.computeIfAbsent(q.topic(), t -> new ArrayList<>()).add(q);
        }
        this.byId = Map.copyOf(ids);
        Map<String, List<Question>> frozen = new TreeMap<>();
        topics.forEach((topic, list) -> frozen.put(topic, List.copyOf(list)));
        this.byTopic = java.util.Collections.unmodifiableMap(frozen);
    }

    /**
     * The SHA-256 of the bank files this bank was loaded from (their names and bytes, in load order),
     * or empty for a bank made in memory. Equal checksums mean equal banks, which lets the search
     * index built for one be reused for the other.
     */
    public Optional<String> checksum() {
        return checksum;
    }

    public List<Question> questions() {
        return questions;
    }

    public int size() {
        return questions.size();
    }

    public Optional<Question> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Topic slugs in alphabetical order. */
    public List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    public boolean hasTopic(String topic) {
        return byTopic.containsKey(topic);
    }

    public List<Question> byTopic(String topic) {
        return byTopic.getOrDefault(topic, List.of());
    }

    /** Questions matching both filters; an empty filter matches everything. */
    public List<Question> select(Optional<String> topic, Optional<Difficulty> difficulty) {
        Collection<Question> pool = topic.map(this::byTopic).orElse(questions);
        return pool.stream()
                .filter(q -> difficulty.isEmpty() || q.difficulty() == difficulty.get())
                .toList();
    }

    /** Question counts per topic and difficulty, topics in alphabetical order. */
    public List<TopicCount> counts() {
        List<TopicCount> counts = new ArrayList<>();
        byTopic.forEach((topic, list) -> {
            int[] n = new int[Difficulty.values().length];
            list.forEach(q -> n[q.difficulty().ordinal()]++);
            counts.add(new TopicCount(topic, n[0], n[1], n[2]));
        });
        return counts;
    }
}
