package dev.prepbot.serverbank;

import java.util.Locale;
import java.util.Optional;

/** Why a member flags a question. */
public enum ReportReason {
    WRONG, UNCLEAR, OUTDATED, DUPLICATE;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportReason> fromSlug(String text) {
        for (ReportReason r : values()) {
            if (r.slug().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
