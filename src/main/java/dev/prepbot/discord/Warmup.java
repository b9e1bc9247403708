package dev.prepbot.discord;

import dev.prepbot.commands.Caller;
import dev.prepbot.commands.CommandRequest;
import dev.prepbot.commands.Commands;
import dev.prepbot.commands.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the paths a member's first interactions take before the bot listens: a search, an answer card
 * opened from its menu, the topics, the leaderboard (a database read), a readiness picture, help and
 * autocomplete, each
 * rendered and serialized as JDA would send it. Measured against the fake Discord, the first
 * interaction after start took about 400 ms to acknowledge without this, against single-digit
 * milliseconds once warm: the cost is class loading and cold code, paid here instead.
 *
 * <p>It only reads: a caller of its own in a server of its own, no round started, nothing stored.
 */
final class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);
    /**
     * Nobody real: Discord's snowflakes are numbers, so these ids can never be a member's or a server's.
     * One caller a round keeps the per-user rate limit from cutting a round short.
     */
    private static Caller caller(int round) {
        return new Caller("warm-up-" + round, "warm-up", Optional.of("warm-up"), "warm-up", false);
    }

    private final Commands commands;
    private final DiscordRenderer renderer;

    Warmup(Commands commands, DiscordRenderer renderer) {
        this.commands = commands;
        this.renderer = renderer;
    }

    /**
     * Rounds of warming: the first loads classes, the next ones fill caches and get the hot code compiled.
     * Measured over five fresh starts, the first /search took 64 ms after 5 rounds, 50 after 20, 48 after 50.
     */
    private static final int ROUNDS = 50;
    private static final int PICTURE_ROUNDS = 2;
    /**
     * Searches of each kind members type, each taking paths of its own: plain words, a typo (corrected
     * through Lucene's spell checker and fuzzy automata), a half-typed last word (a prefix automaton),
     * keywords, and words written with symbols. Warming with one plain query alone, 1,000 searches of
     * all kinds within a second right after a start were acknowledged at p99 1.49 to 1.69 s; with these
     * five, 1.27 to 1.51 s (three starts each, alternating, on two cores shared with the fake Discord),
     * in a warm-up no longer.
     */
    static final List<String> SEARCHES = List.of("how does an index make a query faster",
            "memroy leak in a cache", "binary sea", "hash map collisions", "O(n log n) sorting");

    /** Never fails: a path that cannot be warmed is simply cold. */
    void run() {
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            once(caller(round), round, round < PICTURE_ROUNDS);
        }
        log.debug("Warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private void once(Caller caller, int round, boolean picture) {
        try {
            Reply results = handle(caller, "search", Map.of("query", SEARCHES.get(round % SEARCHES.size())));
            if (results instanceof Reply.Card card && card.menu().isPresent() && !card.menu().get().options().isEmpty()) {
                Reply.Menu menu = card.menu().get();
                render(commands.act(menu.actionId(), List.of(menu.options().get(0).value()), caller));
            }
            handle(caller, "topics", Map.of());
            handle(caller, "leaderboard", Map.of());
            if (picture) {
                // The first picture loads fonts and the PNG writer: most of a second, once. Later ones cost
                // tens of milliseconds each and are rarely asked for, so they are not repeated.
                handle(caller, "readiness", Map.of());
            }
            handle(caller, "help", Map.of());
            commands.autocomplete("answer", "question", "ind", caller);
        } catch (RuntimeException e) {
            log.debug("Warm-up stopped early: {}", e.toString());
        }
    }

    private Reply handle(Caller caller, String command, Map<String, String> options) {
        Reply reply = commands.handle(new CommandRequest(command, Optional.empty(), options, caller));
        render(reply);
        return reply;
    }

    private void render(Reply reply) {
        for (MessageCreateData message : renderer.render(reply)) {
            message.toData().toJson();
        }
    }
}
