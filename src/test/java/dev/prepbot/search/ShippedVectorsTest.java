package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Progress;
import dev.prepbot.testing.TestCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The built-in bank's vectors, made by the build and read from the jar instead of embedding the bank. */
class ShippedVectorsTest {

    private static Bank builtIn;
    private static Embedder model;

    @BeforeAll
    static void load() throws Exception {
        builtIn = new BankLoader().loadBuiltIn();
        model = JointEmbedder.load(Optional.of(TestCache.models()));
    }

    @Test
    void theBuiltInBanksVectorsAreShippedAsItsModelsReadIt() throws Exception {
        try (Directory directory = InMemory.directory()) {
            assertTrue(ShippedVectors.copy(Meaning.vectorsKey(builtIn.checksum().orElseThrow(), model), directory));
            try (VectorIndex vectors = VectorIndex.open(directory, builtIn.size())) {
                for (int ordinal : new int[] {0, builtIn.size() / 2, builtIn.size() - 1}) {
                    float[] shipped = vectors.vectorOf(ordinal).orElseThrow();
                    float[] read = model.embed(VectorIndex.text(builtIn.questions().get(ordinal)));
                    assertEquals(1f, VectorUtil.dotProduct(shipped, read), 1e-3f,
                            "question " + ordinal + " as the model reads it now");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OtherQuestions.Kind.class)
    void theOtherQuestionsAreShippedAsTheModelsReadThemAndReadWithoutEmbedding(OtherQuestions.Kind kind) {
        String key = OtherQuestions.key(model, kind);
        float[][] shipped = OtherQuestions.parse(ShippedVectors.other(kind).orElseThrow(), key).orElseThrow();
        List<String> texts = OtherQuestions.texts(kind);
        for (int i : new int[] {0, texts.size() - 1}) {
            assertEquals(1f, VectorUtil.dotProduct(shipped[i], model.embed(texts.get(i))), 1e-3f, texts.get(i));
        }
        Embedder refusing = new Embedder.Through() {
            @Override
            public Embedder model() {
                return model;
            }

            @Override
            public float[] embed(String text) {
                throw new AssertionError("embedded " + text);
            }
        };
        OtherQuestions other = OtherQuestions.readBy(refusing, kind);
        assertEquals(1f, other.closest(model.embed(texts.get(5)), 1)[0], 1e-3f);
    }

    @Test
    void vectorsMadeForAnotherBankOrModelAreNeverCopied() throws Exception {
        try (Directory directory = InMemory.directory()) {
            assertFalse(ShippedVectors.copy(Meaning.vectorsKey("another bank", model), directory));
            assertArrayEquals(new String[0], directory.listAll());
        }
    }

    @Test
    void aFirstStartOfTheBuiltInBankEmbedsNothingAndKeepsTheVectorsInItsCache(@TempDir Path cache) throws Exception {
        Set<String> work = ConcurrentHashMap.newKeySet();
        Progress progress = (step, done, total) -> work.add(step);
        try (Meaning meaning = Meaning.start(builtIn, () -> model, Optional.of(cache), progress, Runnable::run)) {
            assertTrue(meaning.await(Duration.ofSeconds(30)));
            assertTrue(meaning.isReady());
        }
        assertEquals(Set.of(), work, "no question was embedded");
        try (var stored = Files.list(cache)) {
            assertTrue(stored.findAny().isPresent(), "the vectors are in the cache for the next start");
        }
    }
}
