package dev.prepbot.search;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * The built-in bank's vectors (and the {@link OtherQuestions}'), embedded when Prepbot is built and
 * shipped inside the jar, so that a first start, or a command-line search on a machine with no cache yet,
 * reads them instead of embedding the bank (about twenty seconds of both cores here). They are used only
 * for the bank and models they were made with: the same key as the vector cache's, kept beside them.
 *
 * <p>{@link #main} makes them during the build; when the models cannot run there, it ships none and
 * Prepbot embeds the bank at its first start, as it does any other.
 */
public final class ShippedVectors {

    private static final String FOLDER = "shipped-vectors";
    private static final String KEY = "key";
    private static final String FILES = "files";

    private ShippedVectors() {
    }

    /**
     * Copies the shipped vectors into the empty directory when they were made for this key (the bank's
     * checksum, the model and the layout); false, with nothing copied, when none were or for another key.
     */
    static boolean copy(String key, Directory into) throws IOException {
        Optional<String> shipped = resource(KEY).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
        if (shipped.isEmpty() || !shipped.get().equals(key)) {
            return false;
        }
        List<String> files = resource(FILES).map(bytes -> new String(bytes, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList()).orElse(List.of());
        for (String file : files) {
            byte[] content = resource(file).orElseThrow(() -> new IOException("the shipped vectors lack " + file));
            try (IndexOutput out = into.createOutput(file, IOContext.DEFAULT)) {
                out.writeBytes(content, content.length);
            }
        }
        return !files.isEmpty();
    }

    /** A list of other questions' vectors as shipped, with the key they were made under ({@link OtherQuestions}). */
    static Optional<byte[]> other(OtherQuestions.Kind kind) {
        try {
            return resource(kind.fileName());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> resource(String name) throws IOException {
        try (InputStream in = ShippedVectors.class.getResourceAsStream("/" + FOLDER + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    /**
     * Embeds the built-in bank and the lists of other questions into {@code args[0]}/shipped-vectors (the
     * build's class folder), unless the vectors there were made for the same texts and models. Never
     * fails the build: without the models it ships no vectors.
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]).resolve(FOLDER);
        Bank bank = new BankLoader().loadBuiltIn();
        try {
            Embedder model = JointEmbedder.load(Optional.empty());
            ship(bank, model, folder);
            for (OtherQuestions.Kind kind : OtherQuestions.Kind.values()) {
                shipOther(model, kind, folder.resolve(kind.fileName()));
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println("prepbot: no vectors shipped, the sentence models cannot run here: " + e.getMessage());
            IndexCache.deleteQuietly(folder);
        }
    }

    private static void shipOther(Embedder model, OtherQuestions.Kind kind, Path file) throws IOException {
        String key = OtherQuestions.key(model, kind);
        if (Files.exists(file) && OtherQuestions.parse(Files.readAllBytes(file), key).isPresent()) {
            return;
        }
        OtherQuestions.write(model, kind, file);
    }

    private static void ship(Bank bank, Embedder model, Path folder) throws IOException {
        String key = Meaning.vectorsKey(bank.checksum().orElseThrow(), model);
        Path keyFile = folder.resolve(KEY);
        if (Files.exists(keyFile) && Files.readString(keyFile).strip().equals(key)) {
            return;
        }
        IndexCache.deleteQuietly(folder);
        Files.createDirectories(folder);
        try (Directory directory = FSDirectory.open(folder)) {
            VectorIndex.write(bank, model, directory, Progress.none());
            List<String> files = List.of(directory.listAll()).stream()
                    .filter(name -> !name.equals("write.lock")).toList();
            Files.write(folder.resolve(FILES), files);
        }
        Files.deleteIfExists(folder.resolve("write.lock"));
        // Written last: vectors without their key are never used.
        Files.writeString(keyFile, key + "\n");
    }
}
