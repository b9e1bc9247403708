package dev.prepbot.search;

import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.SingleInstanceLockFactory;

/**
 * Lucene directories held in memory, each file read as one buffer.
 *
 * <p>By default a {@link ByteBuffersDirectory} reads a file as the list of blocks it was written in, and
 * every clone of an input (each term lookup, each postings list) copies that list: for a /search
 * answered from an index in memory, a fifth of the work was those copies (a profile of a thousand
 * searches). Read as one buffer, a clone is one copy; a file is copied once, when it is complete.
 */
final class InMemory {

    /** A file this large stays in blocks: one Java buffer holds at most 2 GB. */
    private static final long ONE_BUFFER_AT_MOST = 1L << 30;

    private InMemory() {
    }

    static ByteBuffersDirectory directory() {
        return new ByteBuffersDirectory(new SingleInstanceLockFactory(), ByteBuffersDataOutput::new, InMemory::input);
    }

    private static IndexInput input(String name, ByteBuffersDataOutput written) {
        return written.size() <= ONE_BUFFER_AT_MOST
                ? ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER.apply(name, written)
                : ByteBuffersDirectory.OUTPUT_AS_MANY_BUFFERS.apply(name, written);
    }
}
