package dev.prepbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {

    private static LoggerContext configured(Map<String, String> env) {
        LoggerContext context = new LoggerContext();
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new Logging(env).configure(context));
        return context;
    }

    @Test
    void logbackIsConfiguredByPrepbotWithoutAnXmlFile() {
        LoggerContext context = assertInstanceOf(LoggerContext.class, LoggerFactory.getILoggerFactory());
        assertNotNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
    }

    @Test
    void logsGoToStandardErrorAtWarnByDefault() {
        Logger root = configured(Map.of()).getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        ConsoleAppender<?> appender = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", appender.getTarget());
    }

    @Test
    void theLevelVariableAsksForMoreAndReachesJda() {
        LoggerContext context = configured(Map.of("PREPBOT_LOG_LEVEL", "debug"));
        assertEquals(Level.DEBUG, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.DEBUG, context.getLogger("net.dv8tion").getLevel());
        assertEquals(Level.ERROR, context.getLogger("ai.djl").getLevel());
    }

    @Test
    void aLevelThatIsNoLevelKeepsWarn() {
        LoggerContext context = configured(Map.of("PREPBOT_LOG_LEVEL", "loud"));
        assertEquals(Level.WARN, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    }
}
