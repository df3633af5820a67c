package io.flinkops.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.plan.Ids;
import io.flinkops.plan.ObjectMetadata;

import java.util.UUID;

/**
 * The labels and annotations that tie every emitted object to flinkops and to its source, and the stable
 * deployment ids. The agent finds what it manages by {@link #MANAGED_BY} and {@link #CLUSTER}.
 */
public final class Ownership {
    public static final String MANAGED_BY = ObjectMetadata.MANAGED_BY;
    public static final String MANAGED_BY_VALUE = "flinkops";
    public static final String PREFIX = ObjectMetadata.FLINKOPS_PREFIX;
    public static final String CLUSTER = PREFIX + "cluster";
    public static final String NAMESPACE = PREFIX + "namespace";
    public static final String DEPLOYMENT = PREFIX + "deployment";
    public static final String SESSION_CLUSTER = PREFIX + "session-cluster";
    public static final String DEPLOYMENT_ID = PREFIX + "deployment-id";
    /**
     * Annotation: the commit that last changed the object, added by the agent when it applies the object (render never
     * writes it: a commit id in every object would change every object on every commit).
     */
    public static final String SOURCE_COMMIT = PREFIX + "source-commit";
    /** Annotation: the config-repo file the object was rendered from. */
    public static final String SOURCE_FILE = PREFIX + "source-file";

    private Ownership() {
    }

    /** The deployment id ({@link Ids#deploymentId}), for callers that know objects by their labels. */
    public static UUID deploymentId(String namespace, String name) {
        return Ids.deploymentId(namespace, name);
    }

    /**
     * A copy of an object with the {@link #SOURCE_COMMIT} annotation: what the agent sends when it applies an object
     * compiled from {@code commit}. It sends an object only when its content changed, so the live annotation names
     * the commit that last changed it.
     */
    public static ObjectNode withSourceCommit(ObjectNode content, String commit) {
        ObjectNode copy = content.deepCopy();
        ObjectNode metadata = copy.withObjectProperty("metadata");
        metadata.withObjectProperty("annotations").put(SOURCE_COMMIT, commit);
        return copy;
    }

    /**
     * A copy of an object without the {@link #SOURCE_COMMIT} annotation (and without an annotation map left empty by
     * its removal): the content the agent compares a live object by (its content hash and drift check).
     */
    public static ObjectNode withoutSourceCommit(ObjectNode content) {
        ObjectNode copy = content.deepCopy();
        if (copy.path("metadata") instanceof ObjectNode metadata && metadata.path("annotations") instanceof ObjectNode a) {
            a.remove(SOURCE_COMMIT);
            if (a.isEmpty()) metadata.remove("annotations");
        }
        return copy;
    }

    /**
     * Adds the common labels and annotations to {@code metadata}.
     *
     * @param subjectLabel {@link #DEPLOYMENT} or {@link #SESSION_CLUSTER}, with {@code subjectName}; null for
     *                     objects that belong to a namespace rather than one deployment (RBAC)
     */
    public static void stamp(ObjectNode metadata, String cluster, String flinkopsNamespace, String subjectLabel, String subjectName,
                             String sourceFile) {
        ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(CLUSTER, cluster);
        if (flinkopsNamespace != null) labels.put(NAMESPACE, flinkopsNamespace);
        if (subjectLabel != null) {
            labels.put(subjectLabel, subjectName);
            labels.put(DEPLOYMENT_ID, deploymentId(flinkopsNamespace, subjectName).toString());
        }
        ObjectNode annotations = metadata.has("annotations") ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
        if (sourceFile != null && !sourceFile.isEmpty()) annotations.put(SOURCE_FILE, sourceFile);
        if (annotations.isEmpty()) metadata.remove("annotations");
    }
}
