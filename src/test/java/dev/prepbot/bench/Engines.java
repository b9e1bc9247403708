package dev.prepbot.bench;

import dev.prepbot.App;
import dev.prepbot.search.SearchIndex;
import dev.prepbot.search.Suggestion;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The three engines by name, on the bank of a started Prepbot. */
final class Engines {

    static final List<String> NAMES = List.of("prepbot", "fts5", "scan");

    private Engines() {
    }

    static Engine open(String name, App app) throws SQLException {
        return switch (name) {
            case "prepbot" -> new PrepbotEngine(app.index());
            case "fts5" -> new Fts5Engine(app.bank());
            case "scan" -> new ScanEngine(app.bank());
            default -> throw new IllegalArgumentException("no engine " + name);
        };
    }

    /** Prepbot's search as the bot runs it: the index opened from the cache, hits highlighted. */
    record PrepbotEngine(SearchIndex index) implements Engine {
        @Override
        public String name() {
            return "prepbot";
        }

        @Override
        public List<String> search(String query, int limit) {
            return index.search(query, Optional.empty(), limit).stream().map(hit -> hit.question().id()).toList();
        }

        @Override
        public List<String> suggest(String partial, int limit) {
            return index.suggest(partial, limit).stream().map(Suggestion::id).toList();
        }
    }
}
