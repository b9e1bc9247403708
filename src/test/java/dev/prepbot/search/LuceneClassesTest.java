package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prepbot.testing.PrepbotProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LuceneClassesTest {

    /**
     * Class initialization happens once per JVM, so each try runs in a JVM of its own, where a thread per
     * class loads Lucene's index classes at the same moment. Without {@link LuceneClasses#initialize()}
     * first, such JVMs hung in ten tries of ten here.
     */
    @Test
    void threadsMeetingLucenesIndexClassesTogetherNeverHangOnceTheyAreInitialized() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, race("initialize"), "try " + (i + 1) + " hung or failed");
        }
    }

    /** Runs {@link Race} in a new JVM; its exit code, or -1 if it had not ended within a minute. */
    private static int race(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(PrepbotProcess.SHORT_LIVED);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Race.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** A thread per Lucene index class, each loading its own at the same moment; exits 2 if any is stuck. */
    static final class Race {
        public static void main(String[] args) throws InterruptedException {
            if (List.of(args).contains("initialize")) {
                LuceneClasses.initialize();
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (String name : LuceneClasses.INITIALIZED_TOGETHER) {
                Thread thread = new Thread(() -> {
                    awaitQuietly(go);
                    try {
                        Class.forName(name);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            go.countDown();
            boolean stuck = false;
            for (Thread thread : threads) {
                thread.join(20_000);
                stuck |= thread.isAlive();
            }
            System.exit(stuck ? 2 : 0);
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
