package dev.prepbot.search;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for work an index does after it serves (storing it, merging it), which logs its own failures. */
final class BackgroundWork {

    private BackgroundWork() {
    }

    /** Waits up to the timeout for the work; true once it is done, whether it succeeded or not. */
    static boolean await(CompletableFuture<?> work, Duration timeout) {
        try {
            work.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
