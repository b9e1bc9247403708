package dev.prepbot.serverbank;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where servers' own questions, their settings, reports and drafts are kept: the record of them. */
public interface ServerBankStore {

    Optional<ServerQuestion> question(String guildId, String questionId);

    /** Those of the server's questions that are live, among these ids, in no particular order. */
    List<ServerQuestion> live(String guildId, Collection<String> questionIds);

    /** A server's questions in the given states, oldest first. */
    List<ServerQuestion> questions(String guildId, Set<Status> statuses);

    /** Every server's live questions. */
    List<ServerQuestion> allLive();

    /**
     * The servers that have live questions, in the order of their ids, each with how many: for building
     * the search index one server at a time, and checking a kept one holds as many.
     */
    Map<String, Integer> liveCounts();

    /** The oldest question waiting for review. */
    Optional<ServerQuestion> nextPending(String guildId);

    /** Live and pending questions: what counts against a server's limit. */
    int count(String guildId);

    /** Questions this member added since then, whatever became of them: the hourly limit. */
    int addedSince(String guildId, String authorId, Instant since);

    /** Adds or replaces one question. */
    void save(ServerQuestion question);

    /**
     * Adds all the questions in one transaction, or none: none when the server would then hold more
     * than {@code limit}, or when one of the ids is already taken. Returns whether they were added.
     */
    boolean saveAll(String guildId, List<ServerQuestion> questions, int limit);

    Source source(String guildId);

    void source(String guildId, Source source);

    Optional<String> curatorRole(String guildId);

    void curatorRole(String guildId, Optional<String> roleId);

    void report(Report report);

    boolean hasOpenReport(String guildId, String questionId, String userId);

    /** Open reports, oldest first: of one server, or of every server when {@code guildId} is empty. */
    List<Report> openReports(Optional<String> guildId);

    /** Closes every open report on the question in that server; returns how many it closed. */
    int resolveReports(String guildId, String questionId, String byUserId, Instant at);

    /** How the server's quizzes went, per question asked at least once. */
    List<QuestionStats> questionStats(String guildId);

    void saveDraft(Draft draft);

    Optional<Draft> draft(String draftId);

    void deleteDraft(String draftId);

    /** A number that grows with every change of any server's questions. */
    long version();

    /**
     * Questions changed after that version, in any state: how a process learns of what another added,
     * approved or removed.
     */
    List<ServerQuestion> changedSince(long version);
}
