package io.flinkops.render.flink;

import io.flinkops.plan.RuntimeReferences;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The entrypoint script that fills {@code ${NAME}} references in the pods, run with bash against configuration
 * files written the way the operator writes them (legacy {@code flink-conf.yaml} for Flink 1.x, nested
 * {@code config.yaml} for 2.x, via Flink's own {@link ConfigurationUtils}), and read back with Flink's own
 * {@link GlobalConfiguration}: what Flink loads is the secret, and the mounted configuration is untouched.
 */
class EntrypointScriptTest {
    private static final String PASSWORD = "p@ss: w0rd$! \"quoted\" 'single' \\back ü";

    @TempDir
    Path tmp;
    Path bin;
    Path source;
    Path target;
    Path marker;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash is needed");
        bin = Files.createDirectories(tmp.resolve("opt/flinkops/bin"));
        source = Files.createDirectories(tmp.resolve("opt/flink/conf"));
        target = tmp.resolve("opt/flinkops/conf");
        marker = tmp.resolve("next.out");
        Path next = tmp.resolve("next-entrypoint.sh");
        // Stands in for /docker-entrypoint.sh: records the config dir and the arguments it was started with.
        Files.writeString(next, "#!/usr/bin/env bash\nprintf '%s\\n' \"$FLINK_CONF_DIR\" \"$@\" > '" + marker + "'\n");
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void install(SortedMap<String, String> referencing) throws IOException {
        SortedMap<String, String> data = EntrypointConfigMap.data(referencing, tmp.resolve("next-entrypoint.sh").toString());
        for (Map.Entry<String, String> e : data.entrySet()) Files.writeString(bin.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bin.resolve(RuntimeReferences.SCRIPT), PosixFilePermissions.fromString("r-xr-xr-x"));
    }

    /** Writes the configuration as the operator's FlinkConfMountDecorator does and makes it read-only, like a ConfigMap mount. */
    private void writeConfig(Map<String, String> values, boolean standardYaml) throws IOException {
        Configuration c = new Configuration(standardYaml);
        values.forEach(c::setString);
        List<String> lines = ConfigurationUtils.convertConfigToWritableLines(c, false);
        Path file = source.resolve(standardYaml ? "config.yaml" : "flink-conf.yaml");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.writeString(source.resolve("log4j-console.properties"), "rootLogger.level = INFO\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("r-xr-xr-x"));
    }

    private record Run(int exit, String output) {
    }

    private Run run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", bin.resolve(RuntimeReferences.SCRIPT).toString(),
                "bash", "-c", "kubernetes-jobmanager.sh kubernetes-application")
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> !k.equals("PATH"));
        pb.environment().put("FLINK_CONF_DIR", source.toString());
        pb.environment().put("FLINKOPS_CONF_DIR", target.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private static SortedMap<String, String> refs(String... keyValues) {
        SortedMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return m;
    }

    @Test
    void legacyFlinkConfYamlGetsTheValuesAndTheNextEntrypointTheCopy() throws Exception {
        SortedMap<String, String> referencing = refs(
                "security.ssl.internal.keystore-password", "${FLINK_INTERNAL_TLS_PASSWORD}",
                "metrics.reporter.dghttp.tags", "team:analytics,env:${DD_ENV},id:${my.secret-name}");
        Map<String, String> written = new TreeMap<>(referencing);
        written.put("taskmanager.numberOfTaskSlots", "2");
        written.put("kubernetes.entry.path", "/opt/flinkops/bin/flinkops-entrypoint.sh");
        writeConfig(written, false);
        String before = Files.readString(source.resolve("flink-conf.yaml"));
        install(referencing);
        String password = "p@ss: w0rd$! \"quoted\" 'single' \\back ü";

        Run r = run(Map.of("FLINK_INTERNAL_TLS_PASSWORD", password, "DD_ENV", "prod", "my.secret-name", "x-1"));

        assertEquals(0, r.exit(), r.output());
        Configuration loaded = GlobalConfiguration.loadConfiguration(target.toString());
        assertEquals(password, loaded.getString("security.ssl.internal.keystore-password", null));
        assertEquals("team:analytics,env:prod,id:x-1", loaded.getString("metrics.reporter.dghttp.tags", null));
        assertEquals("2", loaded.getString("taskmanager.numberOfTaskSlots", null));
        assertEquals(List.of(target.toString(), "bash", "-c", "kubernetes-jobmanager.sh kubernetes-application"),
                Files.readAllLines(marker));
        assertTrue(Files.exists(target.resolve("log4j-console.properties")), "the whole configuration directory is copied");
        assertEquals(before, Files.readString(source.resolve("flink-conf.yaml")), "the mounted configuration is not changed");
        assertFalse(r.output().contains(password), "the value is never printed");
    }

    @Test
    void standardConfigYamlHoldsAnyValue() throws Exception {
        SortedMap<String, String> referencing = refs(
                "security.ssl.internal.keystore-password", "${TLS}",
                "s3.secret-key", "${S3}");
        Map<String, String> written = new TreeMap<>(referencing);
        written.put("security.ssl.internal.enabled", "true");
        written.put("taskmanager.numberOfTaskSlots", "2");
        writeConfig(written, true);
        assertTrue(Files.readString(source.resolve("config.yaml")).contains("security:\n"), "the operator writes nested YAML for Flink 2.x");
        install(referencing);
        String s3 = "multi\nline # not a comment\t\"x\" {a: [b]} *alias &anchor";

        Run r = run(Map.of("TLS", PASSWORD, "S3", s3));

        assertEquals(0, r.exit(), r.output());
        Configuration loaded = GlobalConfiguration.loadConfiguration(target.toString());
        assertEquals(PASSWORD, loaded.getString("security.ssl.internal.keystore-password", null));
        assertEquals(s3, loaded.getString("s3.secret-key", null));
        assertEquals("true", loaded.getString("security.ssl.internal.enabled", null));
        assertEquals("2", loaded.getString("taskmanager.numberOfTaskSlots", null));
    }

    @Test
    void runningTwiceGivesTheSameConfiguration() throws Exception {
        SortedMap<String, String> referencing = refs("s3.secret-key", "${S3}");
        writeConfig(new TreeMap<>(referencing), false);
        install(referencing);
        assertEquals(0, run(Map.of("S3", "one")).exit());
        String first = Files.readString(target.resolve("flink-conf.yaml"));
        // A restarted container finds the emptyDir with the previous copy in it.
        assertEquals(0, run(Map.of("S3", "one")).exit());
        assertEquals(first, Files.readString(target.resolve("flink-conf.yaml")));
    }

    @Test
    void legacyFormatRefusesValuesItCannotHold() throws Exception {
        SortedMap<String, String> referencing = refs("s3.secret-key", "${S3}");
        writeConfig(new TreeMap<>(referencing), false);
        install(referencing);
        String secret = "abc#def";

        Run r = run(Map.of("S3", secret));

        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("the value of s3.secret-key contains '#' or a line break"), r.output());
        assertFalse(r.output().contains(secret));
        assertFalse(Files.exists(marker), "Flink is not started with a truncated value");
        assertNotEquals(0, run(Map.of("S3", " padded")).exit());
    }

    @Test
    void aMissingVariableStopsThePod() throws Exception {
        SortedMap<String, String> referencing = refs("s3.secret-key", "${S3}");
        writeConfig(new TreeMap<>(referencing), true);
        install(referencing);

        Run r = run(Map.of());

        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("environment variable S3 is not set"), r.output());
        assertFalse(Files.exists(marker));
    }

    @Test
    void textAroundReferencesAndOtherDollarSignsStay() throws Exception {
        SortedMap<String, String> referencing = refs("a.password", "pre-${A}-mid-${A}-$HOME-${B}x");
        writeConfig(new TreeMap<>(referencing), true);
        install(referencing);

        Run r = run(Map.of("A", "1", "B", "${A}"));

        assertEquals(0, r.exit(), r.output());
        // Values are inserted once, not expanded again.
        assertEquals("pre-1-mid-1-$HOME-${A}x", GlobalConfiguration.loadConfiguration(target.toString()).getString("a.password", null));
    }
}
