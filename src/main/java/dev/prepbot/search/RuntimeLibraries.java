package dev.prepbot.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime's native libraries, unpacked once into the model cache. Left to itself, ONNX Runtime
 * inflates its 16 MB library from the jar into a new temporary folder at every start (about 0.1 s of the
 * models' loading here); told where the libraries already are, through its
 * {@code onnxruntime.native.LIBRARY.path} properties, it loads them from there.
 *
 * <p>The folder is named by the checksums the jar records for the libraries, so another version of
 * ONNX Runtime unpacks its own. Each library is written under a temporary name and moved into place once
 * whole. Only the platform the jar carries libraries for (Linux x86-64) is handled; elsewhere, or when
 * anything here fails, ONNX Runtime finds its libraries its own way.
 */
final class RuntimeLibraries {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeLibraries.class);
    /** In the order they load: the runtime, then its Java binding, which links against it. */
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");
    private static final String FOLDER = "ai/onnxruntime/native/linux-x64/";

    private RuntimeLibraries() {
    }

    /**
     * Points ONNX Runtime at its libraries in {@code cache}, unpacking them there first if needed. Call
     * before ONNX Runtime is first used; a library whose path is already set is left alone.
     */
    static synchronized void useCached(Path cache) {
        if (LIBRARIES.stream().anyMatch(library -> System.getProperty(property(library)) != null)) {
            return;
        }
        try {
            Optional<Path> folder = unpacked(cache);
            if (folder.isPresent()) {
                for (String library : LIBRARIES) {
                    System.setProperty(property(library), folder.get().resolve(System.mapLibraryName(library)).toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot keep ONNX Runtime's libraries in {} ({}); it unpacks them at every start", cache,
                    e.getMessage());
        }
    }

    /**
     * The folder in {@code cache} holding this version's libraries, unpacked into it if they were not
     * there, with other versions' folders removed; empty on a platform the jar carries no libraries for.
     */
    static Optional<Path> unpacked(Path cache) throws IOException {
        if (!System.getProperty("os.name", "").startsWith("Linux")
                || !List.of("amd64", "x86_64").contains(System.getProperty("os.arch", ""))) {
            return Optional.empty();
        }
        List<Packed> packed = new ArrayList<>();
        for (String library : LIBRARIES) {
            Optional<Packed> found = packed(library);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            packed.add(found.get());
        }
        CRC32 version = new CRC32();
        packed.forEach(library -> version.update(library.identity().getBytes(StandardCharsets.UTF_8)));
        Path folder = cache.resolve("onnxruntime-" + HexFormat.of().toHexDigits((int) version.getValue()));
        for (Packed library : packed) {
            Path unpacked = folder.resolve(library.file());
            // A file of another length (a disk that filled up, a hand that cut it) is unpacked again.
            if (!Files.isRegularFile(unpacked) || Files.size(unpacked) != library.size()) {
                unpack(library.resource(), unpacked);
            }
        }
        removeOthers(cache, folder);
        return Optional.of(folder);
    }

    private static String property(String library) {
        return "onnxruntime.native." + library + ".path";
    }

    /** A library in the jar: its file name, where it is, its length, and what tells its version apart. */
    private record Packed(String file, String resource, long size, String identity) {
    }

    /** The library as the jar records it (the checksum), or as a class folder holds it (length and date). */
    private static Optional<Packed> packed(String library) throws IOException {
        String file = System.mapLibraryName(library);
        String resource = FOLDER + file;
        URL url = RuntimeLibraries.class.getClassLoader().getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        if (url.openConnection() instanceof JarURLConnection jar) {
            long size = jar.getJarEntry().getSize();
            return Optional.of(new Packed(file, resource, size, jar.getJarEntry().getCrc() + "/" + size));
        }
        try {
            Path unpacked = Path.of(url.toURI());
            long size = Files.size(unpacked);
            return Optional.of(new Packed(file, resource, size, size + "/" + Files.getLastModifiedTime(unpacked).toMillis()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the libraries other versions unpacked. A process still running one has it loaded already,
     * and a library loaded on Linux stays usable when its file is removed.
     */
    private static void removeOthers(Path cache, Path kept) throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(cache, "onnxruntime-*")) {
            for (Path folder : folders) {
                if (!folder.equals(kept) && Files.isDirectory(folder)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                        for (Path file : files) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(folder);
                }
            }
        }
    }

    private static void unpack(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path writing = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = RuntimeLibraries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path");
            }
            Files.copy(in, writing, StandardCopyOption.REPLACE_EXISTING);
            Files.move(writing, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(writing);
        }
    }
}
