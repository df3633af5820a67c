package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A Namespace: members by role, and the secrets that {@code ${NAME}} references may use. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NamespaceSpec(List<RoleBinding> roleBindings, List<SecretSource> secrets) {
    public static final NamespaceSpec EMPTY = new NamespaceSpec(List.of(), List.of());
    public static final FieldPath SECRETS = DocumentFields.SPEC.child("secrets");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleBinding(String role, List<String> members) {
    }

    /** {@code ${name}} comes from key {@code secretKeyRef.key} of Kubernetes Secret {@code secretKeyRef.name}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SecretSource(String name, SecretKeyRef secretKeyRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SecretKeyRef(String name, String key) {
    }

    public List<SecretSource> secretsOrEmpty() {
        return secrets == null ? List.of() : secrets;
    }
}
