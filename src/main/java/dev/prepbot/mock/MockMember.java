package dev.prepbot.mock;

/** A member of a session, with the name they had when they joined. */
public record MockMember(String userId, String name) {
}
