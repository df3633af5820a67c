package io.flinkops.diag;

/** How bad a diagnostic is. Errors fail validation (exit 1); warnings do not. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
