package io.flinkops.render.mapping;

/**
 * What the operator makes of a change of the VVP fields of a {@link MappingRow}: {@code flinkops diff} chooses with
 * it which changed inputs explain a restart, a new state or a new upgrade mode.
 */
public enum ChangeCategory {
    SPEC("spec", "part of the job's or cluster's spec: the operator upgrades (restarts) it"),
    STATE("state", "the desired state"),
    MODE("mode", "the upgrade mode, which the operator records and uses at the next upgrade"),
    METADATA("metadata", "labels and annotations, not part of the spec: no restart"),
    OPERATOR_CONFIG("operator config", "keys the operator reads itself, without restarting the job"),
    NOT_MAPPED("not mapped", "read and validated, not mapped to the operator: no effect");

    private final String label;
    private final String meaning;

    ChangeCategory(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** How docs/render-mapping.md names it. */
    public String label() {
        return label;
    }

    /** What a change of such a field does, in a few words. */
    public String meaning() {
        return meaning;
    }
}
