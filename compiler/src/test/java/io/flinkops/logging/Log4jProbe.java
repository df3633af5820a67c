package io.flinkops.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Starts log4j2 the way a Flink JobManager or TaskManager does, and reports what it configured. Runs inside a
 * class loader holding one log4j release and this class only ({@link Log4jLoading}), so it may use nothing but
 * the JDK and log4j, and returns only JDK types.
 *
 * <p>Flink's bin/flink-console.sh (called by kubernetes-jobmanager.sh and kubernetes-taskmanager.sh) starts the
 * JVM with {@code -Dlog.file=<log dir>/<name>.log -Dlog4j.configuration=file:<conf>/log4j-console.properties
 * -Dlog4j.configurationFile=file:<conf>/log4j-console.properties -Dlogback.configurationFile=file:<conf>/logback-console.xml};
 * the first log call initialises log4j, which reads {@code log4j.configurationFile} and picks the configuration
 * factory by the file's extension. This probe sets the same system properties and lets log4j do the same.
 */
public final class Log4jProbe {

    private Log4jProbe() {
    }

    /**
     * @param confDir the directory holding {@code log4j-console.properties} (Flink's conf dir)
     * @param logFile the value of {@code -Dlog.file}
     * @param message logged once at the root level through logger {@code flinkops.probe}
     */
    public static Map<String, Object> load(String confDir, String logFile, String message) {
        Map<String, Object> result = new HashMap<>();
        List<String> status = Collections.synchronizedList(new ArrayList<>());
        StatusListener listener = new StatusListener() {
            @Override
            public void log(StatusData data) {
                status.add(data.getLevel() + " " + data.getFormattedStatus());
            }

            @Override
            public Level getStatusLevel() {
                return Level.WARN;
            }

            @Override
            public void close() {
            }
        };
        StatusLogger.getLogger().registerListener(listener);

        Map<String, String> properties = new TreeMap<>();
        properties.put("log.file", logFile);
        properties.put("log4j.configuration", "file:" + confDir + "/log4j-console.properties");
        properties.put("log4j.configurationFile", "file:" + confDir + "/log4j-console.properties");
        properties.put("logback.configurationFile", "file:" + confDir + "/logback-console.xml");
        // Not Flink's: keeps the probe from leaving a JVM shutdown hook (and this class loader) behind.
        properties.put("log4j.shutdownHookEnabled", "false");
        Map<String, String> previous = new HashMap<>();
        properties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));

        PrintStream out = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Thread thread = Thread.currentThread();
        ClassLoader contextLoader = thread.getContextClassLoader();
        LoggerContext context = null;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            thread.setContextClassLoader(Log4jProbe.class.getClassLoader());
            context = (LoggerContext) LogManager.getContext(Log4jProbe.class.getClassLoader(), false);
            Configuration config = context.getConfiguration();
            result.put("configurationClass", config.getClass().getName());
            result.put("configurationLocation", String.valueOf(config.getConfigurationSource().getLocation()));
            LoggerConfig root = config.getRootLogger();
            result.put("rootLevel", String.valueOf(root.getLevel()));
            result.put("rootAppenders", List.copyOf(new TreeMap<>(root.getAppenders()).keySet()));
            Map<String, String> loggers = new TreeMap<>();
            config.getLoggers().forEach((name, logger) -> {
                if (!name.isEmpty()) loggers.put(name, String.valueOf(logger.getLevel()));
            });
            result.put("loggers", loggers);
            Map<String, String> appenders = new TreeMap<>();
            for (Map.Entry<String, Appender> e : config.getAppenders().entrySet()) {
                appenders.put(e.getKey(), e.getValue().getClass().getSimpleName() + (e.getValue().isStarted() ? " started" : " stopped"));
            }
            result.put("appenders", appenders);
            Level level = root.getLevel();
            if (level != null && level != Level.OFF && level != Level.ALL) {
                context.getLogger("flinkops.probe").log(level, message);
            } else if (level == Level.ALL) {
                context.getLogger("flinkops.probe").info(message);
            }
        } catch (RuntimeException e) {
            result.put("exception", e.toString());
        } finally {
            if (context != null) context.stop();
            System.out.flush();
            System.setOut(out);
            thread.setContextClassLoader(contextLoader);
            previous.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
            StatusLogger.getLogger().removeListener(listener);
        }
        result.put("status", List.copyOf(status));
        result.put("console", console.toString(StandardCharsets.UTF_8));
        return result;
    }
}
