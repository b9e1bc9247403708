package dev.prepbot.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Daily records kept in memory with the same one-post-per-day rule as the database's unique key. */
final class InMemoryDailyRecords implements DailyRecords {

    record Post(String guildId, LocalDate date, String questionId, int cycle, Instant at) {
    }

    private final Map<String, DailySchedule> schedules = new LinkedHashMap<>();
    private final Map<String, Post> posts = new LinkedHashMap<>();
    private final Map<String, String> problems = new HashMap<>();

    @Override
    public synchronized Optional<DailySchedule> schedule(String guildId) {
        return Optional.ofNullable(schedules.get(guildId));
    }

    @Override
    public synchronized List<DailySchedule> schedules() {
        return List.copyOf(schedules.values());
    }

    @Override
    public synchronized void saveSchedule(DailySchedule schedule) {
        schedules.put(schedule.guildId(), schedule);
        problems.remove(schedule.guildId());
    }

    @Override
    public synchronized void deleteSchedule(String guildId) {
        schedules.remove(guildId);
    }

    @Override
    public synchronized boolean claimPost(String guildId, LocalDate date, String questionId, int cycle, Instant at) {
        return posts.putIfAbsent(guildId + "/" + date, new Post(guildId, date, questionId, cycle, at)) == null;
    }

    /** When each of the guild's days was claimed, in claim order. */
    synchronized List<Instant> claimTimes() {
        return posts.values().stream().map(Post::at).toList();
    }

    @Override
    public synchronized boolean posted(String guildId, LocalDate date) {
        return posts.containsKey(guildId + "/" + date);
    }

    @Override
    public void recordMessage(String guildId, LocalDate date, String messageId) {
    }

    /** Claims here never expire, so every claim is settled already. */
    @Override
    public void settle(String guildId, LocalDate date) {
    }

    @Override
    public synchronized void recordProblem(String guildId, Optional<String> problem) {
        problem.ifPresentOrElse(p -> problems.put(guildId, p), () -> problems.remove(guildId));
    }

    @Override
    public synchronized Optional<String> lastProblem(String guildId) {
        return Optional.ofNullable(problems.get(guildId));
    }

    @Override
    public synchronized Cycle currentCycle(String guildId) {
        int number = posts.values().stream().filter(p -> p.guildId().equals(guildId)).mapToInt(Post::cycle).max().orElse(0);
        Set<String> ids = new HashSet<>();
        posts.values().stream().filter(p -> p.guildId().equals(guildId) && p.cycle() == number)
                .forEach(p -> ids.add(p.questionId()));
        return new Cycle(number, ids);
    }

    synchronized List<Post> posts(String guildId) {
        List<Post> list = new ArrayList<>();
        posts.values().stream().filter(p -> p.guildId().equals(guildId)).forEach(list::add);
        return list;
    }
}
