package io.flinkops.validate.rules;

import io.flinkops.model.FlinkConfiguration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flink configuration keys Flink knows, by version, and the current name of a deprecated key (FO402,
 * FO403). Implemented by the catalogue generated from Flink's own option definitions (module flink-options).
 */
public interface KnownFlinkOptions {

    /** Whether some catalogued Flink version accepts {@code key} (under its current or a deprecated name). */
    boolean isKnown(String key);

    /** Whether Flink {@code flinkMajorMinor} (e.g. "1.20") accepts {@code key}. */
    boolean isKnown(String key, String flinkMajorMinor);

    /** The current name of a deprecated key; empty for current and unknown keys. */
    Optional<String> canonicalKeyOf(String key);

    /** "Did you mean" candidates for an unknown key, best first. */
    List<String> suggestions(String unknownKey, int max);

    /** The options {@link FlinkConfiguration} knows under several names: deprecated name → current name. */
    static Map<String, String> modelAliases() {
        Map<String, String> out = new LinkedHashMap<>();
        for (FlinkConfiguration.Option o : List.of(FlinkConfiguration.SAVEPOINT_DIR, FlinkConfiguration.CHECKPOINT_DIR,
                FlinkConfiguration.HA_TYPE, FlinkConfiguration.HA_STORAGE_DIR)) {
            for (String name : o.names().subList(1, o.names().size())) out.put(name, o.current());
        }
        return out;
    }
}
