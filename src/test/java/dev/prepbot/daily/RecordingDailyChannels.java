package dev.prepbot.daily;

import dev.prepbot.commands.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Records the daily posts instead of sending them; a channel can be made to refuse. */
final class RecordingDailyChannels implements DailyChannels {

    record Posted(String channelId, String messageId, Reply.Card card) {
    }

    final List<Posted> posted = new ArrayList<>();
    final List<String> threads = new ArrayList<>();
    final Map<String, String> refusing = new ConcurrentHashMap<>();
    private int next;

    @Override
    public synchronized CompletableFuture<String> post(String channelId, Reply.Card card) {
        String id = "m" + next++;
        posted.add(new Posted(channelId, id, card));
        return CompletableFuture.completedFuture(id);
    }

    @Override
    public CompletableFuture<Void> edit(String channelId, String messageId, Reply.Card card) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<String> problemPosting(String guildId, String channelId) {
        return Optional.ofNullable(refusing.get(channelId));
    }

    @Override
    public synchronized CompletableFuture<Void> openThread(String channelId, String messageId, String name) {
        threads.add(messageId);
        return CompletableFuture.completedFuture(null);
    }
}
