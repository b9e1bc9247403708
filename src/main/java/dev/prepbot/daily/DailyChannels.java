package dev.prepbot.daily;

import dev.prepbot.commands.Channels;
import dev.prepbot.commands.Reply;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Posting the daily question: the channel messages of {@link Channels}, plus what only daily posts need. */
public interface DailyChannels extends Channels {

    /** Why the bot cannot post in the channel (it does not exist, or a permission is missing); empty when it can. */
    Optional<String> problemPosting(String guildId, String channelId);

    /**
     * Posts a card that must appear once. {@code nonce} is the same for every attempt at it, so Discord
     * returns the first message instead of making a second when another attempt follows within minutes
     * (a process that took over the day of one that died after posting). Channels without such a check
     * simply post.
     */
    default CompletableFuture<String> postOnce(String channelId, Reply.Card card, String nonce) {
        return post(channelId, card);
    }

    /** Opens a discussion thread under the post where the bot may; completes quietly where it may not. */
    CompletableFuture<Void> openThread(String channelId, String messageId, String name);
}
