package io.flinkops.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a rendered {@code log4j-console.properties} in real log4j2, as a Flink pod would ({@link Log4jProbe}),
 * once per log4j release that Flink images ship. Each load runs in a fresh class loader holding only that
 * release's log4j-api and log4j-core (copied to target/log4j/&lt;version&gt; by the build) and the probe, so
 * releases and loads do not share log4j's static state.
 */
final class Log4jLoading {

    /** What log4j made of one configuration file. */
    record Loaded(String log4jVersion, String configurationClass, String configurationLocation, String rootLevel,
                  List<String> rootAppenders, Map<String, String> loggers, Map<String, String> appenders,
                  List<String> status, String console, String logFile, String exception) {

        boolean isPropertiesConfiguration() {
            return configurationClass.endsWith(".PropertiesConfiguration");
        }

        List<String> statusErrors() {
            return status.stream().filter(s -> s.startsWith("ERROR") || s.startsWith("FATAL")).toList();
        }

        @Override
        public String toString() {
            return "log4j " + log4jVersion + ": " + configurationClass + " from " + configurationLocation + ", root " + rootLevel
                    + " " + rootAppenders + ", loggers " + loggers + ", appenders " + appenders + ", status " + status
                    + (exception == null ? "" : ", exception " + exception);
        }
    }

    private Log4jLoading() {
    }

    /** The log4j releases to test with (set by the build; newest first). */
    static List<String> versions() {
        return Arrays.asList(System.getProperty("flinkops.log4jVersions", "2.24.3,2.17.1").split(","));
    }

    /** Loads {@code text} as {@code <confDir>/log4j-console.properties} with every release. */
    static List<Loaded> loadWithEveryRelease(String text, Path dir, String message) {
        List<Loaded> out = new ArrayList<>();
        for (String version : versions()) out.add(load(version, text, dir.resolve(version), message));
        return out;
    }

    /**
     * Writes {@code text} (UTF-8, as a ConfigMap key becomes a file) to {@code <dir>/conf/log4j-console.properties},
     * starts log4j {@code version} with Flink's system properties and logs {@code message} once at the root level.
     */
    @SuppressWarnings("unchecked")
    static Loaded load(String version, String text, Path dir, String message) {
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path logDir = Files.createDirectories(dir.resolve("log"));
            Files.writeString(conf.resolve(LogConfigurations.KEY), text, StandardCharsets.UTF_8);
            Path logFile = logDir.resolve("flink--kubernetes-application-0-probe.log");
            try (URLClassLoader loader = new URLClassLoader("log4j-" + version, urls(version), ClassLoader.getPlatformClassLoader())) {
                Class<?> probe = loader.loadClass(Log4jProbe.class.getName());
                if (probe.getClassLoader() != loader) throw new IllegalStateException("the probe must be loaded in isolation");
                Method m = probe.getMethod("load", String.class, String.class, String.class);
                Map<String, Object> r = (Map<String, Object>) m.invoke(null, conf.toString(), logFile.toString(), message);
                String file = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
                return new Loaded(version, (String) r.getOrDefault("configurationClass", "?"), (String) r.getOrDefault("configurationLocation", "?"),
                        (String) r.getOrDefault("rootLevel", "?"), (List<String>) r.getOrDefault("rootAppenders", List.of()),
                        (Map<String, String>) r.getOrDefault("loggers", Map.of()), (Map<String, String>) r.getOrDefault("appenders", Map.of()),
                        (List<String>) r.get("status"), (String) r.get("console"), file, (String) r.get("exception"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL[] urls(String version) throws MalformedURLException {
        Path jars = Path.of(System.getProperty("flinkops.log4jJars", "target/log4j")).resolve(version);
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) urls.add(jar.toUri().toURL());
        } catch (IOException e) {
            throw new IllegalStateException("log4j " + version + " jars missing in " + jars + "; run the tests with Maven, which copies them", e);
        }
        if (urls.size() != 2) throw new IllegalStateException("expected log4j-api and log4j-core in " + jars + ", found " + urls);
        try {
            urls.add(Path.of(Log4jProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return urls.toArray(URL[]::new);
    }
}
