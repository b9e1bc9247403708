package dev.prepbot.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prepbot.store.AnswerRecord;
import dev.prepbot.store.AnswerWriter;
import dev.prepbot.store.Database;
import dev.prepbot.store.RoundRecord;
import dev.prepbot.store.RoundStatus;
import dev.prepbot.store.SqlQuizStore;
import dev.prepbot.store.Standing;
import dev.prepbot.testing.ManualClock;
import dev.prepbot.testing.TestDatabase;
import dev.prepbot.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two processes on one database, each with its own leaderboard cache: a score one stores shows in the
 * other's leaderboard within a second, and the other reads the guild's version at most once a second
 * while nothing changes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ShardLeaderboardTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private TestDatabase store;

    @BeforeEach
    void fresh() {
        store = engine.fresh(dir);
    }

    private AnswerRecord answer(String round, int index, String guild, String user, int points) {
        return new AnswerRecord(round, index, "q" + index, "python", guild, user, user, 0, true, points, 1_000, clock.instant());
    }

    private static List<String> board(Leaderboard leaderboard, String guild) {
        return leaderboard.standings(guild, Period.ALL).stream().map(s -> s.userName() + "=" + s.points()).toList();
    }

    @Test
    void aScoreStoredByAnotherProcessShowsWithinASecond() {
        try (Database one = Database.open(store.location(), clock); Database two = Database.open(store.location(), clock)) {
            SqlQuizStore writerStore = new SqlQuizStore(one);
            SqlQuizStore readerStore = new SqlQuizStore(two);
            AtomicInteger versionReads = new AtomicInteger();
            Leaderboard writerBoard = new Leaderboard(writerStore, clock, writerStore::scoreVersion);
            Leaderboard readerBoard = new Leaderboard(readerStore, clock, guild -> {
                versionReads.incrementAndGet();
                return readerStore.scoreVersion(guild);
            });
            writerStore.openRound(new RoundRecord("r1", "g1", "c1", "u0", Optional.empty(), 5, 20, RoundStatus.RUNNING,
                    Optional.empty(), clock.instant()));
            try (AnswerWriter writer = new AnswerWriter(writerStore, stored -> stored.stream().map(AnswerRecord::guildId)
                    .distinct().forEach(writerBoard::invalidate))) {
                writer.write(answer("r1", 0, "g1", "ada", 900)).join();
                assertEquals(List.of("ada=900"), board(readerBoard, "g1"));
                assertEquals(1, versionReads.get());

                writer.write(answer("r1", 1, "g1", "bob", 1000)).join();
                assertEquals(List.of("bob=1000", "ada=900"), board(writerBoard, "g1"), "the writer's own cache was emptied");
                clock.advance(Duration.ofMillis(500));
                for (int i = 0; i < 50; i++) {
                    assertEquals(List.of("ada=900"), board(readerBoard, "g1"), "served from cache within the second");
                }
                assertEquals(1, versionReads.get(), "no version read within the second");

                clock.advance(Duration.ofMillis(500));
                assertEquals(List.of("bob=1000", "ada=900"), board(readerBoard, "g1"), "seen one second after the last check");
                assertEquals(2, versionReads.get());

                clock.advance(Duration.ofSeconds(1));
                assertEquals(List.of("bob=1000", "ada=900"), board(readerBoard, "g1"));
                assertEquals(List.of(), board(readerBoard, "g2"), "another guild has no scores and its own version");
                assertEquals(4, versionReads.get());
            }
        }
    }
}
