package io.flinkops.diff;

import java.util.Comparator;

/**
 * What {@code flinkops diff} reports on: one Deployment or one SessionCluster of a flinkops namespace. The
 * objects it renders (its FlinkDeployment or FlinkSessionJob and the ConfigMaps that belong to it) are paired
 * between the two revisions by this identity, whatever cluster or Kubernetes namespace they are placed in.
 */
public record Subject(String namespace, String name, Kind kind) implements Comparable<Subject> {

    public enum Kind {
        DEPLOYMENT("Deployment"),
        SESSION_CLUSTER("SessionCluster");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The flinkops kind name, as in the documents. */
        public String label() {
            return label;
        }
    }

    /** The report order: namespace, name, then Deployments before SessionClusters of the same name. */
    public static final Comparator<Subject> ORDER = Comparator.comparing(Subject::namespace)
            .thenComparing(Subject::name)
            .thenComparing(Subject::kind);

    @Override
    public int compareTo(Subject o) {
        return ORDER.compare(this, o);
    }

    public boolean isSessionCluster() {
        return kind == Kind.SESSION_CLUSTER;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
