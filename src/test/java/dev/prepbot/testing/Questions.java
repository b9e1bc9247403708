package dev.prepbot.testing;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.Difficulty;
import dev.prepbot.bank.Question;
import java.util.List;
import java.util.Optional;

/** Questions built in code, for tests that need a bank but not a file. */
public final class Questions {

    private Questions() {
    }

    public static Question of(String id, String topic, String question, String answer, String explanation,
                              String... tags) {
        return new Question(id, topic, Difficulty.MEDIUM, List.of(tags), question, answer, Optional.of(explanation),
                Optional.of("Example for " + id + "."), List.of("Mistake one.", "Mistake two."),
                Optional.of("Story for " + id + "."), Optional.of("Right choice for " + id),
                List.of("Wrong one for " + id, "Wrong two for " + id, "Wrong three for " + id),
                List.of("First point of " + id, "Second point of " + id, "Third point of " + id));
    }

    /**
     * A bank of {@code count} questions alike but for their number, "q-0" to "q-(count-1)": every one
     * holds "widget" and "crate", every third one "blue" and the rest "grey".
     */
    public static Bank numbered(int count) {
        List<Question> questions = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            questions.add(of("q-" + i, "topic-" + (i % 7), "Which flavour of widget number " + i + " ships?",
                    "Widget " + i + " ships in the " + (i % 3 == 0 ? "blue" : "grey") + " crate.", "Crates ship weekly."));
        }
        return new Bank(questions);
    }

    /** A small bank on a few familiar subjects, enough to check ranking. */
    public static Bank sample() {
        return new Bank(List.of(
                of("tcp-handshake", "web", "What happens during the TCP three-way handshake?",
                        "The client sends SYN, the server answers SYN-ACK, and the client confirms with ACK.",
                        "The handshake agrees on initial sequence numbers before any data flows.", "tcp", "handshake"),
                of("http-caching", "web", "How do HTTP caching headers such as Cache-Control and ETag work?",
                        "Cache-Control says how long a response may be reused; ETag lets a client revalidate it cheaply.",
                        "A cache stores responses and serves them while fresh.", "http", "caching"),
                of("python-gil", "python", "What is the global interpreter lock in CPython?",
                        "A mutex that lets only one thread execute Python bytecode at a time.",
                        "Threads still help for I/O-bound work because the lock is released while waiting.", "gil", "threads"),
                of("python-generators", "python", "How do generators and yield work in Python?",
                        "A generator function returns an iterator that produces values lazily with yield.",
                        "Each call to next resumes the function where it paused.", "generators", "iterators"),
                of("db-indexes", "databases", "When does a database index speed up a query?",
                        "When the query filters or sorts on indexed columns selectively.",
                        "Indexing trades write speed and storage for faster reads.", "indexes", "performance"),
                of("db-isolation", "databases", "What are transaction isolation levels?",
                        "They define which anomalies concurrent transactions can observe.",
                        "Read committed, repeatable read and serializable prevent more anomalies in turn.", "transactions",
                        "isolation"),
                of("concurrency-deadlock", "concurrency", "What causes a deadlock and how do you prevent it?",
                        "Threads wait on each other's locks in a cycle; a global lock order prevents it.",
                        "Mutual exclusion, hold and wait, no preemption and circular wait must all hold.", "deadlock",
                        "locks")));
    }
}
