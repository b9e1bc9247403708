package dev.prepbot.bank;

/**
 * Where long work (loading a large bank, indexing it) reports how far it has got. The work calls
 * {@link #update} as it goes and once more with {@code done == total} when the step ends; whether
 * and how anything is shown is the receiver's business.
 */
@FunctionalInterface
public interface Progress {

    /** {@code done} of {@code total} units of {@code step}, a short phrase such as "Indexing questions". */
    void update(String step, long done, long total);

    /** Progress nobody watches: tests, and output meant for programs. */
    static Progress none() {
        return (step, done, total) -> {
        };
    }
}
