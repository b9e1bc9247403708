package dev.prepbot.bench;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Question;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQLite FTS5 peer: the same bank in an in-memory FTS5 table with the Porter stemmer, ranked by
 * BM25 with the same field weights as Prepbot (question 4, answer 2, explanation 1). The query's words
 * are OR-ed and the last word is a prefix, as in Prepbot; FTS5 has no typo tolerance.
 */
final class Fts5Engine implements Engine {

    private final Connection db;
    private final PreparedStatement query;
    private final PreparedStatement prefix;

    Fts5Engine(Bank bank) throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE q USING fts5(id UNINDEXED, question, answer, explanation,"
                    + " tokenize = 'porter unicode61')");
        }
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO q VALUES (?, ?, ?, ?)")) {
            for (Question question : bank.questions()) {
                insert.setString(1, question.id());
                insert.setString(2, question.question());
                insert.setString(3, question.answer());
                insert.setString(4, question.explanation().orElse(""));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        db.commit();
        query = db.prepareStatement("SELECT id FROM q WHERE q MATCH ? ORDER BY bm25(q, 0.0, 4.0, 2.0, 1.0) LIMIT ?");
        prefix = db.prepareStatement("SELECT id FROM q WHERE q MATCH ? ORDER BY rank LIMIT ?");
    }

    /** Questions holding every typed word in the question column, the last as a prefix, by BM25. */
    @Override
    public List<String> suggest(String partial, int limit) {
        List<String> terms = terms(partial);
        if (terms.isEmpty()) {
            return List.of();
        }
        return run(prefix, "question : (" + String.join(" AND ", terms) + ")", limit);
    }

    @Override
    public String name() {
        return "fts5";
    }

    @Override
    public List<String> search(String text, int limit) {
        List<String> terms = terms(text);
        if (terms.isEmpty()) {
            return List.of();
        }
        return run(query, String.join(" OR ", terms), limit);
    }

    /** The words as quoted FTS5 strings (so no word is read as syntax), the last one as a prefix. */
    private static List<String> terms(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                terms.add("\"" + words[i] + "\"" + (i == words.length - 1 ? "*" : ""));
            }
        }
        return terms;
    }

    private static List<String> run(PreparedStatement statement, String match, int limit) {
        try {
            statement.setString(1, match);
            statement.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
