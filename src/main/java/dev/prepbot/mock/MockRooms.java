package dev.prepbot.mock;

import dev.prepbot.commands.Channels;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Private rooms for a pair: a private thread under a channel that only its members (and the bot) see,
 * and where the bot may create channels, a voice channel only they can see and join. Posting and
 * editing in the thread are those of {@link Channels}, the thread's id being a channel id.
 */
public interface MockRooms extends Channels {

    /** A pair's room: its thread, and its voice channel when one could be made. */
    record Room(String threadId, Optional<String> voiceId) {
    }

    /** Why rooms cannot be opened under this channel (a missing permission); empty when they can. */
    Optional<String> problemOpening(String guildId, String channelId);

    /** Opens a room for the members under the channel; completes once they are in it. */
    CompletableFuture<Room> open(String guildId, String channelId, String name, List<String> memberIds);

    /** Removes the voice channel; the thread stays, as the pair's record of their scores. */
    CompletableFuture<Void> close(Room room);

    /** How many members are in the voice channel now; empty when the transport cannot tell. */
    OptionalInt voiceOccupants(String voiceId);

    /** The rooms of a transport whose channels can open them; empty for one that cannot (the console). */
    static Optional<MockRooms> of(Channels channels) {
        return channels instanceof MockRooms rooms ? Optional.of(rooms) : Optional.empty();
    }
}
