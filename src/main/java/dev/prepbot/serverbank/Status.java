package dev.prepbot.serverbank;

import java.util.Locale;
import java.util.Optional;

/** Where a server's question stands: asked and found, waiting for a curator, turned down, or removed. */
public enum Status {
    LIVE, PENDING, REJECTED, REMOVED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> fromSlug(String text) {
        for (Status s : values()) {
            if (s.slug().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
