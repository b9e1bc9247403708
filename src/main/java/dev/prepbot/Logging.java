package dev.prepbot;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Where Prepbot's logs go and at what level. Logs go to standard error, so that standard output carries
 * only a command's result; the command line logs warnings only, the running bot also what it does, and
 * {@code PREPBOT_LOG_LEVEL} (e.g. INFO, DEBUG) asks for more.
 *
 * <p>Logback finds this configuration as a service and runs it instead of reading an XML file: parsing
 * XML took about 0.2 s of every start, the command line's included. A file named with
 * {@code -Dlogback.configurationFile} still takes over.
 */
public final class Logging extends ContextAwareBase implements Configurator {

    static final String LEVEL_VARIABLE = "PREPBOT_LOG_LEVEL";
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    private final Map<String, String> env;

    /** Made by Logback's service loader. */
    public Logging() {
        this(System.getenv());
    }

    Logging(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Lucene logs through java.util.logging, bridged to here; this keeps its level checks cheap.
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Level level = level(env).orElse(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(stderr);
        context.getLogger("net.dv8tion").setLevel(level);
        // Lucene notes once per run that the optional Vector API module is not enabled; not worth a warning.
        context.getLogger("org.apache.lucene.internal.vectorization").setLevel(Level.ERROR);
        // The tokenizer's library probes for a GPU at load and warns that none is usable; Prepbot runs on the CPU.
        context.getLogger("ai.djl").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The bot logs INFO unless PREPBOT_LOG_LEVEL says otherwise; JDA's own chatter stays at WARN. */
    static void serverDefaults(Map<String, String> env) {
        if (level(env).isPresent()) {
            return;
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.INFO);
        }
    }

    /** The level PREPBOT_LOG_LEVEL names, if it names one. */
    private static Optional<Level> level(Map<String, String> env) {
        return Optional.ofNullable(env.get(LEVEL_VARIABLE)).map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> Level.toLevel(name, null));
    }
}
