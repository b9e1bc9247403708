package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

class JointEmbedderTest {

    /** A second stand-in that reads texts differently from the first: by their letters, not their words. */
    private static class LetterEmbedder implements Embedder {
        @Override
        public String name() {
            return "letters-26";
        }

        @Override
        public int dimension() {
            return 26;
        }

        @Override
        public float[] embed(String text) {
            float[] vector = new float[26];
            text.toLowerCase(java.util.Locale.ROOT).chars().filter(c -> c >= 'a' && c <= 'z').forEach(c -> vector[c - 'a']++);
            vector[0] += 0.01f;
            return Embedder.unit(vector);
        }
    }

    private final Embedder words = new WordHashEmbedder();
    private final Embedder letters = new LetterEmbedder();

    @Test
    void theJointCosineIsTheWeightedMeanOfTheTwoModelsCosines() {
        JointEmbedder joint = new JointEmbedder(words, letters, 0.75f);
        String a = "how do servers pick which one is in charge";
        String b = "How does leader election work in a distributed system?";
        float first = VectorUtil.dotProduct(words.embed(a), words.embed(b));
        float second = VectorUtil.dotProduct(letters.embed(a), letters.embed(b));
        assertEquals((first + 0.75f * second) / 1.75f, VectorUtil.dotProduct(joint.embed(a), joint.embed(b)), 1e-5);
    }

    @Test
    void aJointVectorHasUnitLengthAndBothModelsDimensions() {
        JointEmbedder joint = new JointEmbedder(words, letters, 0.75f);
        float[] v = joint.embed("what is a mutex");
        assertEquals(64 + 26, joint.dimension());
        assertEquals(joint.dimension(), v.length);
        assertEquals(1f, VectorUtil.dotProduct(v, v), 1e-5);
    }

    @Test
    void aBatchGivesTheSameVectorsAsOneAtATime() {
        JointEmbedder joint = new JointEmbedder(words, letters, 0.75f);
        List<String> texts = List.of("what is a mutex", "explain TCP slow start");
        List<float[]> batch = joint.embedAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(1f, VectorUtil.dotProduct(batch.get(i), joint.embed(texts.get(i))), 1e-5);
        }
    }

    @Test
    void theSecondModelReadsBesideTheFirstAndGivesTheSameVector() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Embedder recordingLetters = new LetterEmbedder() {
            @Override
            public float[] embed(String text) {
                threads.add(Thread.currentThread().getName());
                return super.embed(text);
            }
        };
        java.util.concurrent.ExecutorService beside = java.util.concurrent.Executors.newSingleThreadExecutor(
                task -> new Thread(task, "beside"));
        try {
            float[] together = new JointEmbedder(words, recordingLetters, 0.75f, beside).embed("what is a mutex");
            float[] inTurn = new JointEmbedder(words, letters, 0.75f).embed("what is a mutex");
            assertEquals(List.of("beside"), threads);
            assertEquals(1f, VectorUtil.dotProduct(together, inTurn), 1e-6);
        } finally {
            beside.shutdown();
        }
    }

    @Test
    void aFailureOfTheSecondModelReachesTheCallerAsItself() {
        Embedder broken = new LetterEmbedder() {
            @Override
            public float[] embed(String text) {
                throw new IllegalStateException("the model is closed");
            }
        };
        java.util.concurrent.ExecutorService beside = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new JointEmbedder(words, broken, 0.75f, beside).embed("what is a mutex"));
            assertEquals("the model is closed", e.getMessage());
        } finally {
            beside.shutdown();
        }
    }

    @Test
    void theNameChangesWithEitherModelOrTheWeightSoStoredVectorsAreNeverMixed() {
        String name = new JointEmbedder(words, letters, 0.75f).name();
        assertEquals(name, new JointEmbedder(words, letters, 0.75f).name());
        assertNotEquals(name, new JointEmbedder(words, letters, 0.5f).name());
        assertNotEquals(name, new JointEmbedder(letters, words, 0.75f).name());
    }
}
