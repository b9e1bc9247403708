package dev.prepbot.discord;

/** Keeps the bot token out of any text that may be shown or logged. */
final class Secrets {

    private Secrets() {
    }

    /** The text with every occurrence of the secret replaced; a blank secret changes nothing. */
    static String redact(String text, String secret) {
        if (text == null) {
            return "";
        }
        if (secret == null || secret.isBlank()) {
            return text;
        }
        return text.replace(secret, "[redacted]");
    }
}
