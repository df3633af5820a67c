package io.flinkops.model;

/**
 * Where the fields that a Deployment's template and a SessionCluster have in common are written: below
 * {@code spec.template.spec} ({@link DeploymentSpec#TEMPLATE}) or below {@code spec} ({@link SessionClusterSpec#FIELDS}).
 */
public record SharedFields(FieldPath base) {

    public FieldPath flinkConfiguration() {
        return base.child("flinkConfiguration");
    }

    /** One key of {@code flinkConfiguration}. */
    public FieldPath configKey(String key) {
        return flinkConfiguration().child(key);
    }

    public FieldPath logging() {
        return base.child("logging");
    }

    public FieldPath kubernetes() {
        return base.child("kubernetes");
    }

    public FieldPath resources() {
        return base.child("resources");
    }

    public FieldPath numberOfTaskManagers() {
        return base.child("numberOfTaskManagers");
    }
}
