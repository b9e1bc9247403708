package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository carries its own documentation, and nothing in it points at a file it does not have. */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void everyLinkInTheReadmeAndDocsPointsAtAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        for (Path page : pages) {
            Matcher link = MARKDOWN_LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (!target.contains("://") && !target.startsWith("mailto:")
                        && !Files.exists(page.getParent().resolve(target))) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theBankFormatReferenceThatValidatePointsToExists() {
        String path = Main.BANK_FORMAT_DOC.split(" ")[0];
        assertTrue(Files.isRegularFile(ROOT.resolve(path)), path);
        assertTrue(Files.isRegularFile(ROOT.resolve("docs/discord-limits.md")));
    }

    @Test
    void nothingCitesADesignFileTheRepositoryDoesNotHave() throws IOException {
        List<String> citing = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Stream.of(ROOT.resolve("README.md")), Files.walk(ROOT.resolve("src")))) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(java|md|xml)$")).toList()) {
                if (Files.readString(file).contains("DESIGN" + ".md")) {
                    citing.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), citing);
    }
}
