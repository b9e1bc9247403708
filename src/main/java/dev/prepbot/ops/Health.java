package dev.prepbot.ops;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator watching several bot processes wants from each, in one line on standard error: its
 * shards connected out of those it holds, the guilds it serves, the quiz rounds running in it, and the
 * database's round-trip time (or why the database did not answer).
 */
public record Health(int shardsConnected, int shardsHeld, long guilds, int roundsRunning, Optional<Duration> database,
                     Optional<String> databaseProblem) {

    /** The line, prefixed with why it is printed now: {@code start}, {@code every minute} or {@code stop}. */
    public String line(String moment) {
        String db = database.map(d -> String.format(Locale.ROOT, "database %.1f ms", d.toNanos() / 1e6))
                .orElseGet(() -> "database unreachable (" + databaseProblem.orElse("no answer") + ")");
        return "prepbot health (" + moment + "): shards " + shardsConnected + "/" + shardsHeld + " connected, "
                + guilds + (guilds == 1 ? " guild, " : " guilds, ") + roundsRunning
                + (roundsRunning == 1 ? " round running, " : " rounds running, ") + db;
    }
}
