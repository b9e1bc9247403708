package dev.prepbot.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RateLimit limit = new RateLimit(3, Duration.ofSeconds(1), clock);

    @Test
    void aBurstIsAllowedThenOneActionPerInterval() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limit.take("u"));
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), limit.take("u"));
        clock.advance(Duration.ofMillis(1_000));
        assertEquals(Optional.empty(), limit.take("u"));
        assertTrue(limit.take("u").isPresent());
        assertEquals(Optional.empty(), limit.take("someone-else"), "each user has their own bucket");
    }

    @Test
    void aUserOverTheLimitIsToldHowLongToWait() {
        Command ping = new Command() {
            @Override
            public CommandSpec spec() {
                return CommandSpec.of("ping", "Ping");
            }

            @Override
            public Reply handle(CommandRequest request) {
                return Reply.Notice.privately("pong");
            }
        };
        Commands commands = new Commands(List.of(ping), List.of(), limit);
        Caller caller = new Caller("u", "U", Optional.of("g"), "c", false);
        CommandRequest request = new CommandRequest("ping", Optional.empty(), Map.of(), caller);
        for (int i = 0; i < 3; i++) {
            assertEquals("pong", assertInstanceOf(Reply.Notice.class, commands.handle(request)).text());
        }
        assertEquals("Slow down a little: try again in 1 second.",
                assertInstanceOf(Reply.Notice.class, commands.handle(request)).text());
    }
}
