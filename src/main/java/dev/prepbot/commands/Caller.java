package dev.prepbot.commands;

import java.util.Optional;
import java.util.Set;

/**
 * Who invoked a command and where. {@code guildId} is empty in direct messages and in the console;
 * {@code canManageServer} is the caller's Manage Server permission in that guild, {@code roleIds} the
 * roles they hold there.
 */
public record Caller(String userId, String displayName, Optional<String> guildId, String channelId,
                     boolean canManageServer, Set<String> roleIds) {

    public Caller {
        roleIds = Set.copyOf(roleIds);
    }

    public Caller(String userId, String displayName, Optional<String> guildId, String channelId, boolean canManageServer) {
        this(userId, displayName, guildId, channelId, canManageServer, Set.of());
    }
}
