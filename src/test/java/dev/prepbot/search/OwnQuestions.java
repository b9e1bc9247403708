package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Question;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A catalog of the built-in bank and one server's own questions, for search tests without a database. */
final class OwnQuestions {

    private OwnQuestions() {
    }

    static Catalog catalog(Bank builtIn, List<Question> own) {
        return new Catalog() {
            @Override
            public Bank builtIn() {
                return builtIn;
            }

            @Override
            public Optional<Question> byId(Optional<String> guild, String id) {
                return own.stream().filter(q -> q.id().equals(id)).findFirst().or(() -> builtIn.byId(id));
            }

            @Override
            public Map<String, Question> ownQuestions(String guild, Collection<String> ids) {
                return own.stream().filter(q -> ids.contains(q.id())).collect(Collectors.toMap(Question::id, q -> q));
            }

            @Override
            public List<Question> drawable(Optional<String> guild) {
                return builtIn.questions();
            }
        };
    }
}
