package dev.prepbot.console;

import static dev.prepbot.testing.BankFiles.question;
import static dev.prepbot.testing.BankFiles.with;
import static dev.prepbot.testing.BankFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.App;
import dev.prepbot.Settings;
import dev.prepbot.commands.Caller;
import dev.prepbot.commands.Commands;
import dev.prepbot.search.Suggestion;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionsTest {

    @TempDir
    static Path dir;

    private static App app;
    private static Commands commands;
    private static Completions completions;

    @BeforeAll
    static void start() throws Exception {
        Path bank = write(dir.resolve("bank.json"), null,
                with(with(question("system-design-leader-election", "system-design"), "question",
                        "How does leader election work in a distributed system, and how do you avoid split brain?"),
                        "difficulty", "hard"),
                with(question("distributed-systems-quorum-reads-writes", "distributed-systems"), "question",
                        "In a leaderless store with N replicas, what does choosing R and W so that R + W > N guarantee?"),
                with(question("tcp-handshake", "networking"), "question",
                        "What happens during the TCP three-way handshake?"));
        Settings settings = Settings.fromEnvironment(Map.of("PREPBOT_SEARCH_MODEL", "off")).withBanks(List.of(bank))
                .withDatabase(dir.resolve("completions.db").toString());
        app = App.start(settings);
        Caller caller = Console.localCaller();
        Console console = new Console(caller, new BufferedReader(new StringReader("")),
                new PrintStream(OutputStream.nullOutputStream()), false);
        commands = app.commands(console.channels());
        completions = new Completions(commands, caller);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** What Tab offers with the cursor at the end of the line. */
    private static Completions.Offer tab(String line) {
        return completions.at(line, line.length());
    }

    private static List<String> values(String line) {
        return tab(line).completions().stream().map(Completions.Completion::value).toList();
    }

    @Test
    void tabCompletesACommandName() {
        assertEquals(List.of("/answer"), values("/ans"));
        Completions.Offer offer = tab("/ans");
        assertEquals(0, offer.start());
        assertEquals(4, offer.end());
        assertTrue(offer.completions().get(0).complete(), "a space follows a whole command name");
    }

    @Test
    void tabListsEveryCommandSharingWhatWasTyped() {
        assertEquals(List.of("/question", "/quiz", "/quit"), values("/qu"));
        assertTrue(values("/").containsAll(List.of("/question", "/answer", "/search", "/topics", "/help")), values("/").toString());
    }

    @Test
    void tabCompletesASubcommand() {
        assertEquals(List.of("start", "stop"), values("/quiz st"));
        assertEquals(List.of("status"), values("/daily sta"));
    }

    @Test
    void tabCompletesAnOptionNameWithItsColonAndNoSpace() {
        assertEquals(List.of("topic:"), values("/search tcp to"));
        Completions.Completion topic = tab("/search tcp to").completions().get(0);
        assertFalse(topic.complete(), "the value follows the colon");
        assertEquals(List.of("questions:"), values("/quiz start que"));
    }

    @Test
    void tabCompletesATopicInItsPlaceOrNamed() {
        assertEquals(List.of("networking"), values("/question net"));
        assertEquals(List.of("distributed-systems"), values("/question Dist"));
        assertEquals(List.of("topic:networking"), values("/search tcp topic:net"));
        assertEquals(List.of("topic:system-design"), values("/quiz start topic:sys"));
    }

    @Test
    void tabCompletesADifficultyAfterTheTopic() {
        assertEquals(List.of("hard"), values("/question networking h"));
        assertEquals(List.of("easy", "medium", "hard", "difficulty:"), values("/question networking "));
        assertEquals(List.of("difficulty:medium"), values("/question difficulty:m"));
    }

    @Test
    void tabCompletesTrueOrFalseForAFlag() {
        assertEquals(List.of("private:true"), values("/answer tcp-handshake private:t"));
    }

    @Test
    void tabCompletesAQuestionIdFromItsText() {
        Completions.Offer offer = tab("/answer leader elec");
        assertEquals(List.of("system-design-leader-election"), values("/answer leader elec"));
        assertTrue(offer.ranked(), "questions come best first, matched by the suggester");
        assertEquals("/answer ".length(), offer.start(), "every word of the question is replaced by its id");
        assertEquals("How does leader election work in a distributed system, and how do you avoid split brain?",
                offer.completions().get(0).display());
    }

    @Test
    void tabCompletesAQuestionIdFromPartOfTheId() {
        assertEquals("tcp-handshake", values("/answer tcp-hand").get(0));
        assertEquals("question:tcp-handshake", values("/answer question:tcp-hand").get(0));
    }

    @Test
    void idsSpellingTheTypedWordsComeBeforeTheSuggestersOtherChoices() {
        List<Suggestion> suggested = commands.autocomplete("answer", "question", "lead", Console.localCaller());
        assertEquals("distributed-systems-quorum-reads-writes", suggested.get(0).id(),
                "the suggester puts the question with \"leaderless\" earliest in its text first");
        assertEquals(List.of("system-design-leader-election", "distributed-systems-quorum-reads-writes"), values("/answer lead"));
    }

    @Test
    void aNamedQuestionRunsOverSeveralWords() {
        Completions.Offer offer = tab("/answer question:leader elec");
        assertEquals(List.of("question:system-design-leader-election"), values("/answer question:leader elec"));
        assertEquals("/answer ".length(), offer.start());
    }

    @Test
    void spacesTypedBeyondOneAreReplacedWithTheWord() {
        Completions.Offer offer = tab("/answer   lead");
        assertEquals("/answer ".length(), offer.start());
        assertEquals("/answer   lead".length(), offer.end());
        assertEquals("system-design-leader-election", offer.completions().get(0).value());
    }

    @Test
    void tabCompletesATimeZoneThroughTheCommandsAutocomplete() {
        List<String> zones = values("/daily set console 09:00 Europe/Berl");
        assertEquals("Europe/Berlin", zones.get(0));
        assertTrue(tab("/daily set console 09:00 Europe/Berl").ranked());
    }

    @Test
    void nothingToRankByListsQuestionsWithoutInsertingOne() {
        Completions.Offer offer = tab("/answer ");
        assertFalse(offer.ranked());
        assertTrue(values("/answer ").containsAll(List.of("tcp-handshake", "question:", "private:")), values("/answer ").toString());
    }

    @Test
    void choicesPlainWordsAndUnknownCommandsOfferNothing() {
        assertEquals(List.of(), values("2"));
        assertEquals(List.of(), values("hello"));
        assertEquals(List.of(), values("/nope x"));
        assertEquals(List.of(), values("/quiz begin "));
    }

    @Test
    void theWordUnderTheCursorIsCompletedFromWhatPrecedesTheCursor() {
        Completions.Offer offer = completions.at("/quest networking", 3);
        assertEquals(List.of("/question", "/quiz", "/quit"), offer.completions().stream().map(Completions.Completion::value).toList());
        assertEquals(0, offer.start());
        assertEquals("/quest".length(), offer.end());
    }

    @Test
    void everyIdLeadingWithTheTypedWordsSpellsThem() {
        assertTrue(Completions.spells("system-design-leader-election", "lead"));
        assertTrue(Completions.spells("system-design-leader-election", "leader elec"));
        assertTrue(Completions.spells("Europe/Berlin", "berl"));
        assertFalse(Completions.spells("distributed-systems-quorum-reads-writes", "lead"));
        assertFalse(Completions.spells("tcp-handshake", " "));
    }
}
