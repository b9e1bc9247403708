package dev.prepbot.testing;

import dev.prepbot.commands.Reply;
import dev.prepbot.commands.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Channels that keep every posted card and its edits in memory, for tests of quiz rounds. */
public final class RecordingChannels implements Channels {

    /** A posted message as it stands now. */
    public record Posted(String channelId, String messageId, Reply.Card card) {
    }

    private final Map<String, Posted> messages = new LinkedHashMap<>();
    private int next;

    @Override
    public synchronized CompletableFuture<String> post(String channelId, Reply.Card card) {
        String id = "m" + next++;
        messages.put(id, new Posted(channelId, id, card));
        return CompletableFuture.completedFuture(id);
    }

    @Override
    public synchronized CompletableFuture<Void> edit(String channelId, String messageId, Reply.Card card) {
        messages.put(messageId, new Posted(channelId, messageId, card));
        return CompletableFuture.completedFuture(null);
    }

    public synchronized List<Posted> all() {
        return new ArrayList<>(messages.values());
    }

    public synchronized Posted last() {
        List<Posted> all = all();
        return all.get(all.size() - 1);
    }

    /** Everything a card says, for assertions. */
    public static String text(Reply.Card card) {
        StringBuilder text = new StringBuilder(card.title().plain());
        card.sections().forEach(s -> text.append('\n').append(s.heading().plain()).append('\n').append(s.body().plain()));
        card.footer().ifPresent(f -> text.append('\n').append(f.plain()));
        return text.toString();
    }
}
