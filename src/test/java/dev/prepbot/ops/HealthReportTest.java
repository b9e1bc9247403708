package dev.prepbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.ManualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void aLineAtStartThenEveryMinuteAndOneThatCannotBeGatheredDoesNotStopTheNext() {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
        ManualScheduler scheduler = new ManualScheduler(clock);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicInteger calls = new AtomicInteger();
        HealthReport report = new HealthReport(() -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("JDA is reconnecting");
            }
            return calls.get() == 3
                    ? new Health(1, 2, 1_000, 1, Optional.empty(), Optional.of("Connection refused"))
                    : new Health(2, 2, 2_501, 3, Optional.of(Duration.ofNanos(1_250_000)), Optional.empty());
        }, new PrintStream(bytes, true, StandardCharsets.UTF_8), scheduler, HealthReport.EVERY);
        report.start();
        scheduler.advance(Duration.ofMinutes(3));
        report.print("stop");
        report.close();
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(List.of(
                "prepbot health (start): shards 2/2 connected, 2501 guilds, 3 rounds running, database 1.3 ms",
                "prepbot health (every minute): shards 1/2 connected, 1000 guilds, 1 round running, database unreachable (Connection refused)",
                "prepbot health (every minute): shards 2/2 connected, 2501 guilds, 3 rounds running, database 1.3 ms",
                "prepbot health (stop): shards 2/2 connected, 2501 guilds, 3 rounds running, database 1.3 ms"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
