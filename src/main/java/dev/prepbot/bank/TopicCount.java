package dev.prepbot.bank;

/** How many questions a topic has, by difficulty. */
public record TopicCount(String topic, int easy, int medium, int hard) {

    public int total() {
        return easy + medium + hard;
    }

    public int of(Difficulty difficulty) {
        return switch (difficulty) {
            case EASY -> easy;
            case MEDIUM -> medium;
            case HARD -> hard;
        };
    }
}
