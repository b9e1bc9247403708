package dev.prepbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.prepbot.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    private final ManualClock clock = new ManualClock(START);
    private final List<Duration> sleeps = new ArrayList<>();

    /** Waits by moving the manual clock, as the real sleeper's wait would. */
    private void sleep(Duration duration) {
        sleeps.add(duration);
        clock.set(clock.instant().plus(duration));
    }

    @Test
    void fortyRequestsASecondAreSpreadEvenlyAndTheFirstGoesAtOnce() throws Exception {
        RequestBudget budget = RequestBudget.perSecond(40, clock, this::sleep);
        for (int i = 0; i < 41; i++) {
            budget.acquire();
        }
        assertEquals(40, sleeps.size(), "every request after the first waits its turn");
        assertEquals(List.of(Duration.ofMillis(25)), sleeps.stream().distinct().toList());
        assertEquals(START.plusSeconds(1), clock.instant(), "41 requests take exactly one second");
    }

    @Test
    void aProcessHoldingAQuarterOfTheShardsTakesAQuarterOfTheDailyBudget() throws Exception {
        RequestBudget budget = RequestBudget.dailyPosts(new ShardPlan(4, List.of(2)).share(), clock, this::sleep);
        for (int i = 0; i < 11; i++) {
            budget.acquire();
        }
        assertEquals(START.plusSeconds(1), clock.instant(), "ten requests a second: a quarter of forty");
    }

    @Test
    void aBotRateOtherThanDiscordsIsSharedOutByShardsAlike() throws Exception {
        RequestBudget budget = RequestBudget.dailyPosts(400, new ShardPlan(4, List.of(2)).share(), clock, this::sleep);
        for (int i = 0; i < 101; i++) {
            budget.acquire();
        }
        assertEquals(START.plusSeconds(1), clock.instant(), "a hundred requests a second: a quarter of four hundred");
    }

    @Test
    void timeSpentElsewhereIsNotWaitedForAgain() throws Exception {
        RequestBudget budget = RequestBudget.perSecond(10, clock, this::sleep);
        budget.acquire();
        clock.set(START.plusSeconds(5));
        budget.acquire();
        budget.acquire();
        assertEquals(List.of(Duration.ofMillis(100)), sleeps, "only the request after the idle one waits");
    }

    @Test
    void anUnlimitedBudgetNeverWaitsAndABudgetOfNothingIsRefused() throws Exception {
        RequestBudget unlimited = RequestBudget.unlimited();
        for (int i = 0; i < 1_000; i++) {
            unlimited.acquire();
        }
        assertThrows(IllegalArgumentException.class, () -> RequestBudget.perSecond(0, clock, this::sleep));
    }
}
