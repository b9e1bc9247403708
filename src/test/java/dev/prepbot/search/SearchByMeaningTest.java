package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.bank.Bank;
import dev.prepbot.bank.BankLoader;
import dev.prepbot.bank.Progress;
import dev.prepbot.bank.Question;
import dev.prepbot.testing.BankFiles;
import dev.prepbot.testing.Questions;
import dev.prepbot.testing.TestCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search by meaning on the built-in bank, honest "no match", and how the model's absence is handled. */
class SearchByMeaningTest {

    private static Bank builtIn;
    private static SearchIndex index;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        builtIn = new BankLoader().loadBuiltIn();
        index = SearchIndex.build(builtIn,
                Meaning.start(builtIn, () -> JointEmbedder.load(Optional.of(TestCache.models())), Optional.of(TestCache.vectors()), Progress.none(),
                        Runnable::run));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    /** A small bank's index, searched by meaning with the sentence models already loaded. */
    private static SearchIndex byMeaning(Bank bank) {
        return SearchIndex.build(bank, Meaning.start(bank, () -> index.sentenceModel().orElseThrow(), Optional.empty(),
                Progress.none(), Runnable::run));
    }

    private static List<String> ids(SearchIndex in, String query) {
        return in.search(query, Optional.empty(), 3).stream().map(h -> h.question().id()).toList();
    }

    @Test
    void aQuestionInPlainWordsFindsTheQuestionThatMeansIt() {
        assertTrue(ids(index, "how do two computers start a tcp connection").contains("networking-tcp-handshake-time-wait"));
        assertTrue(ids(index, "why does my container keep restarting").contains("containers-crashloopbackoff-debugging"));
        assertTrue(ids(index, "how to copy a single fix from one branch to another").contains("git-cherry-pick-hotfix"));
        // No word of the question it means, and "server" in many others: a word found everywhere says little.
        assertTrue(ids(index, "how do servers pick which one is in charge").contains("system-design-leader-election"));
    }

    @Test
    void somethingTheBankDoesNotCoverIsNoMatchWithNowhereWrongSuggested() {
        assertEquals(List.of(), ids(index, "best recipe for sourdough bread"));
        assertEquals(List.of(), ids(index, "how do i renew my passport"));
        assertEquals(List.of(), index.nearestTopics("best recipe for sourdough bread", 3));
    }

    @Test
    void aFewWordsOfTheBankInTheirEverydaySenseDoNotMakeANearQuestionAnAnswer() {
        // "python" and "schedule", "queue" and "security": near in meaning, but too few of the words.
        assertEquals(List.of(), ids(index, "python snake feeding schedule for a baby"));
        assertEquals(List.of(), ids(index, "which queue at airport security moves fastest"));
    }

    @Test
    void everydayQuestionsMuchCloserThanTheBanksMakeAQueryInItsWordsNoMatch() {
        String query = "how long does a python live as a pet";
        assertAnAnswerByMeaningAndWordsAlone(query, "half its words in one question");
        assertEquals(List.of(), ids(index, query));
        assertEquals(List.of(), index.nearestTopics(query, 3), "nor is a topic of the bank where to look");
    }

    @Test
    void computingTheBankDoesNotCoverIsNoMatchButItsNearestTopicsAreStillNamed() {
        String query = "what does the swift compiler do with optionals";
        assertAnAnswerByMeaningAndWordsAlone(query, "the computing questions far from the bank aside");
        assertEquals(List.of(), ids(index, query));
        assertFalse(index.nearestTopics(query, 3).isEmpty(), "still computing: the nearest topics are where to look");
    }

    /** The query would be answered by its closeness and words alone, before the other questions are heard. */
    private static void assertAnAnswerByMeaningAndWordsAlone(String query, String why) {
        SearchIndex.Evidence evidence = index.evidence(query);
        assertTrue(Relevance.WHOLE_AND_PARTS.answers(evidence.closest(), evidence.coverage()), query + ": " + why);
    }

    @Test
    void noBuiltInQuestionAskedAsItIsWrittenIsTakenForEverydayLife() {
        for (Question question : builtIn.questions()) {
            assertFalse(ids(index, question.question()).isEmpty(), question.id());
        }
    }

    @Test
    void aTopicIsSuggestedOnlyWhenMoreThanOneOfItsQuestionsIsNear() {
        // One word with another sense in the bank: keyboard switches, context switches; a leaky faucet, data leakage.
        for (String offSubject : List.of("best mechanical keyboard switches", "how to fix a leaky kitchen faucet",
                "powerpoint slide transitions", "explain photosynthesis")) {
            assertEquals(List.of(), index.nearestTopics(offSubject, 3), offSubject);
        }
        assertFalse(index.nearestTopics("c++ move semantics rvalue reference", 3).isEmpty(), "a technical question still gets somewhere to look");
    }

    @Test
    void aServersOwnTopicIsSuggestedByMeaningByTheSameRuleAsTheBuiltInOnes() {
        String guild = "200000000000000002";
        List<Question> own = List.of(
                RUST_BORROW_CHECKER,
                RUST_LIFETIMES,
                Questions.of("acme-keyboards", "acme-hardware", "Which mechanical keyboard switches does our office order?",
                        "Tactile brown switches, because the open-plan floor asked for quieter keyboards.",
                        "Facilities orders them twice a year."));
        try (ServerIndex servers = ServerIndex.open(Optional.empty(), index::sentenceModel)) {
            servers.putAll(guild, own);
            GuildSearch search = new GuildSearch(index, servers, OwnQuestions.catalog(builtIn, own));
            String aliasing = "why won't the compiler let me hold two mutable references to the same value";
            assertEquals("rust", search.nearestTopics(Optional.of(guild), aliasing, 3).get(0));
            assertFalse(search.nearestTopics(Optional.empty(), aliasing, 3).contains("rust"), "another server's topic");
            // One near question of the server's is a word in common, as for the built-in topics.
            assertEquals(List.of(), search.nearestTopics(Optional.of(guild), "best mechanical keyboard switches", 3));
        }
    }

    private static final Question RUST_BORROW_CHECKER = Questions.of("rust-borrow-checker", "rust",
            "What does Rust's borrow checker enforce?",
            "Any number of shared references or exactly one mutable reference to a value at a time, none outliving it.",
            "Aliasing and mutation never meet, so data races cannot compile.");
    private static final Question RUST_LIFETIMES = Questions.of("rust-lifetimes", "rust", "What are lifetimes in Rust for?",
            "They tell the compiler how long a reference stays valid, so none outlives the value it borrows.",
            "Most are inferred; they are written out where a function returns a borrowed reference.");

    /** Three questions on three subjects, as a small team's first bank might be. */
    private static final List<Question> THREE_SUBJECTS = List.of(
            RUST_BORROW_CHECKER,
            Questions.of("cdn-invalidation", "web", "How do you make a CDN serve a changed file at once?",
                    "Give each version of the file its own name, or purge the cached copy at the edge.",
                    "Edges keep a copy until it expires; a new name is a new cache entry."),
            Questions.of("missed-deadline", "behavioral", "Tell me about a time you missed a deadline.",
                    "Say what slipped and why, what you told people and when, and what you changed afterwards.",
                    "Interviewers look for early warning and ownership, not for a story without mistakes."));

    @Test
    void aSmallBankShowsOnlyTheQuestionsNearTheBestNotEveryQuestionItHas() {
        Bank three = new Bank(THREE_SUBJECTS);
        try (SearchIndex small = byMeaning(three)) {
            assertEquals(List.of("rust-borrow-checker"),
                    ids(small, "why won't the compiler let me hold two mutable references to the same value"));
            assertEquals(List.of("missed-deadline"), ids(small, "a story about a project that ran late"));
        }
    }

    @Test
    void aServersOwnQuestionsShowOnlyThoseNearTheBest() {
        String guild = "300000000000000003";
        try (ServerIndex servers = ServerIndex.open(Optional.empty(), index::sentenceModel)) {
            servers.putAll(guild, THREE_SUBJECTS);
            assertEquals(List.of("rust-borrow-checker"), servers.search(guild,
                    "why won't the compiler let me hold two mutable references to the same value", Optional.empty(), 3)
                    .stream().map(ServerIndex.Match::id).toList());
        }
    }

    @Test
    void theModelReadsAQuestionWithItsTyposCorrected() {
        // Read as typed, the misspelt words were nearest to a question on file descriptors.
        assertEquals("behavioral-tight-deadline", ids(index, "a storry about a tigth dedline").get(0));
    }

    @Test
    void theClosestTopicsAreFoundForAQueryWithItsTyposCorrected() {
        // Read as typed, "greatest weakenss" was near no topic: the model read the misspelt word, not "weakness".
        Map<String, String> topicOf = Map.of("pyhton gil", "python", "race conditon", "concurrency",
                "greatest weakenss", "behavioral");
        GuildSearch anywhere = GuildSearch.builtInOnly(index);
        topicOf.forEach((query, topic) -> {
            assertEquals(List.of(topic), index.nearestTopics(query, 1), query);
            assertEquals(List.of(topic), anywhere.nearestTopics(Optional.empty(), query, 1), query);
        });
    }

    @Test
    void realWordsTheBankLacksAreNotCorrectedIntoOtherWordsButTyposAre() {
        try (SearchIndex words = SearchIndex.build(builtIn)) {
            assertEquals(0f, words.evidence("sourdough levain recipe").coverage(), "English words are not typos");
            assertEquals(List.of(), ids(words, "sourdough levain recipe"));
            assertTrue(words.evidence("pyhton decoraters").coverage() > 0f, "typos are corrected");
            assertEquals("python-decorators", ids(words, "pyhton decoraters").get(0));
        }
    }

    @Test
    void aBlankQueryOrOneOfOnlyJoiningWordsIsNoMatchByMeaningToo() {
        for (String nothing : List.of("", "   ", "\t\n", "the", "what is", "how do I", "( AND ~ )")) {
            assertEquals(List.of(), ids(index, nothing), nothing);
        }
        for (String blank : List.of("", "   ", "\t\n")) {
            assertEquals(Map.of(), index.nearestInMeaning(blank, 3));
        }
        for (String nothing : List.of("", "   ", "\t\n", "how do I", "( AND ~ )", "AND ( \" * ~")) {
            assertEquals(List.of(), index.nearestTopics(nothing, 3), "no topic is near '" + nothing + "'");
        }
    }

    @Test
    void anUndoOfAPushedCommitFindsGitNow() {
        assertEquals("git-reset-vs-revert", ids(index, "how do i undo a pushed commit").get(0));
    }

    @Test
    void relatedQuestionsComeByMeaningAndNeverTheQuestionItself() {
        List<Question> related = index.related("git-reset-vs-revert", 3);
        assertEquals(3, related.size());
        assertFalse(related.stream().anyMatch(q -> q.id().equals("git-reset-vs-revert")));
        assertTrue(related.stream().allMatch(q -> q.topic().equals("git")), related.toString());
        assertEquals(List.of(), index.related("no-such-question", 3));
    }

    @Test
    void wordsInCommonBreakNearTiesAmongRelatedQuestions() {
        // By meaning alone, failure detection and deadlocks (their timeouts and conditions) came second
        // and third; the sockets question shares the handshake's words and is as near.
        List<String> related = index.related("networking-tcp-handshake-time-wait", 3).stream().map(Question::id).toList();
        assertTrue(related.contains("networking-ports-and-sockets"), related.toString());
        assertFalse(related.contains("concurrency-deadlock-conditions"), related.toString());
    }

    @Test
    void everyBuiltInQuestionStillHasThreeRelatedQuestions() {
        for (Question q : builtIn.questions()) {
            assertEquals(3, index.related(q.id(), 3).size(), q.id());
        }
    }

    @Test
    void aSmallBankOnSeveralSubjectsListsOnlyWhatIsNearAsRelated() {
        List<Question> four = new ArrayList<>(THREE_SUBJECTS);
        four.add(RUST_LIFETIMES);
        Bank bank = new Bank(four);
        try (SearchIndex small = byMeaning(bank)) {
            assertEquals(List.of("rust-lifetimes"), small.related("rust-borrow-checker", 3).stream().map(Question::id).toList());
            assertEquals(List.of(), small.related("cdn-invalidation", 3));
        }
        String guild = "300000000000000005";
        try (ServerIndex servers = ServerIndex.open(Optional.empty(), index::sentenceModel)) {
            servers.putAll(guild, four);
            GuildSearch search = new GuildSearch(index, servers, OwnQuestions.catalog(builtIn, four));
            List<String> related = search.related(Optional.of(guild), THREE_SUBJECTS.get(0), 3).stream()
                    .map(Question::id).toList();
            assertEquals("rust-lifetimes", related.get(0));
            assertFalse(related.contains("cdn-invalidation") || related.contains("missed-deadline"), related.toString());
        }
    }

    @Test
    void untilTheModelIsReadySearchServesByWordsAlone() {
        List<Runnable> pending = new ArrayList<>();
        Executor never = pending::add;
        Bank bank = new Bank(builtIn.questions());
        try (SearchIndex words = SearchIndex.build(bank,
                Meaning.start(bank, WordHashEmbedder::new, Optional.empty(), Progress.none(), never))) {
            assertFalse(words.searchesByMeaning());
            assertEquals("git-bisect", ids(words, "git bisect").get(0));
            assertEquals(List.of(), ids(words, "best recipe for sourdough bread"));
            assertFalse(words.related("git-bisect", 2).isEmpty(), "related by shared words meanwhile");
            pending.forEach(Runnable::run);
            assertTrue(words.awaitMeaning(Duration.ofSeconds(5)));
            assertTrue(words.searchesByMeaning());
        }
    }

    @Test
    void stoppingWhileTheModelStillLoadsIsQuietAndMeaningStaysOff() {
        List<Runnable> pending = new ArrayList<>();
        Bank bank = new Bank(builtIn.questions());
        SearchIndex words = SearchIndex.build(bank,
                Meaning.start(bank, WordHashEmbedder::new, Optional.empty(), Progress.none(), pending::add));
        words.close();
        pending.forEach(Runnable::run);
        assertFalse(words.searchesByMeaning(), "vectors that arrive after the stop are not used");
    }

    @Test
    void aModelThatCannotLoadLeavesSearchToWords() {
        Bank bank = new Bank(builtIn.questions());
        Meaning broken = Meaning.start(bank, () -> {
            throw new UnsatisfiedLinkError("no ONNX Runtime library for this platform");
        }, Optional.empty(), Progress.none(), Runnable::run);
        try (SearchIndex words = SearchIndex.build(bank, broken)) {
            assertFalse(words.awaitMeaning(Duration.ofSeconds(1)));
            assertEquals("git-bisect", ids(words, "git bisect").get(0));
        }
    }

    @Test
    void aQuestionIsReadWholeAndByItsQuestionItsAnswersSentencesAndTheExplanationsOpening() throws Exception {
        Map<String, Object> fields = BankFiles.question("leases", "distributed");
        fields.put("answer", "A lease is ownership that expires. The holder renews it before then.");
        fields.put("explanation", "Nodes die without warning. A lease bounds how long a dead one holds on. "
                + "Clocks drift, so leases keep a margin. Fencing tokens stop a paused holder.");
        Path bankFile = BankFiles.write(dir.resolve("one").resolve("bank.json"), "distributed", fields);
        Question q = new BankLoader().loadPaths(List.of(bankFile.getParent())).questions().get(0);

        assertEquals(List.of(q.question(), "A lease is ownership that expires.", "The holder renews it before then.",
                "Nodes die without warning.", "A lease bounds how long a dead one holds on."), VectorIndex.parts(q));
    }

    @Test
    void aQueryCloseToOnePartOfAQuestionIsCloserThanToTheWholeAlone() throws Exception {
        Map<String, Object> fields = BankFiles.question("leases", "distributed");
        fields.put("answer", "Ownership that expires unless renewed. Coordination services such as etcd grant it.");
        Path bankFile = BankFiles.write(dir.resolve("parts").resolve("bank.json"), "distributed", fields,
                BankFiles.question("other", "distributed"));
        Bank bank = new BankLoader().loadPaths(List.of(bankFile.getParent()));
        WordHashEmbedder model = new WordHashEmbedder();
        org.apache.lucene.store.ByteBuffersDirectory memory = new org.apache.lucene.store.ByteBuffersDirectory();
        VectorIndex.write(bank, model, memory, Progress.none());
        try (VectorIndex vectors = VectorIndex.open(memory, bank.size())) {
            float[] query = model.embed("ownership that expires unless renewed");
            Question leases = bank.questions().stream().filter(x -> x.id().equals("leases")).findFirst().orElseThrow();
            float whole = dot(query, model.embed(VectorIndex.text(leases)));
            float part = dot(query, model.embed("Ownership that expires unless renewed."));

            VectorIndex.Neighbour closest = vectors.closest(query, 5, Optional.empty(), List.of()).get(0);

            assertEquals(bank.questions().indexOf(leases), closest.ordinal());
            assertEquals(Relevance.closeness(whole, part), closest.closeness(), 1e-4);
            assertTrue(closest.closeness() > whole + 0.1, closest + " against the whole's " + whole);
        }
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void vectorsAreKeptInTheCacheSoAnUnchangedBankEmbedsNothing() throws Exception {
        Path bankFile = BankFiles.write(dir.resolve("bank").resolve("bank.json"), "caching",
                BankFiles.question("cache-warm", "caching"), BankFiles.question("cache-cold", "caching"));
        Bank bank = new BankLoader().loadPaths(List.of(bankFile.getParent()));
        WordHashEmbedder first = new WordHashEmbedder();
        Meaning.start(bank, () -> first, Optional.of(dir.resolve("vectors")), Progress.none(), Runnable::run).close();
        int texts = bank.questions().stream().mapToInt(q -> 1 + VectorIndex.parts(q).size()).sum();
        int other = OtherQuestions.texts(OtherQuestions.Kind.EVERYDAY).size()
                + OtherQuestions.texts(OtherQuestions.Kind.COMPUTING).size();
        assertEquals(texts + other + 1, first.embedded.get(),
                "both questions whole and in parts, the other questions, and one text to warm the model up");
        WordHashEmbedder second = new WordHashEmbedder();
        Meaning again = Meaning.start(bank, () -> second, Optional.of(dir.resolve("vectors")), Progress.none(), Runnable::run);
        assertTrue(again.isReady());
        assertEquals(1, second.embedded.get(), "the stored vectors were read, the other questions' too: only the warm-up embedded");
        again.close();
    }
}
