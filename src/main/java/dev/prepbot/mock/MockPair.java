package dev.prepbot.mock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two members (and in a trio an observer) in their private room. In round 1 {@code firstId} interviews
 * {@code secondId}; in round 2 they swap. {@code deadline} is when the current phase times out: the
 * no-show check while waiting, the end of the interview while it runs.
 */
public record MockPair(String id, String sessionId, String guildId, String firstId, String secondId,
                       Optional<String> observerId, Optional<String> threadId, Optional<String> voiceId, Status status,
                       int round, Optional<String> questionId, Optional<String> roundMessageId,
                       Optional<Instant> deadline, Set<String> here) {

    public enum Status {
        /** The room is open; each member confirms they are there. */
        WAITING,
        /** A question is being asked; the timer runs. */
        INTERVIEW,
        /** Time is up; the interviewer scores. */
        SCORING,
        /** Both rounds were scored. */
        DONE,
        /** Stopped, or too few members turned up. */
        ENDED
    }

    public static final int ROUNDS = 2;

    public MockPair {
        here = Set.copyOf(here);
    }

    public String interviewer() {
        return round == 2 ? secondId : firstId;
    }

    public String candidate() {
        return round == 2 ? firstId : secondId;
    }

    public List<String> members() {
        List<String> members = new ArrayList<>(List.of(firstId, secondId));
        observerId.ifPresent(members::add);
        return members;
    }

    public boolean open() {
        return status != Status.DONE && status != Status.ENDED;
    }

    public MockPair with(Status nextStatus, int nextRound, Optional<String> question, Optional<String> message,
                         Optional<Instant> nextDeadline) {
        return new MockPair(id, sessionId, guildId, firstId, secondId, observerId, threadId, voiceId, nextStatus,
                nextRound, question, message, nextDeadline, here);
    }

    public MockPair withStatus(Status nextStatus) {
        return with(nextStatus, round, questionId, roundMessageId, deadline);
    }

    public MockPair withRoom(String thread, Optional<String> voice) {
        return new MockPair(id, sessionId, guildId, firstId, secondId, observerId, Optional.of(thread), voice, status,
                round, questionId, roundMessageId, deadline, here);
    }

    public MockPair withHere(Set<String> nowHere) {
        return new MockPair(id, sessionId, guildId, firstId, secondId, observerId, threadId, voiceId, status, round,
                questionId, roundMessageId, deadline, nowHere);
    }

    public MockPair withMembers(String first, String second, Optional<String> observer) {
        return new MockPair(id, sessionId, guildId, first, second, observer, threadId, voiceId, status, round,
                questionId, roundMessageId, deadline, here);
    }
}
