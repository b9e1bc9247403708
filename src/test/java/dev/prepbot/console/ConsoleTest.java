package dev.prepbot.console;

import static dev.prepbot.testing.BankFiles.question;
import static dev.prepbot.testing.BankFiles.with;
import static dev.prepbot.testing.BankFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.App;
import dev.prepbot.Settings;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTest {

    @TempDir
    Path dir;

    private String session(String script) throws Exception {
        Path bank = write(dir.resolve("bank.json"), "networking",
                with(with(question("tcp-handshake", "networking"), "question",
                        "What happens during the TCP three-way handshake?"), "tags", List.of("tcp", "handshake")),
                with(question("dns-lookup", "networking"), "question", "How does a DNS lookup find an address?"));
        return run(script, Settings.fromEnvironment(Map.of()).withBanks(List.of(bank))
                .withDatabase(dir.resolve("console.db").toString()));
    }

    /** Runs the script in a piped console on the settings' bank and returns everything it printed. */
    static String run(String script, Settings settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (App app = App.start(settings)) {
            Console console = new Console(Console.localCaller(), new BufferedReader(new StringReader(script)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), false);
            console.run(app.commands(console.channels()), app::quizRunning);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aScriptedSessionSearchesOpensAndRevealsAnAnswerPartByPart() throws Exception {
        String out = session("""
                /search tcp handshak
                1
                2
                3
                /quit
                /topics
                """);
        assertTrue(out.contains("== Search: tcp handshak =="), out);
        assertTrue(out.contains("**1.** What happens during the **TCP** three-way **handshake**?"), out);
        assertTrue(out.contains("[1] Open: What happens during the TCP three-way handshake?"), out);
        // Opening the result shows the short answer and explanation, with the other parts as choices.
        assertTrue(out.contains("Short answer\n  It is about tcp-handshake."), out);
        assertTrue(out.contains("[1] Example\n[2] Common mistakes\n[3] Production story"), out);
        assertTrue(out.contains("Common mistakes\n  - Mistaking tcp-handshake for something else."), out);
        assertTrue(out.contains("Production story\n  A team once forgot tcp-handshake and learned."), out);
        assertTrue(!out.contains("questions in"), "nothing runs after /quit");
    }

    @Test
    void theConsoleImportsABankFileByPathAndAddsAQuestionByPrompts() throws Exception {
        Path acme = write(dir.resolve("acme.json"), "acme-onsite",
                with(question("acme-deploys", "acme-onsite"), "question", "How do we roll back a deploy at Acme?"));
        String out = session("""
                /bank import file:%s
                /search roll back a deploy at acme
                /bank add acme-onsite easy
                What is our on-call rotation at Acme?
                A weekly rotation with a secondary.

                It keeps nights predictable.

                A weekly rotation
                Daily
                Monthly
                Never

                /question acme-onsite
                """.formatted(acme));
        assertTrue(out.contains("Imported 1 question"), out);
        assertTrue(out.contains("How do we roll back a deploy at Acme?"), out);
        assertTrue(out.contains("Question added"), out);
        assertTrue(out.contains("It is live"), "the console's user curates its own bank: " + out);
    }

    /** A session on the built-in bank, whose questions have key points, searching by words only. */
    private String builtInSession(String script) throws Exception {
        return run(script, Settings.fromEnvironment(Map.of("PREPBOT_SEARCH_MODEL", "off"))
                .withDatabase(dir.resolve("builtin.db").toString()));
    }

    @Test
    void practiceShowsTheAnswerTakesAGradeAndTheSelfCheckReadsAWrittenAnswer() throws Exception {
        String out = builtInSession("""
                /practice topic:git
                1
                Good
                Check my answer
                Revert adds a new commit that undoes an earlier one, so shared history is not rewritten.
                A second line of the same answer.

                /review
                /readiness
                """);
        assertTrue(out.contains("[1] Show answer\n[2] Check my answer"), out);
        assertTrue(out.matches("(?s).*Picture written to \\S+\\.png.*"), out);
        assertTrue(out.contains("How well did you know it?"), out);
        assertTrue(out.contains("Good: \""), out);
        assertTrue(out.contains("Your answer, as you would say it (finish with an empty line):"), out);
        assertTrue(out.contains("Covered: "), out);
        assertTrue(out.contains("You have missed no quiz question in the last 30 days."), out);
    }

    @Test
    void questionThenRevealTheShortAnswer() throws Exception {
        String out = session("/question networking medium\n1\n");
        assertTrue(out.contains("[1] Short answer\n[2] Full answer"), out);
        assertTrue(out.contains("Short answer\n  It is about "), out);
    }

    @Test
    void mistakesGetASentenceNotACrash() throws Exception {
        String out = session("""
                hello
                7
                /nope
                /question topic:astrology
                /answer
                /search ( " * AND ~
                """);
        assertTrue(out.contains("Commands start with a slash, for example /search hello."), out);
        assertTrue(out.contains("There is nothing to choose right now."), out);
        assertTrue(out.contains("There is no /nope command. Try /help."), out);
        assertTrue(out.contains("There is no topic \"astrology\". Topics: networking."), out);
        assertTrue(out.contains("Tell me which question"), out);
        assertTrue(out.contains("No question in the bank answers \"( \" * AND ~\"."), out);
    }

    @Test
    void aQuizRoundRunsInTheConsoleWithLettersAsAnswers() throws Exception {
        String out = session("""
                /quiz start questions:1 seconds:30
                B
                B
                /quiz stop
                /leaderboard
                """);
        assertTrue(out.contains("== Quiz round starting =="), out);
        assertTrue(out.contains("== Question 1 of 1 =="), out);
        assertTrue(out.contains("[1] A\n[2] B\n[3] C\n[4] D"), out);
        assertTrue(out.contains("Locked in B."), out);
        assertTrue(out.contains("You already answered this question."), out);
        assertTrue(out.contains("== Round stopped =="), out);
        assertTrue(out.contains("Round stopped by"), out);
        assertTrue(out.contains("== Leaderboard: all time =="), out);
    }

    @Test
    void inAPipeAQuizQuestionsCountdownIsPrintedOnceAndNeverRedrawn() throws Exception {
        String out = session("/quiz start questions:1 seconds:30\n/quiz stop\n");
        assertEquals(1, Pattern.compile("Time's up in \\d+ s \\(at \\d\\d:\\d\\d:\\d\\d\\)\\.")
                .matcher(out).results().count(), out);
        assertTrue(!out.contains("\r") && !out.contains("\u001b") && !out.contains("s left"), out);
    }

    @Test
    void endOfInputEndsTheSessionCleanly() throws Exception {
        assertEquals("", session(""));
    }
}
