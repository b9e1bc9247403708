package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The other questions: their lists, their vectors as written, shipped and read back, and those far from a bank. */
class OtherQuestionsTest {

    private final WordHashEmbedder model = new WordHashEmbedder();

    @ParameterizedTest
    @EnumSource(OtherQuestions.Kind.class)
    void eachListIsOneQuestionPerLineWithNoneTwice(OtherQuestions.Kind kind) {
        List<String> texts = OtherQuestions.texts(kind);
        assertTrue(texts.size() >= 500, "the list covers its subject broadly");
        assertEquals(texts.size(), texts.stream().distinct().count());
        assertTrue(texts.stream().allMatch(t -> t.equals(t.strip()) && t.length() < 120));
    }

    @Test
    void vectorsWrittenForAModelAreReadBackOnlyUnderItsKey(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("computing");
        OtherQuestions.write(model, OtherQuestions.Kind.COMPUTING, file);
        byte[] bytes = Files.readAllBytes(file);
        List<String> texts = OtherQuestions.texts(OtherQuestions.Kind.COMPUTING);
        String key = OtherQuestions.key(model, OtherQuestions.Kind.COMPUTING);
        float[][] read = OtherQuestions.parse(bytes, key).orElseThrow();
        assertEquals(texts.size(), read.length);
        assertTrue(Arrays.equals(model.embed(texts.get(7)), read[7]));
        assertFalse(OtherQuestions.parse(bytes, "another model/384/0").isPresent());
        assertFalse(OtherQuestions.parse(Arrays.copyOf(bytes, bytes.length - 4), key).isPresent(),
                "a file cut short is not read");
    }

    @Test
    void aModelTheBuildDidNotShipThemForEmbedsThemOnceAndFindsTheClosest() {
        OtherQuestions everyday = OtherQuestions.readBy(model, OtherQuestions.Kind.EVERYDAY);
        List<String> texts = OtherQuestions.texts(OtherQuestions.Kind.EVERYDAY);
        assertEquals(texts.size(), model.embedded.get());
        String one = texts.get(3);
        assertEquals(1f, everyday.closest(model.embed(one), 1)[0], 1e-5f, "a question of the list is closest to itself");
        float[] three = everyday.closest(model.embed(one), 3);
        assertEquals(3, three.length);
        assertTrue(three[0] >= three[1] && three[1] >= three[2] && three[2] > -1f, "the three nearest, nearest first");
    }

    @Test
    void onlyTheQuestionsFarFromTheBankCountAndTheChoiceIsKeptForTheNextStart(@TempDir Path folder) {
        OtherQuestions computing = OtherQuestions.readBy(model, OtherQuestions.Kind.COMPUTING);
        List<String> texts = OtherQuestions.texts(OtherQuestions.Kind.COMPUTING);
        float[] covered = model.embed(texts.get(0));
        // A "bank" of one question: the list's first, which covers itself and whatever is near it.
        AtomicInteger searched = new AtomicInteger();
        ToDoubleFunction<float[]> nearestInBank = v -> {
            searched.incrementAndGet();
            return VectorUtil.dotProduct(v, covered);
        };
        Optional<Path> kept = Optional.of(folder.resolve(OtherQuestions.Kind.COMPUTING.keptFar()));

        OtherQuestions far = computing.farFrom(nearestInBank, 0.5f, kept);

        assertEquals(texts.size(), searched.get(), "each question looked up in the bank once");
        long near = texts.stream().filter(t -> VectorUtil.dotProduct(model.embed(t), covered) >= 0.5f).count();
        assertTrue(near >= 1 && far.size() == texts.size() - near, far.size() + " far of " + texts.size());
        assertTrue(far.closest(covered, 1)[0] < 0.5f, "the covered question itself no longer counts");

        assertEquals(far.size(), computing.farFrom(nearestInBank, 0.5f, kept).size());
        assertEquals(texts.size(), searched.get(), "read from the kept file: the bank not searched again");
        assertEquals(texts.size(), computing.farFrom(nearestInBank, 1.1f, kept).size(),
                "chosen again for another closeness, which covers nothing");
        assertEquals(2 * texts.size(), searched.get());
    }
}
