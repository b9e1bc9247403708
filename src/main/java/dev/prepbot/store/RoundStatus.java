package dev.prepbot.store;

import java.util.Locale;

/** Where a round stands; only RUNNING rounds are open. */
public enum RoundStatus {
    RUNNING, FINISHED, STOPPED, INTERRUPTED;

    String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RoundStatus fromSlug(String slug) {
        return valueOf(slug.toUpperCase(Locale.ROOT));
    }
}
