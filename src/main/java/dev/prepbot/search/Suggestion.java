package dev.prepbot.search;

/** An autocomplete entry: what the user sees ({@code name}, at most 100 characters) and the question id. */
public record Suggestion(String name, String id) {
}
