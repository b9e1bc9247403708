package dev.prepbot.store;

import java.time.Instant;
import java.util.Optional;

/** A quiz round as stored: enough to close it properly after a restart. */
public record RoundRecord(String id, String guildId, String channelId, String starterId, Optional<String> topic,
                          int questionCount, int seconds, RoundStatus status, Optional<String> messageId,
                          Instant startedAt) {
}
