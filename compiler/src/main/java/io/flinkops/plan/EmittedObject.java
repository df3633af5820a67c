package io.flinkops.plan;

import io.flinkops.resolve.Resolved;

/**
 * One Flink Kubernetes Operator object that a flinkops resource becomes, and where it goes.
 *
 * @param cluster             the Repository cluster whose agent applies it (the target's {@code cluster})
 * @param kubernetesNamespace the Kubernetes namespace it is created in (the target's {@code kubernetes.namespace})
 * @param kind                the operator kind
 * @param name                its {@code metadata.name}
 * @param source              the Deployment or SessionCluster it is rendered from
 */
public record EmittedObject(String cluster, String kubernetesNamespace, Kind kind, String name, Resolved<?> source) {

    /** The operator custom resources flinkops renders. */
    public enum Kind {
        FLINK_DEPLOYMENT("FlinkDeployment"),
        FLINK_SESSION_JOB("FlinkSessionJob");

        private final String kindName;

        Kind(String kindName) {
            this.kindName = kindName;
        }

        /** The value of the object's {@code kind} field. */
        public String kindName() {
            return kindName;
        }
    }

    /** Two objects with the same identity overwrite each other when applied. */
    public record Identity(String cluster, String kubernetesNamespace, Kind kind, String name) {
    }

    public Identity identity() {
        return new Identity(cluster, kubernetesNamespace, kind, name);
    }
}
