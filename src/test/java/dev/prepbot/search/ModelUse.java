package dev.prepbot.search;

/**
 * Which path a search takes, for the benchmarks: they time searches that go through the sentence
 * model apart from searches by words, and the public API does not say which is which.
 */
public final class ModelUse {

    private ModelUse() {
    }

    /**
     * Whether searching for the text embeds it with the sentence model: the model must be ready, and
     * the query more than a few words the bank knows (those are answered by words alone).
     */
    public static boolean asksTheModel(SearchIndex index, String text) {
        return index.searchesByMeaning() && !index.evidence(text).keywords();
    }
}
