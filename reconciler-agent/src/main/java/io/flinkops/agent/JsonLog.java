package io.flinkops.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.MapMessage;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's structured log lines: a message and fields ({@code "outcome", "SUCCEEDED", "durationMs", 1234, …}),
 * logged through log4j and written by its JsonTemplateLayout as one JSON object per line: {@code ts}, {@code level},
 * {@code msg}, {@code logger}, then the fields at the top level with their JSON types (numbers, lists and objects stay
 * what they are). The format is the event template {@value #TEMPLATE}; the libraries' own lines (fabric8, JGit, through
 * SLF4J) come out in the same format (log4j2.xml).
 * Callers pass messages that are already free of credentials (the git package redacts its own).
 */
public final class JsonLog {
    /** The logger of all the agent's own lines; FLINKOPS_LOG_LEVEL sets the level of {@code io.flinkops}. */
    static final String LOGGER = "io.flinkops.agent";
    static final String TEMPLATE = "classpath:flinkops-agent-log.json";
    /** As log4j2.xml: a stack trace or a list of diagnostics is not cut at the layout's default 16 KiB. */
    static final int MAX_STRING_LENGTH = 65536;
    /** Turns field values that are not JSON scalars (records, enums, maps of them) into maps, lists and scalars. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final Logger logger;

    private JsonLog(Logger logger) {
        this.logger = logger;
    }

    /** The agent's log on stdout, as log4j2.xml (or the operator's own {@code log4j2.configurationFile}) configures it. */
    public static JsonLog stdout() {
        return new JsonLog(LogManager.getLogger(LOGGER));
    }

    /**
     * A log written to {@code out} in the same layout, at level info: for a caller that runs the agent in its own
     * process and reads the lines back (the tests). Its lines go through a log4j LoggerContext of their own, with an
     * appender on {@code out}, so that two agents in one JVM never write into each other's stream; the libraries' lines
     * still go to the process's log (stdout).
     */
    public static JsonLog to(PrintStream out) {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        String name = "flinkops-agent-stream-" + STREAMS.incrementAndGet();
        builder.setConfigurationName(name).setStatusLevel(Level.WARN).setShutdownHook("disable");
        builder.add(builder.newRootLogger(Level.INFO));
        Configuration config = builder.build(false);
        LoggerContext context = new LoggerContext(name);
        context.start(config);
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder().setConfiguration(config).setEventTemplateUri(TEMPLATE)
                .setMaxStringLength(MAX_STRING_LENGTH).build();
        Appender appender = OutputStreamAppender.newBuilder().setName("stream").setTarget(out).setLayout(layout).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
        return new JsonLog(context.getLogger(LOGGER));
    }

    public void info(String msg, Object... keyValues) {
        log(Level.INFO, msg, keyValues);
    }

    public void warn(String msg, Object... keyValues) {
        log(Level.WARN, msg, keyValues);
    }

    public void error(String msg, Object... keyValues) {
        log(Level.ERROR, msg, keyValues);
    }

    private void log(Level level, String msg, Object... keyValues) {
        if (!logger.isEnabled(level)) return;
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) fields.put(String.valueOf(keyValues[i]), plain(keyValues[i + 1]));
        logger.log(level, new Line(msg, fields));
    }

    /** A value the layout writes as JSON of its own type: it knows scalars, maps and collections, and writes any other object as its toString(). */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) return value;
        try {
            return JSON.convertValue(value, Object.class);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
        }
    }

    /**
     * One line: the fields are the map (the template's {@code map} resolver writes them at the top level), the message
     * is the text alone ({@code %m} and the {@code message} resolver read {@link #formatTo}, which for a plain
     * MapMessage would be the whole map).
     */
    static final class Line extends MapMessage<Line, Object> {
        private final String text;

        Line(String text, Map<String, Object> fields) {
            super(fields);
            this.text = text;
        }

        @Override
        public String getFormattedMessage() {
            return text;
        }

        @Override
        public void formatTo(StringBuilder buffer) {
            buffer.append(text);
        }

        @Override
        public Line newInstance(Map<String, Object> map) {
            return new Line(text, map);
        }
    }
}
