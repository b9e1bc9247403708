package dev.prepbot.serverbank;

import java.time.Instant;
import java.util.Optional;

/** A member's report on a question, built-in or the server's own; open until a curator resolves it. */
public record Report(String id, String guildId, String questionId, boolean builtIn, String userId,
                     ReportReason reason, Optional<String> note, Instant createdAt, Optional<Instant> resolvedAt) {
}
