package dev.prepbot.testing;

import java.util.ArrayList;
import java.util.List;

/** Prepbot's command line as a process of its own, on the tests' class path. */
public final class PrepbotProcess {

    /**
     * Options for a Prepbot that lives a few seconds in a test: the quick compiler alone and the small
     * collector leave the two cores to the test and the other processes (CrashSafetyTest, which starts
     * the bot twenty times, went from 113 s to 70 s with them).
     */
    public static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private PrepbotProcess() {
    }

    /** {@code java [SHORT_LIVED] -cp <tests' class path> dev.prepbot.Main ARGS...}. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(SHORT_LIVED);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.prepbot.Main"));
        command.addAll(List.of(args));
        return command;
    }
}
