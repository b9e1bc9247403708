package dev.prepbot.time;

import java.time.Duration;

/**
 * Runs tasks later. Quiz timers and daily posts depend on this rather than on threads and sleeps, so
 * tests drive time with a manual scheduler and a fake clock and never wait on the wall clock.
 */
public interface Scheduler {

    /** Runs the task once after the delay (at once when it is zero or negative). */
    Task schedule(Duration delay, Runnable task);

    /** A scheduled run that can still be cancelled. */
    interface Task {
        /** Cancels the run if it has not started; does nothing otherwise. */
        void cancel();
    }
}
