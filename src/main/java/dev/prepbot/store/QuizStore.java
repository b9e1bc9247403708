package dev.prepbot.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What quiz rounds, the leaderboard and stats keep durably. Every method is scoped to one guild or round. */
public interface QuizStore {

    void openRound(RoundRecord round);

    void setRoundMessage(String roundId, String messageId);

    void closeRound(String roundId, RoundStatus status, Instant at);

    /** Rounds still marked running, such as those open when the bot last stopped. */
    List<RoundRecord> runningRounds();

    /**
     * Stores an answer, committed when this returns; false (and nothing stored) when the player
     * already answered that question of that round.
     */
    default boolean recordAnswer(AnswerRecord answer) {
        return recordAnswers(List.of(answer)).get(0);
    }

    /**
     * Stores several answers in one transaction, committed when this returns: one commit for many
     * players. For each answer in order, whether it was stored (false: that player had already
     * answered that question of that round, including earlier in the same batch).
     */
    List<Boolean> recordAnswers(List<AnswerRecord> answers);

    /** Every player's totals in the guild since the instant, best first. */
    List<Standing> standings(String guildId, Instant since);

    Optional<PlayerStats> stats(String guildId, String userId);
}
