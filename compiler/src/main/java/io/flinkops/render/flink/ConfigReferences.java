package io.flinkops.render.flink;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flinkops.diag.Code;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.resolve.ResolvedNamespace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} references in Flink configuration, filled in inside the pods when Flink starts
 * (docs/render-mapping.md, "Secrets"). Flink reads its configuration from a read-only ConfigMap and expands
 * no variables, so flinkops starts the pods through its own entrypoint script ({@code kubernetes.entry.path}),
 * which copies the configuration to a writable directory, appends each referencing key with its references
 * filled from environment variables and execs the image's entrypoint. A Namespace secret becomes an
 * environment variable of the main container with {@code valueFrom.secretKeyRef}; a reference to an
 * environment variable of the pods uses that variable. The manifests hold only {@code ${NAME}} and the
 * Secret's name and key, never a value.
 */
final class ConfigReferences {
    /** A reference, as validation reads it (SecretRules). */
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    /** Kubernetes' rule for environment variable names. */
    static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    static final String ENTRY_PATH_KEY = "kubernetes.entry.path";
    static final String SCRIPT = "flinkops-entrypoint.sh";
    static final String NEXT_ENTRYPOINT = "next-entrypoint";
    static final String BIN_DIR = "/opt/flinkops/bin";
    static final String CONF_DIR = "/opt/flinkops/conf";
    static final String BIN_VOLUME = "flinkops-entrypoint";
    static final String CONF_VOLUME = "flinkops-conf";
    /** r-xr-xr-x: the script must be executable, it is the container's command. */
    static final int SCRIPT_MODE = 0555;

    private static final String SCRIPT_TEXT = loadScript();

    private ConfigReferences() {
    }

    static boolean hasReference(String value) {
        return value != null && REFERENCE.matcher(value).find();
    }

    static SortedSet<String> names(String value) {
        SortedSet<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /**
     * Keys whose value the operator reads itself, or from which it derives other settings, before or
     * without starting Flink: a reference there would be used unexpanded.
     */
    static boolean readByOperator(String key) {
        return key.startsWith("kubernetes.") || key.startsWith("job.autoscaler.") || key.startsWith("$internal.")
                || key.startsWith("security.ssl.rest.")
                || key.equals("execution.checkpointing.savepoint-dir") || key.equals("state.savepoints.dir")
                || key.equals("high-availability.storageDir") || key.equals("high-availability.zookeeper.storageDir")
                || key.equals("recovery.zookeeper.storageDir");
    }

    /**
     * Checks the references of a configuration and, when there are usable ones, sets up the entrypoint:
     * {@code kubernetes.entry.path} in {@code config}, the ConfigMap (returned) and the pod additions.
     *
     * @param config the configuration as it will be emitted (placeholders filled); changed in place
     * @return the data of the entrypoint ConfigMap, or null when no reference needs it
     */
    static SortedMap<String, String> apply(MappingContext ctx, SortedMap<String, String> config, ResolvedNamespace ns,
                                           Additions additions) {
        SortedMap<String, String> referencing = new TreeMap<>();
        SortedSet<String> names = new TreeSet<>();
        boolean ok = true;
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (!hasReference(value)) continue;
            String pointer = ctx.configPointer(key);
            if (readByOperator(key)) {
                ctx.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, pointer,
                        "`" + key + "` refers to " + list(names(value)) + ", but the operator reads `" + key
                                + "` itself and would use the reference unexpanded.",
                        "Write the value without a reference (it is not a secret), or give the operator access another way.");
                ok = false;
                continue;
            }
            for (String name : names(value)) {
                if (!ENV_NAME.matcher(name).matches()) {
                    ctx.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, pointer,
                            "`${" + name + "}` in `" + key + "` cannot be an environment variable name, so it cannot reach Flink.",
                            "Rename the secret (and the reference) so that it does not start with a digit.");
                    ok = false;
                }
            }
            referencing.put(key, value);
            names.addAll(names(value));
        }
        if (!ok || referencing.isEmpty()) return null;

        Map<String, NamespaceSpec.SecretSource> secrets = new LinkedHashMap<>();
        for (NamespaceSpec.SecretSource s : ns == null ? List.<NamespaceSpec.SecretSource>of() : ns.namespaceSpec().secretsOrEmpty()) {
            if (s != null && s.name() != null && s.secretKeyRef() != null) secrets.putIfAbsent(s.name(), s);
        }
        for (String name : names) {
            NamespaceSpec.SecretSource s = secrets.get(name);
            if (s == null) continue; // an environment variable of the pods, declared by the user
            additions.env(new EnvVarBuilder().withName(name)
                    .withNewValueFrom().withNewSecretKeyRef().withName(s.secretKeyRef().name()).withKey(s.secretKeyRef().key())
                    .endSecretKeyRef().endValueFrom().build());
        }

        SortedMap<String, String> data = configMapData(referencing, config.get(ENTRY_PATH_KEY));
        config.put(ENTRY_PATH_KEY, BIN_DIR + "/" + SCRIPT);
        additions.volume(
                new VolumeBuilder().withName(BIN_VOLUME).withNewConfigMap().withName(configMapName(ctx.name()))
                        .withDefaultMode(SCRIPT_MODE).endConfigMap().build(),
                new VolumeMountBuilder().withName(BIN_VOLUME).withMountPath(BIN_DIR).withReadOnly(true).build());
        additions.volume(
                new VolumeBuilder().withName(CONF_VOLUME).withNewEmptyDir().endEmptyDir().build(),
                new VolumeMountBuilder().withName(CONF_VOLUME).withMountPath(CONF_DIR).build());
        return data;
    }

    /**
     * The entrypoint ConfigMap's data: the script, the entrypoint it execs when the user set one, and one
     * {@code ref-<n>} file per referencing key: the key on the first line, the value (with its references) after.
     */
    static SortedMap<String, String> configMapData(SortedMap<String, String> referencing, String userEntrypoint) {
        SortedMap<String, String> data = new TreeMap<>();
        data.put(SCRIPT, SCRIPT_TEXT);
        if (userEntrypoint != null && !userEntrypoint.isBlank()) data.put(NEXT_ENTRYPOINT, userEntrypoint.trim());
        int width = String.valueOf(referencing.size()).length();
        int i = 1;
        for (Map.Entry<String, String> e : referencing.entrySet()) {
            data.put(String.format("ref-%0" + width + "d", i++), e.getKey() + "\n" + e.getValue());
        }
        return data;
    }

    static String configMapName(String objectName) {
        return objectName + "-flinkops-entrypoint";
    }

    static String script() {
        return SCRIPT_TEXT;
    }

    private static String list(SortedSet<String> names) {
        return String.join(", ", names.stream().map(n -> "`${" + n + "}`").toList());
    }

    private static String loadScript() {
        try (InputStream in = ConfigReferences.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IllegalStateException("missing resource " + SCRIPT);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
