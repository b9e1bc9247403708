package dev.prepbot.daily;

import dev.prepbot.commands.Channels;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Posting the daily question: the channel messages of {@link Channels}, plus what only daily posts need. */
public interface DailyChannels extends Channels {

    /** Why the bot cannot post in the channel (it does not exist, or a permission is missing); empty when it can. */
    Optional<String> problemPosting(String guildId, String channelId);

    /** Opens a discussion thread under the post where the bot may; completes quietly where it may not. */
    CompletableFuture<Void> openThread(String channelId, String messageId, String name);
}
