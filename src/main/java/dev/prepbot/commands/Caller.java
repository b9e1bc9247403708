package dev.prepbot.commands;

import java.util.Optional;

/**
 * Who invoked a command and where. {@code guildId} is empty in direct messages and in the console;
 * {@code canManageServer} is the caller's Manage Server permission in that guild.
 */
public record Caller(String userId, String displayName, Optional<String> guildId, String channelId,
                     boolean canManageServer) {
}
