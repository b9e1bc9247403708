package dev.prepbot.readiness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The team's answers as topics × members, ready to draw. {@code cells.get(t).get(m)} is member
 * {@code m}'s answers in topic {@code t}.
 *
 * <p>Topics come weakest first, because the first rows are what the team should practise next: topics
 * with at least {@link #ENOUGH_ANSWERS} answers by the team's accuracy (more answers first on a tie,
 * then by name), then topics with fewer answers, alphabetically, since a handful of answers says
 * little about a topic. Members come most active first. At most {@link #MAX_COLUMNS} columns: with
 * more members than that, the fifteen most active keep their own and the rest are summed into a last
 * column labelled {@code "others (N)"}, so the image stays readable and its size bounded.
 *
 * @param othersCount how many members the last column sums; 0 when every member has a column
 */
public record ReadinessData(List<String> topics, List<String> members, List<List<Cell>> cells, int othersCount) {

    /** Fewer answers than this and a topic is not ranked or called weak: one wrong answer is not a weakness. */
    public static final int ENOUGH_ANSWERS = 5;

    /** Sixteen columns still fit a readable image; beyond that the names would be too small to read. */
    public static final int MAX_COLUMNS = 16;

    /**
     * Team totals, weakest first: those with enough answers by accuracy, then more answers first; then
     * the rest, left equal for the caller to order by name.
     */
    static final Comparator<Cell> WEAKEST_FIRST = (a, b) -> {
        boolean rankedA = a.answered() >= ENOUGH_ANSWERS;
        boolean rankedB = b.answered() >= ENOUGH_ANSWERS;
        if (rankedA != rankedB) {
            return rankedA ? -1 : 1;
        }
        if (!rankedA) {
            return 0;
        }
        // Cross-multiplied rather than divided, so equal accuracies tie exactly.
        int byAccuracy = Long.compare((long) a.correct() * b.answered(), (long) b.correct() * a.answered());
        return byAccuracy != 0 ? byAccuracy : Integer.compare(b.answered(), a.answered());
    };

    public ReadinessData {
        topics = List.copyOf(topics);
        members = List.copyOf(members);
        if (members.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException(members.size() + " member columns; at most " + MAX_COLUMNS);
        }
        if (othersCount < 0 || (othersCount > 0 && members.isEmpty())) {
            throw new IllegalArgumentException("othersCount " + othersCount + " needs a last column to sum into");
        }
        if (cells.size() != topics.size()) {
            throw new IllegalArgumentException(cells.size() + " rows of cells for " + topics.size() + " topics");
        }
        List<List<Cell>> rows = new ArrayList<>(cells.size());
        for (List<Cell> row : cells) {
            if (row.size() != members.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells for " + members.size() + " members");
            }
            rows.add(List.copyOf(row));
        }
        cells = List.copyOf(rows);
    }

    /** Nothing answered: no topics, no members. */
    public static ReadinessData empty() {
        return new ReadinessData(List.of(), List.of(), List.of(), 0);
    }

    public static ReadinessData from(Collection<Tally> tallies) {
        return from(tallies, List.of());
    }

    /**
     * Aggregates raw counts: repeated (member, topic) tallies are summed, members with no answers get
     * no column, and {@code knownTopics} (the bank's topics, say) appear as rows even when nobody has
     * answered them yet. A member's column is labelled with the first non-blank name seen for their id,
     * or the id when every name is blank.
     */
    public static ReadinessData from(Collection<Tally> tallies, Collection<String> knownTopics) {
        Map<String, Member> byId = new LinkedHashMap<>();
        Set<String> topicNames = new TreeSet<>(knownTopics);
        for (Tally tally : tallies) {
            topicNames.add(tally.topic());
            Member member = byId.computeIfAbsent(tally.memberId(), Member::new);
            if (member.name == null && !tally.memberName().isBlank()) {
                member.name = tally.memberName();
            }
            member.byTopic.merge(tally.topic(), tally.cell(), Cell::plus);
            member.total = member.total.plus(tally.cell());
        }

        List<Member> active = new ArrayList<>(byId.values().stream().filter(m -> !m.total.isEmpty()).toList());
        if (active.isEmpty()) {
            return empty();
        }
        active.sort(Comparator.comparingInt((Member m) -> m.total.answered()).reversed().thenComparing(m -> m.id));
        boolean fold = active.size() > MAX_COLUMNS;
        List<Member> shown = fold ? active.subList(0, MAX_COLUMNS - 1) : active;
        List<Member> folded = fold ? active.subList(MAX_COLUMNS - 1, active.size()) : List.of();

        List<String> columns = new ArrayList<>(shown.stream().map(m -> m.name == null ? m.id : m.name).toList());
        if (fold) {
            columns.add("others (" + folded.size() + ")");
        }

        Map<String, List<Cell>> rowByTopic = new HashMap<>();
        Map<String, Cell> totalByTopic = new HashMap<>();
        for (String topic : topicNames) {
            List<Cell> row = new ArrayList<>(columns.size());
            for (Member member : shown) {
                row.add(member.byTopic.getOrDefault(topic, Cell.EMPTY));
            }
            if (fold) {
                Cell others = Cell.EMPTY;
                for (Member member : folded) {
                    others = others.plus(member.byTopic.getOrDefault(topic, Cell.EMPTY));
                }
                row.add(others);
            }
            rowByTopic.put(topic, row);
            totalByTopic.put(topic, row.stream().reduce(Cell.EMPTY, Cell::plus));
        }

        List<String> topics = new ArrayList<>(topicNames);
        topics.sort(Comparator.comparing((String t) -> totalByTopic.get(t), WEAKEST_FIRST).thenComparing(Comparator.naturalOrder()));
        return new ReadinessData(topics, columns, topics.stream().map(rowByTopic::get).toList(), folded.size());
    }

    public Cell cell(int topic, int member) {
        return cells.get(topic).get(member);
    }

    /** The whole team's answers in a topic, the others included. */
    public Cell topicTotal(int topic) {
        return cells.get(topic).stream().reduce(Cell.EMPTY, Cell::plus);
    }

    public int totalAnswers() {
        int total = 0;
        for (int t = 0; t < topics.size(); t++) {
            total = Math.addExact(total, topicTotal(t).answered());
        }
        return total;
    }

    public boolean isEmpty() {
        return totalAnswers() == 0;
    }

    public boolean hasOthers() {
        return othersCount > 0;
    }

    /** One member's answers while aggregating; never leaves this class. */
    private static final class Member {
        final String id;
        String name;
        Cell total = Cell.EMPTY;
        final Map<String, Cell> byTopic = new HashMap<>();

        Member(String id) {
            this.id = Objects.requireNonNull(id);
        }
    }
}
