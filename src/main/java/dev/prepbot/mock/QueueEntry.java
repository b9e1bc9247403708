package dev.prepbot.mock;

import java.time.Instant;

/** A member waiting for a partner at a difficulty ({@code any} when none was asked for). */
public record QueueEntry(String guildId, String userId, String name, String difficulty, String channelId, Instant since) {
}
