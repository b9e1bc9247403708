package dev.prepbot.mock;

import dev.prepbot.commands.Reply;
import dev.prepbot.testing.RecordingChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Rooms kept in memory: each opened room with its members, what was posted in it, and which were closed. */
final class InMemoryRooms implements MockRooms {

    record Opened(String guildId, String channelId, String name, List<String> members, Room room) {
    }

    final RecordingChannels channels = new RecordingChannels();
    private final List<Opened> opened = new ArrayList<>();
    private final List<Room> closed = new ArrayList<>();
    private final boolean voice;
    private int next;

    InMemoryRooms(boolean voice) {
        this.voice = voice;
    }

    @Override
    public CompletableFuture<String> post(String channelId, Reply.Card card) {
        return channels.post(channelId, card);
    }

    @Override
    public CompletableFuture<Void> edit(String channelId, String messageId, Reply.Card card) {
        return channels.edit(channelId, messageId, card);
    }

    @Override
    public Optional<String> problemOpening(String guildId, String channelId) {
        return Optional.empty();
    }

    @Override
    public synchronized CompletableFuture<Room> open(String guildId, String channelId, String name, List<String> members) {
        int n = next++;
        Room room = new Room("thread" + n, voice ? Optional.of("voice" + n) : Optional.empty());
        opened.add(new Opened(guildId, channelId, name, List.copyOf(members), room));
        return CompletableFuture.completedFuture(room);
    }

    @Override
    public synchronized CompletableFuture<Void> close(Room room) {
        closed.add(room);
        return CompletableFuture.completedFuture(null);
    }

    private final java.util.Map<String, Integer> occupants = new java.util.HashMap<>();

    @Override
    public synchronized java.util.OptionalInt voiceOccupants(String voiceId) {
        Integer n = occupants.get(voiceId);
        return n == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(n);
    }

    /** Says how many members are in the voice room from now on. */
    synchronized void occupy(String voiceId, int members) {
        occupants.put(voiceId, members);
    }

    synchronized List<Opened> opened() {
        return List.copyOf(opened);
    }

    synchronized List<Room> closed() {
        return List.copyOf(closed);
    }

    /** Every card posted in the channel or thread, as it stands now. */
    List<Reply.Card> in(String channelId) {
        return channels.all().stream().filter(p -> p.channelId().equals(channelId)).map(RecordingChannels.Posted::card)
                .toList();
    }
}
