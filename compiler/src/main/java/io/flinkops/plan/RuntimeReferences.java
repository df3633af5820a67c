package io.flinkops.plan;

import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.model.NamespaceSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code ${NAME}} references of a FlinkDeployment's configuration, filled in inside the pods when Flink starts
 * (docs/render-mapping.md, "Secrets"). Flink reads its configuration from a read-only ConfigMap and expands no
 * variables, so flinkops starts the pods through its own entrypoint script ({@code kubernetes.entry.path}), which
 * copies the configuration to a writable directory, appends each referencing key with its references filled from
 * environment variables and execs the image's entrypoint. A Namespace secret becomes an environment variable of the
 * main container with {@code valueFrom.secretKeyRef}; a reference to an environment variable of the pods uses that
 * variable. The manifests hold only {@code ${NAME}} and the Secret's name and key, never a value.
 *
 * @param referencing    the keys whose values the entrypoint fills in (keys the operator reads itself are left out:
 *                       it would use their references unexpanded, FO921)
 * @param secrets        the Namespace secrets they refer to, each becoming an environment variable
 * @param userEntrypoint the {@code kubernetes.entry.path} the user set, which flinkops' script execs; may be null
 */
public record RuntimeReferences(SortedMap<String, String> referencing, List<NamespaceSpec.SecretSource> secrets, String userEntrypoint) {
    public static final RuntimeReferences NONE = new RuntimeReferences(new TreeMap<>(), List.of(), null);

    public static final String SCRIPT = "flinkops-entrypoint.sh";
    public static final String NEXT_ENTRYPOINT = "next-entrypoint";
    public static final String BIN_DIR = "/opt/flinkops/bin";
    public static final String CONF_DIR = "/opt/flinkops/conf";
    public static final String BIN_VOLUME = "flinkops-entrypoint";
    public static final String CONF_VOLUME = "flinkops-conf";
    /** r-xr-xr-x: the script must be executable, it is the container's command. */
    public static final int SCRIPT_MODE = 0555;

    public RuntimeReferences {
        referencing = Collections.unmodifiableSortedMap(new TreeMap<>(referencing));
        secrets = List.copyOf(secrets);
    }

    /**
     * The references of a configuration as it will be emitted (placeholders filled in), with the secrets of the
     * flinkops namespace they may refer to.
     */
    static RuntimeReferences of(Map<String, String> configuration, NamespaceSpec namespace) {
        SortedMap<String, String> referencing = new TreeMap<>();
        SortedSet<String> names = new TreeSet<>();
        configuration.forEach((key, value) -> {
            if (!SecretReferences.has(value) || OperatorKeys.readByOperator(key)) return;
            referencing.put(key, value);
            names.addAll(SecretReferences.names(value));
        });
        if (referencing.isEmpty()) return NONE;
        Map<String, NamespaceSpec.SecretSource> declared = new LinkedHashMap<>();
        for (NamespaceSpec.SecretSource s : namespace.secretsOrEmpty()) {
            if (s != null && s.name() != null && s.secretKeyRef() != null) declared.putIfAbsent(s.name(), s);
        }
        // A name that is no Namespace secret is an environment variable of the pods, declared by the user.
        List<NamespaceSpec.SecretSource> secrets = names.stream().filter(declared::containsKey).map(declared::get).toList();
        return new RuntimeReferences(referencing, secrets, configuration.get(FlinkOptions.ENTRY_PATH.current()));
    }

    /** Whether the pods start through flinkops' entrypoint. */
    public boolean needsEntrypoint() {
        return !referencing.isEmpty();
    }

    /** The ConfigMap with the entrypoint script and the referencing keys of object {@code objectName}. */
    public static String configMapName(String objectName) {
        return objectName + "-flinkops-entrypoint";
    }

    /** What {@code kubernetes.entry.path} is set to. */
    public static String scriptPath() {
        return BIN_DIR + "/" + SCRIPT;
    }
}
