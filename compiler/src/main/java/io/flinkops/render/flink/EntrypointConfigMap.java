package io.flinkops.render.flink;

import io.flinkops.plan.RuntimeReferences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The data of the ConfigMap that fills {@code ${NAME}} references in inside the pods ({@link RuntimeReferences}):
 * flinkops' entrypoint script, the entrypoint it execs when the user set one, and one {@code ref-<n>} file per
 * referencing key (the key on the first line, the value with its references after).
 */
final class EntrypointConfigMap {
    private static final String SCRIPT_TEXT = loadScript();

    private EntrypointConfigMap() {
    }

    static SortedMap<String, String> data(RuntimeReferences references) {
        return data(references.referencing(), references.userEntrypoint());
    }

    static SortedMap<String, String> data(SortedMap<String, String> referencing, String userEntrypoint) {
        SortedMap<String, String> data = new TreeMap<>();
        data.put(RuntimeReferences.SCRIPT, SCRIPT_TEXT);
        if (userEntrypoint != null && !userEntrypoint.isBlank()) data.put(RuntimeReferences.NEXT_ENTRYPOINT, userEntrypoint.trim());
        int width = String.valueOf(referencing.size()).length();
        int i = 1;
        for (Map.Entry<String, String> e : referencing.entrySet()) {
            data.put(String.format("ref-%0" + width + "d", i++), e.getKey() + "\n" + e.getValue());
        }
        return data;
    }

    static String script() {
        return SCRIPT_TEXT;
    }

    private static String loadScript() {
        try (InputStream in = EntrypointConfigMap.class.getResourceAsStream(RuntimeReferences.SCRIPT)) {
            if (in == null) throw new IllegalStateException("missing resource " + RuntimeReferences.SCRIPT);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
