package dev.prepbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolWordsTest {

    @Test
    void hyphenatedTermsOptionsCodeAndOperatorsAreKeptWhole() {
        assertEquals(List.of("happens-before", "--force-with-lease", "o(1)", "c++", "i/o", "==="),
                SymbolWords.of("happens-before --force-with-lease O(1) C++ I/O ==="));
    }

    @Test
    void theSentenceAroundAWordIsTrimmedButItsOwnBracketsAndDotsStay() {
        assertEquals(List.of("--from", "model.eval()", "o(n)", ".net", "count(*)"),
                SymbolWords.of("(see `--from`). Call model.eval(), it is O(n); .NET too: count(*)!"));
    }

    @Test
    void quotesAreDroppedSoQuotedCodeReadsAsTyped() {
        assertEquals(List.of("1=1"), SymbolWords.of("' OR '1'='1"));
        assertEquals(List.of("1=1"), SymbolWords.of("' OR 1=1 --"));
    }

    @Test
    void plainWordsContractionsDashesAndSinglePunctuationAreNotSymbolWords() {
        assertEquals(List.of(), SymbolWords.of("don't what's the -- difference = here ... - , fine"));
    }

    @Test
    void anOptionWithAValueIsAlsoKeptAsItsName() {
        assertEquals(List.of("--from=builder", "--from"), SymbolWords.of("COPY --from=builder"));
    }

    @Test
    void aLongPasteWithoutSpacesIsNotAWord() {
        String paste = "x-" + "y".repeat(SymbolWords.LONGEST);
        assertEquals(List.of("a-b"), SymbolWords.of(paste + " a-b"));
    }

    @Test
    void eachWordIsListedOnce() {
        assertEquals(List.of("c++"), SymbolWords.of("c++ and C++ and c++."));
    }

    @Test
    void severalTextsHoldTheWordsOfTheTextsJoined() {
        List<String> texts = List.of("Use git rebase --onto here.", "c++ or node.js", "and c++ again: a-b");
        assertEquals(SymbolWords.of(String.join(" ", texts)), SymbolWords.of(texts));
        assertEquals(List.of("--onto", "c++", "node.js", "a-b"), SymbolWords.of(texts));
    }
}
