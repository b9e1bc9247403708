package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's native libraries are unpacked once per version into the model cache, whole. */
class RuntimeLibrariesTest {

    @TempDir
    Path cache;

    @Test
    void theLibrariesAreUnpackedOnceAsTheJarHoldsThem() throws Exception {
        Path folder = RuntimeLibraries.unpacked(cache).orElseThrow();
        for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
            String name = System.mapLibraryName(library);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("ai/onnxruntime/native/linux-x64/" + name)) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(folder.resolve(name)), name);
            }
        }
        Path runtime = folder.resolve(System.mapLibraryName("onnxruntime"));
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(runtime, written);
        assertEquals(folder, RuntimeLibraries.unpacked(cache).orElseThrow());
        assertEquals(written, Files.getLastModifiedTime(runtime), "a library already there is not written again");
        try (var left = Files.list(folder)) {
            assertTrue(left.noneMatch(f -> f.toString().endsWith(".part")), "nothing half-written is left");
        }
    }

    @Test
    void aLibraryCutShortIsUnpackedAgain() throws Exception {
        Path runtime = RuntimeLibraries.unpacked(cache).orElseThrow().resolve(System.mapLibraryName("onnxruntime"));
        long whole = Files.size(runtime);
        Files.write(runtime, new byte[100]);
        RuntimeLibraries.unpacked(cache);
        assertEquals(whole, Files.size(runtime));
    }

    @Test
    void anotherVersionsLibrariesAreRemoved() throws Exception {
        Path older = Files.createDirectories(cache.resolve("onnxruntime-00000000"));
        Files.writeString(older.resolve(System.mapLibraryName("onnxruntime")), "an older runtime");
        Path kept = RuntimeLibraries.unpacked(cache).orElseThrow();
        assertFalse(Files.exists(older));
        assertTrue(Files.isDirectory(kept));
    }
}
