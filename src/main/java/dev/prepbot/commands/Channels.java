package dev.prepbot.commands;

import java.util.concurrent.CompletableFuture;

/**
 * Messages the bot posts on its own, not as the answer to an interaction: quiz questions and daily
 * posts. The Discord adapter implements it with JDA; tests and the console with fakes.
 */
public interface Channels {

    /** Posts the card to the channel; completes with the new message's id. */
    CompletableFuture<String> post(String channelId, Reply.Card card);

    /** Replaces the content of a message the bot posted earlier. */
    CompletableFuture<Void> edit(String channelId, String messageId, Reply.Card card);
}
