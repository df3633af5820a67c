package io.flinkops.model;

import java.util.Arrays;
import java.util.Optional;

/** The document kinds of a config repo, with the schema that describes each. */
public enum Kind {
    REPOSITORY("Repository", "repository.schema.json"),
    GLOBAL_DEPLOYMENT_DEFAULTS("GlobalDeploymentDefaults", "global-deployment-defaults.schema.json"),
    DEPLOYMENT_DEFAULTS("DeploymentDefaults", "deployment-defaults.schema.json"),
    NAMESPACE("Namespace", "namespace.schema.json"),
    DEPLOYMENT_TARGET("DeploymentTarget", "deployment-target.schema.json"),
    SESSION_CLUSTER("SessionCluster", "session-cluster.schema.json"),
    DEPLOYMENT("Deployment", "deployment.schema.json"),
    /** A savepoint to take now, or one that exists, of a Deployment of the namespace (docs/day-2.md). */
    SAVEPOINT("Savepoint", "savepoint.schema.json");

    private final String kindName;
    private final String schemaFile;

    Kind(String kindName, String schemaFile) {
        this.kindName = kindName;
        this.schemaFile = schemaFile;
    }

    /** The value of the document's {@code kind} field. */
    public String kindName() {
        return kindName;
    }

    public String schemaFile() {
        return schemaFile;
    }

    /** Kinds that live under namespaces/&lt;ns&gt;/. */
    public boolean isNamespaced() {
        return this != REPOSITORY && this != GLOBAL_DEPLOYMENT_DEFAULTS;
    }

    public static Optional<Kind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.kindName.equals(name)).findFirst();
    }
}
