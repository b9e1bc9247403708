package dev.prepbot.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Prepbot launched as the Dockerfile launches it: from the built jar, with the JVM options of the
 * image's {@code ENTRYPOINT}, read from the Dockerfile itself so that the benchmarks cannot drift from
 * what is deployed. The class-data archive those options name is placed where the caller says, so that
 * the first start of a benchmark writes it and the starts after it read it, as a deployed bot's do.
 */
final class Deployed {

    static final Path JAR = Path.of("target", "prepbot.jar");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Pattern JVM_OPTIONS = Pattern.compile("PREPBOT_JVM_OPTIONS=\"([^\"]*)\"");

    private Deployed() {
    }

    /** Whether the jar is built; without it Prepbot runs from the test classpath, with no archive. */
    static boolean available() {
        return Files.isRegularFile(JAR);
    }

    /**
     * The JVM options of the image, with its class-data archive at {@code archive}, as its
     * {@code ENTRYPOINT} adds it. Without the jar the archive is left out: the JVM archives classes from
     * jars only.
     */
    static List<String> jvmOptions(Path archive) {
        List<String> options = new ArrayList<>(dockerfileOptions());
        if (available()) {
            options.addAll(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive.toAbsolutePath()));
        }
        return options;
    }

    /**
     * The command that runs {@code main} with {@code args} the deployed way: the jar with the test
     * classes beside it in a jar of their own (the JVM archives no class from a directory), or the test
     * classpath when the jar is not built.
     */
    static List<String> command(Path archive, Path workDir, String main, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions(archive));
        String classpath = available() ? JAR + File.pathSeparator + testClassesJar(workDir)
                : System.getProperty("java.class.path");
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(args);
        return command;
    }

    /**
     * The Dockerfile's {@code PREPBOT_JVM_OPTIONS}, which its {@code ENTRYPOINT} passes to {@code java}
     * before the archive named by the jar's digest: for JVMs that run from the test classpath (JMH's
     * forks), the same collector and heap sizing as deployed.
     */
    static List<String> dockerfileOptions() {
        try {
            Matcher options = JVM_OPTIONS.matcher(Files.readString(DOCKERFILE));
            if (!options.find()) {
                throw new IllegalStateException("the Dockerfile sets no PREPBOT_JVM_OPTIONS");
            }
            return List.of(options.group(1).strip().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled test classes in one jar under {@code workDir}, made once per directory. */
    private static Path testClassesJar(Path workDir) {
        Path jar = workDir.resolve("test-classes.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        ToolProvider tool = ToolProvider.findFirst("jar")
                .orElseThrow(() -> new IllegalStateException("the benchmarks need a JDK: no jar tool"));
        StringWriter errors = new StringWriter();
        int code = tool.run(new PrintWriter(System.out), new PrintWriter(errors),
                "--create", "--file", jar.toString(), "-C", testClasses().toString(), ".");
        if (code != 0) {
            throw new IllegalStateException("could not jar the test classes: " + errors);
        }
        return jar;
    }

    private static Path testClasses() {
        return Optional.ofNullable(Deployed.class.getProtectionDomain().getCodeSource())
                .map(source -> {
                    try {
                        return Path.of(source.getLocation().toURI());
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalStateException("the test classes are not in a directory"));
    }
}
