package dev.prepbot.mock;

import java.util.List;
import java.util.Optional;

/** Where sessions, pairs, scores and the queue are kept, so a restart resumes them. */
public interface MockStore {

    void saveSession(MockSession session);

    Optional<MockSession> session(String id);

    /** The session with a lobby in the channel that is not over, if any. */
    Optional<MockSession> openSessionIn(String channelId);

    /** Adds the member; false when they were in already. */
    boolean addMember(String sessionId, MockMember member);

    boolean removeMember(String sessionId, String userId);

    /** The session's members in the order they joined. */
    List<MockMember> members(String sessionId);

    void savePair(MockPair pair);

    Optional<MockPair> pair(String id);

    List<MockPair> pairs(String sessionId);

    /** Every pair still running, for a restart. */
    List<MockPair> openPairs();

    /** The running pair the member is in, in this server. */
    Optional<MockPair> openPairOf(String guildId, String userId);

    void saveScore(MockScore score);

    Optional<MockScore> score(String pairId, int round);

    /** The member's complete scores as a candidate, in this server. */
    MockSummary summary(String guildId, String userId);

    /** Every complete score in this server given since the instant. */
    MockSummary teamSummary(String guildId, java.time.Instant since);

    /** Queues the member (or moves them to another difficulty). */
    void enqueue(QueueEntry entry);

    boolean dequeue(String guildId, String userId);

    Optional<QueueEntry> queued(String guildId, String userId);

    /** The longest waiting member at the difficulty, other than {@code userId}. */
    Optional<QueueEntry> longestWaiting(String guildId, String difficulty, String userId);
}
