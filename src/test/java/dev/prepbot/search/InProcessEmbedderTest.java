package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a sentence model from the jar, and from the optimized form of it kept in a cache folder. */
class InProcessEmbedderTest {

    private static final String QUERY = "how do servers pick which one is in charge";

    @TempDir
    Path cache;

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void theOptimizedModelIsKeptAndReadsAsTheModelInTheJarDoes() throws IOException {
        float[] fromJar = InProcessEmbedder.miniLm(Optional.empty()).embed(QUERY);

        float[] optimizing = InProcessEmbedder.miniLm(Optional.of(cache)).embed(QUERY);
        List<Path> kept = files();
        assertEquals(1, kept.size(), "one optimized model and nothing half-written: " + kept);
        assertTrue(kept.get(0).getFileName().toString().endsWith("-extended.onnx"), kept.toString());
        long modified = Files.getLastModifiedTime(kept.get(0)).toMillis();

        float[] fromCache = InProcessEmbedder.miniLm(Optional.of(cache)).embed(QUERY);
        assertEquals(kept, files());
        assertEquals(modified, Files.getLastModifiedTime(kept.get(0)).toMillis(), "read, not written again");
        assertEquals(1f, VectorUtil.dotProduct(fromJar, optimizing), 1e-5);
        assertEquals(1f, VectorUtil.dotProduct(fromJar, fromCache), 1e-5);
    }

    @Test
    void aDamagedOptimizedModelIsOptimizedAgain() throws IOException {
        InProcessEmbedder.miniLm(Optional.of(cache));
        Path kept = files().get(0);
        Files.writeString(kept, "not a model: a disk filled up while it was copied");

        float[] vector = InProcessEmbedder.miniLm(Optional.of(cache)).embed(QUERY);
        assertEquals(1f, VectorUtil.dotProduct(vector, vector), 1e-5);
        assertEquals(List.of(kept), files());
        assertTrue(Files.size(kept) > 1_000_000, "the damaged file was replaced by the model");
    }

    @Test
    void aCacheFolderThatCannotBeWrittenOnlyCostsTheSpeedUp() throws IOException {
        Path notAFolder = Files.writeString(cache.resolve("models"), "a file where the folder should be");
        float[] vector = InProcessEmbedder.miniLm(Optional.of(notAFolder)).embed(QUERY);
        assertEquals(1f, VectorUtil.dotProduct(vector, vector), 1e-5);
        assertEquals(List.of(notAFolder), files());
    }
}
