package dev.prepbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prepbot.commands.Reply;
import dev.prepbot.commands.SearchCommand;
import dev.prepbot.search.Highlight;
import dev.prepbot.commands.Text;
import dev.prepbot.commands.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

class DiscordRendererTest {

    private final DiscordRenderer renderer = new DiscordRenderer();

    private static String sentences(int length) {
        StringBuilder text = new StringBuilder();
        int n = 0;
        while (text.length() < length) {
            text.append("Sentence number ").append(n++).append(" explains one more detail of the idea. ");
        }
        String cut = text.substring(0, length);
        return cut.substring(0, cut.lastIndexOf('.') + 1);
    }

    private static Reply.Card card(String title, List<Reply.Section> sections, List<Reply.Button> buttons) {
        return new Reply.Card(Text.of(title), sections, Optional.of(Text.of("python · easy · python-x")), buttons,
                Optional.empty(), Visibility.PUBLIC);
    }

    private static void assertWithinDiscordLimits(MessageCreateData message) {
        assertTrue(message.getContent().length() <= 2_000);
        assertTrue(message.getEmbeds().size() <= 10);
        int total = 0;
        for (MessageEmbed embed : message.getEmbeds()) {
            assertTrue(embed.getTitle() == null || embed.getTitle().length() <= 256);
            assertTrue(embed.getDescription() == null || embed.getDescription().length() <= 4_096);
            assertTrue(embed.getFields().size() <= 25);
            total += embed.getLength();
        }
        assertTrue(total <= 6_000, "embeds total " + total);
        assertTrue(message.getComponents().size() <= 5);
        assertTrue(message.getAllowedMentions().isEmpty(), "mentions must be disabled");
    }

    @Test
    void aFourThousandCharacterExplanationIsSplitAtSentencesWithinTheLimits() {
        String explanation = sentences(4_000);
        Reply.Card card = card("What is it?", List.of(Reply.Section.of("Short answer", sentences(600)),
                Reply.Section.of("Explanation", explanation), Reply.Section.of("Example", sentences(4_000))), List.of());
        List<MessageCreateData> messages = renderer.render(card);
        assertTrue(messages.size() >= 2, "9,000 characters cannot fit one message");
        StringBuilder shown = new StringBuilder();
        for (MessageCreateData message : messages) {
            assertWithinDiscordLimits(message);
            for (MessageEmbed embed : message.getEmbeds()) {
                String description = embed.getDescription();
                assertTrue(description.endsWith(".") || description.endsWith("**"), "cut at a sentence: "
                        + description.substring(Math.max(0, description.length() - 40)));
                shown.append(description).append(' ');
            }
        }
        String all = shown.toString().replaceAll("\\s+", " ");
        assertTrue(all.contains(explanation.substring(explanation.length() - 200)), "nothing is lost");
    }

    @Test
    void longTitlesAndLabelsAreTrimmedAtAWord() {
        Reply.Card card = card("word ".repeat(100), List.of(), List.of(Reply.Button.of("label ".repeat(30), "reveal:x:y")));
        MessageCreateData message = renderer.render(card).get(0);
        String title = message.getEmbeds().get(0).getTitle();
        assertTrue(title.length() <= 256 && title.endsWith("word…"), title);
        assertWithinDiscordLimits(message);
    }

    @Test
    void buttonsArePackedFivePerRowAtMostFiveRows() {
        List<Reply.Button> buttons = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            buttons.add(Reply.Button.of("B" + i, "reveal:answer:q-" + i));
        }
        MessageCreateData message = renderer.render(card("Q?", List.of(), buttons)).get(0);
        assertEquals(5, message.getComponents().size());
        for (var row : message.getComponents()) {
            assertTrue(((ActionRow) row).getComponents().size() <= 5);
        }
    }

    @Test
    void noticesAreTrimmedToTwoThousandCharactersWithMentionsDisabled() {
        MessageCreateData message = renderer.render(Reply.Notice.privately("@everyone " + sentences(5_000))).get(0);
        assertWithinDiscordLimits(message);
        assertTrue(message.getContent().startsWith("@everyone"));
    }

    @Test
    void markdownInTextIsShownNotInterpreted() {
        assertEquals("\\*\\*bold\\*\\* \\_x\\_ \\|\\|spoiler\\|\\| \\~\\~gone\\~\\~ \\[link\\](http://x)",
                Markdown.escape("**bold** _x_ ||spoiler|| ~~gone~~ [link](http://x)"));
        assertEquals("\\# heading\n\\> quote\n\\- item", Markdown.escape("# heading\n> quote\n- item"));
        assertEquals("use `dict.get()` here, and \\` alone", Markdown.escape("use `dict.get()` here, and ` alone"));
        assertEquals("\\<@123> and \\<@&456> and @everyone", Markdown.escape("<@123> and <@&456> and @everyone"));
        assertEquals("back\\\\slash", Markdown.escape("back\\slash"));
    }

    @Test
    void strongWordsAreBoldAndCountdownsAreRelativeTimestamps() {
        Text text = Text.builder().plain("What is the ").strong("GIL").plain("? Ends ").countdown(Instant.ofEpochSecond(1_700_000_000)).build();
        assertEquals("What is the **GIL**? Ends <t:1700000000:R>", Markdown.render(text));
    }

    @Test
    void aSearchResultWithNoMatchedWordIsNotShownAllInBold() {
        Highlight foundByMeaning = new Highlight("When does an index help a query?", List.of());
        Highlight foundByWords = new Highlight("When does an index help a query?", List.of(new Highlight.Range(13, 18)));
        Reply.Card results = card("Search: index", List.of(
                new Reply.Section(SearchCommand.heading(1, foundByMeaning), Text.of("databases")),
                new Reply.Section(SearchCommand.heading(2, foundByWords), Text.of("databases"))), List.of());
        String shown = renderer.render(results).get(0).getEmbeds().get(0).getDescription();
        assertTrue(shown.contains("**1.** When does an index help a query?"), shown);
        assertTrue(shown.contains("**2.** When does an **index** help a query?"), shown);
    }

    @Test
    void splittingNeverCutsAWord() {
        String text = "alpha beta gamma delta epsilon ".repeat(200);
        for (String piece : Fit.split(text, 1_000)) {
            assertTrue(piece.length() <= 1_000);
            assertFalse(piece.endsWith("alph") || piece.startsWith("pha"));
            assertTrue(text.contains(piece));
        }
        String unbroken = "🙂".repeat(1_000);
        for (String piece : Fit.split(unbroken, 333)) {
            assertFalse(Character.isLowSurrogate(piece.charAt(0)), "no emoji is cut in half");
        }
    }
}
