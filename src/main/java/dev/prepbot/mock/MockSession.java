package dev.prepbot.mock;

import dev.prepbot.bank.Difficulty;
import java.time.Instant;
import java.util.Optional;

/**
 * One mock interview session: a lobby in a channel that members join, then pairs. A match from the
 * queue is a session too, started at once with its two members.
 */
public record MockSession(String id, String guildId, String channelId, String starterId, Optional<String> topic,
                          Optional<Difficulty> difficulty, int minutes, Status status, Optional<String> lobbyMessageId,
                          Instant createdAt) {

    public enum Status {
        LOBBY, RUNNING, ENDED
    }

    public MockSession withStatus(Status next) {
        return new MockSession(id, guildId, channelId, starterId, topic, difficulty, minutes, next, lobbyMessageId, createdAt);
    }

    public MockSession withLobbyMessage(String messageId) {
        return new MockSession(id, guildId, channelId, starterId, topic, difficulty, minutes, status,
                Optional.of(messageId), createdAt);
    }
}
