package dev.prepbot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Log levels by mode: the command line logs warnings only, the running bot also what it does. */
final class Logging {

    private Logging() {
    }

    /** The bot logs INFO unless PREPBOT_LOG_LEVEL says otherwise; JDA's own chatter stays at WARN. */
    static void serverDefaults(Map<String, String> env) {
        if (env.containsKey("PREPBOT_LOG_LEVEL")) {
            return;
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.INFO);
        }
    }
}
