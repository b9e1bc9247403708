package dev.prepbot.commands;

/** Who sees a reply: the whole channel, or only the person who asked. */
public enum Visibility {
    PUBLIC, PRIVATE
}
