package dev.prepbot.serverbank;

import dev.prepbot.bank.Question;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One of a server's own questions with its history: who wrote it, where it stands, the question it
 * looked like when it was added ({@code duplicateOf}) and why a curator turned it down.
 */
public record ServerQuestion(String guildId, Question question, Status status, String authorId,
                             Optional<String> duplicateOf, Optional<String> reason, Instant createdAt,
                             Instant updatedAt) {

    public ServerQuestion {
        Objects.requireNonNull(guildId, "guildId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(duplicateOf, "duplicateOf");
        Objects.requireNonNull(reason, "reason");
    }

    public String id() {
        return question.id();
    }

    public ServerQuestion with(Status newStatus, Optional<String> newReason, Instant at) {
        return new ServerQuestion(guildId, question, newStatus, authorId, duplicateOf, newReason, createdAt, at);
    }

    public ServerQuestion with(Question edited, Instant at) {
        return new ServerQuestion(guildId, edited, status, authorId, duplicateOf, reason, createdAt, at);
    }
}
