package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The everyday questions: their list, and their vectors as written, shipped and read back. */
class EverydayQuestionsTest {

    private final WordHashEmbedder model = new WordHashEmbedder();

    @Test
    void theListIsOneQuestionPerLineWithNoneTwice() {
        List<String> texts = EverydayQuestions.texts();
        assertTrue(texts.size() >= 500, "the list covers everyday life broadly");
        assertEquals(texts.size(), texts.stream().distinct().count());
        assertTrue(texts.stream().allMatch(t -> t.equals(t.strip()) && t.length() < 120));
    }

    @Test
    void vectorsWrittenForAModelAreReadBackOnlyUnderItsKey(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("everyday");
        EverydayQuestions.write(model, file);
        byte[] bytes = Files.readAllBytes(file);
        String key = EverydayQuestions.key(model, EverydayQuestions.Shipped.list().checksum());
        float[][] read = EverydayQuestions.parse(bytes, key).orElseThrow();
        assertEquals(EverydayQuestions.texts().size(), read.length);
        assertTrue(Arrays.equals(model.embed(EverydayQuestions.texts().get(7)), read[7]));
        assertFalse(EverydayQuestions.parse(bytes, "another model/384/0").isPresent());
        assertFalse(EverydayQuestions.parse(Arrays.copyOf(bytes, bytes.length - 4), key).isPresent(),
                "a file cut short is not read");
    }

    @Test
    void aModelTheBuildDidNotShipThemForEmbedsThemOnceAndFindsTheClosest() {
        EverydayQuestions everyday = EverydayQuestions.readBy(model);
        assertEquals(EverydayQuestions.texts().size(), model.embedded.get());
        String one = EverydayQuestions.texts().get(3);
        assertEquals(1f, everyday.closest(model.embed(one), 1)[0], 1e-5f, "a question of the list is closest to itself");
        float[] three = everyday.closest(model.embed(one), 3);
        assertEquals(3, three.length);
        assertTrue(three[0] >= three[1] && three[1] >= three[2] && three[2] > -1f, "the three nearest, nearest first");
    }
}
