package io.flinkops.model;

/** The fields every config-repo document has, whatever its kind. */
public final class DocumentFields {
    public static final FieldPath KIND = FieldPath.of("kind");
    public static final FieldPath METADATA_NAME = FieldPath.of("metadata", "name");
    public static final FieldPath METADATA_NAMESPACE = FieldPath.of("metadata", "namespace");
    public static final FieldPath SPEC = FieldPath.of("spec");

    private DocumentFields() {
    }
}
