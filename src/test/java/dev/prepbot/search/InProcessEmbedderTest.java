package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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

    /** The files in the cache folder; ONNX Runtime's own libraries are kept in a folder there too. */
    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(Files::isRegularFile).toList();
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
    void keepingAnOptimizedModelRemovesItsOtherVersionsAndWhatAStoppedProcessLeftHalfWritten() throws IOException {
        Path otherVersion = Files.writeString(cache.resolve("all-minilm-l6-v2-q-ort-0.0.0-extended.onnx"), "an older one");
        Path leftByAStoppedProcess = Files.writeString(cache.resolve("all-minilm-l6-v2-q-ort-0.0.0-extended.onnx1.part"), "half");
        Files.setLastModifiedTime(leftByAStoppedProcess, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path beingWrittenBeside = Files.writeString(cache.resolve("all-minilm-l6-v2-q-ort-0.0.0-extended.onnx2.part"), "half");
        Path anotherModel = Files.writeString(cache.resolve("bge-small-en-v1.5-q-ort-0.0.0-extended.onnx"), "not this model");

        InProcessEmbedder.miniLm(Optional.of(cache));

        List<Path> kept = files().stream().filter(f -> !Set.of(beingWrittenBeside, anotherModel).contains(f)).toList();
        assertEquals(1, kept.size(), kept.toString());
        assertTrue(kept.get(0).getFileName().toString().endsWith("-extended.onnx"), kept.toString());
        assertTrue(Files.exists(beingWrittenBeside), "another process may still be writing it");
        assertTrue(Files.exists(anotherModel));
        assertTrue(Files.notExists(otherVersion) && Files.notExists(leftByAStoppedProcess));
    }

    @Test
    void aCacheFolderThatCannotBeWrittenOnlyCostsTheSpeedUp() throws IOException {
        Path notAFolder = Files.writeString(cache.resolve("models"), "a file where the folder should be");
        float[] vector = InProcessEmbedder.miniLm(Optional.of(notAFolder)).embed(QUERY);
        assertEquals(1f, VectorUtil.dotProduct(vector, vector), 1e-5);
        assertEquals(List.of(notAFolder), files());
    }
}
