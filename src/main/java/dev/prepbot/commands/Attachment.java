package dev.prepbot.commands;

/**
 * A file attached to a command. {@code size} is what the sender declared; {@code content} is empty
 * when the file was larger than {@link #MAX_DOWNLOAD}, which a transport does not fetch at all.
 */
public record Attachment(String fileName, long size, byte[] content) {

    public static final long MAX_DOWNLOAD = 8L * 1024 * 1024;

    public Attachment {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
