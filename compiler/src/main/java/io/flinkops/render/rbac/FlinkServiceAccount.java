package io.flinkops.render.rbac;

/** The service account Flink's pods run as, one per Kubernetes namespace flinkops deploys into. */
public final class FlinkServiceAccount {
    public static final String NAME = "flinkops-flink";

    private FlinkServiceAccount() {
    }
}
