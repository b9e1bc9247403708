package dev.prepbot.commands;

import dev.prepbot.search.Suggestion;
import dev.prepbot.bank.Catalog;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** {@code /question [topic] [difficulty]}: a random question, answers behind buttons. */
public final class QuestionCommand implements Command {

    private final Catalog bank;
    private final AnswerCards cards;
    private final RandomGenerator random;

    public QuestionCommand(Catalog bank, AnswerCards cards, RandomGenerator random) {
        this.bank = bank;
        this.cards = cards;
        this.random = random;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("question", "A random interview question; buttons reveal the answer",
                Topics.option(),
                OptionSpec.choice("difficulty", "Only questions of this difficulty",
                        Arrays.stream(Difficulty.values()).map(Difficulty::slug).toList()));
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<String> topic = request.text("topic");
        Optional<String> guild = request.caller().guildId();
        if (topic.isPresent() && !bank.hasTopic(guild, topic.get())) {
            return Topics.unknown(bank, guild, topic.get());
        }
        Optional<String> difficultyText = request.text("difficulty");
        Optional<Difficulty> difficulty = difficultyText.flatMap(Difficulty::fromSlug);
        if (difficultyText.isPresent() && difficulty.isEmpty()) {
            return Reply.Notice.privately("Difficulty must be easy, medium or hard.");
        }
        List<Question> pool = bank.select(guild, topic, difficulty);
        if (pool.isEmpty()) {
            return Reply.Notice.privately("There are no " + difficulty.map(d -> d.slug() + " ").orElse("")
                    + "questions in " + topic.orElse("the bank") + " yet.");
        }
        return cards.questionCard(pool.get(random.nextInt(pool.size())));
    }

    @Override
    public List<Suggestion> autocomplete(String option, String typed, Caller caller) {
        return Topics.OPTION.equals(option) ? Topics.suggest(bank, caller, typed) : List.of();
    }
}
