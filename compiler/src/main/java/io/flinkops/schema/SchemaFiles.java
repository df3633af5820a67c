package io.flinkops.schema;

import io.flinkops.model.Kind;

import java.util.ArrayList;
import java.util.List;

/** The JSON Schema files flinkops ships (schemas/, on the classpath under /schemas/): one per kind and two shared ones. */
public final class SchemaFiles {
    /** Definitions the kinds' schemas refer to. */
    public static final String COMMON = "common.schema.json";
    /** Any namespaced document, by its kind: what editors use for namespaces/**. */
    public static final String ANY_DOCUMENT = "any-document.schema.json";

    /** Every file, sorted. */
    public static final List<String> ALL = all();

    private SchemaFiles() {
    }

    private static List<String> all() {
        List<String> files = new ArrayList<>(List.of(COMMON, ANY_DOCUMENT));
        for (Kind k : Kind.values()) files.add(k.schemaFile());
        return files.stream().sorted().toList();
    }
}
