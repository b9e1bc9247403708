package dev.prepbot.commands;

import dev.prepbot.bank.Bank;
import java.util.List;

/** The topic option shared by several commands, and the answer to a topic the bank does not have. */
public final class Topics {

    /** Discord offers at most 25 fixed choices; larger banks fall back to free text. */
    private static final int MAX_CHOICES = 25;

    private Topics() {
    }

    public static OptionSpec option(Bank bank) {
        List<String> topics = bank.topics();
        return topics.size() <= MAX_CHOICES
                ? OptionSpec.choice("topic", "Only questions of this topic", topics)
                : OptionSpec.text("topic", "Only questions of this topic", false);
    }

    public static Reply unknown(Bank bank, String topic) {
        String shown = topic.length() > 40 ? topic.substring(0, 40) + "…" : topic;
        return Reply.Notice.privately("There is no topic \"" + shown + "\". Topics: "
                + String.join(", ", bank.topics()) + ".");
    }
}
