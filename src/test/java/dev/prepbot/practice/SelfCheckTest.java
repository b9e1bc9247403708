package dev.prepbot.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Question;
import dev.prepbot.search.Embedder;
import dev.prepbot.search.JointEmbedder;
import dev.prepbot.testing.TestCache;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The self-check against answers labelled by hand, and its rules on answers that say nothing. */
class SelfCheckTest {

    /** Share of (answer, key point) pairs where the check agrees with the label, as the README states. */
    static final double MIN_AGREEMENT = 0.87;
    /** The same before the sentence model is loaded, reading words alone. */
    static final double MIN_AGREEMENT_BY_WORDS = 0.85;
    /** Share of answers labelled good whose check finds at least half their ticked points. */
    static final double MIN_GOOD_RECOGNISED = 0.85;

    private static Bank bank;
    private static Embedder model;

    @BeforeAll
    static void load() throws Exception {
        bank = new BankLoader().loadBuiltIn();
        model = JointEmbedder.load(Optional.of(TestCache.models()));
    }

    @Test
    void theCheckAgreesWithHandLabelledAnswers() {
        SelfCheck check = new SelfCheck(() -> Optional.of(model));
        int pairs = 0;
        int agreed = 0;
        int agreedByWords = 0;
        int good = 0;
        int goodRecognised = 0;
        boolean dump = Boolean.getBoolean("selfcheck.dump");
        for (LabelledAnswers.Answer a : LabelledAnswers.load()) {
            Question q = bank.byId(a.id()).orElseThrow();
            List<SelfCheck.Evidence> evidence = check.evidence(q, a.text(), Optional.of(model));
            int found = 0;
            for (int i = 0; i < q.keypoints().size(); i++) {
                boolean labelled = a.covered().contains(i);
                boolean covered = SelfCheck.covers(evidence.get(i), true);
                pairs++;
                agreed += labelled == covered ? 1 : 0;
                agreedByWords += labelled == SelfCheck.covers(evidence.get(i), false) ? 1 : 0;
                found += covered && labelled ? 1 : 0;
                if (dump) {
                    System.out.printf(Locale.ROOT, "EV %s %s %d %.4f %.4f %b%n", a.label(), a.id(), i,
                            evidence.get(i).cosine(), evidence.get(i).words(), labelled);
                }
            }
            if (a.label().equals("good")) {
                good++;
                goodRecognised += found * 2 >= a.covered().size() ? 1 : 0;
            }
        }
        double agreement = (double) agreed / pairs;
        double recognised = (double) goodRecognised / good;
        double byWords = (double) agreedByWords / pairs;
        System.out.printf(Locale.ROOT, "self-check agreement %.1f%% over %d key points (by words alone %.1f%%); "
                + "good answers recognised %.1f%%%n", 100 * agreement, pairs, 100 * byWords, 100 * recognised);
        assertTrue(byWords >= MIN_AGREEMENT_BY_WORDS, "agreement by words alone " + byWords);
        assertTrue(agreement >= MIN_AGREEMENT, "agreement " + agreement);
        assertTrue(recognised >= MIN_GOOD_RECOGNISED, "good answers recognised " + recognised);
    }

    @Test
    void repeatingTheQuestionCoversNothing() {
        Question q = bank.byId("git-reset-vs-revert").orElseThrow();
        SelfCheck.Result result = new SelfCheck(() -> Optional.of(model)).check(q, q.question());
        assertEquals(List.of(), result.covered());
        assertEquals(q.keypoints(), result.missed());
    }

    @Test
    void withoutTheModelTheCheckReadsWords() {
        Question q = bank.byId("git-reset-vs-revert").orElseThrow();
        SelfCheck words = new SelfCheck(Optional::empty);
        SelfCheck.Result copied = words.check(q, String.join(". ", q.keypoints()));
        assertEquals(q.keypoints(), copied.covered(), "an answer stating every point covers them all");
        assertEquals(List.of(), words.check(q, "No idea, sorry.").covered());
    }

    @Test
    void aHugeOrHostileAnswerIsCheckedWithoutHarm() {
        Question q = bank.byId("python-gil").orElseThrow();
        SelfCheck.Result result = new SelfCheck(() -> Optional.of(model))
                .check(q, "@everyone <@123> ( \" * AND ~ ".repeat(500));
        assertEquals(q.keypoints().size(), result.covered().size() + result.missed().size());
    }
}
