package io.flinkops.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.plan.pods.PodAdditions;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the mapping adds to the main container of the Flink pods: secret env vars and mounted ConfigMaps.
 * Fields are written in the order of the Kubernetes model's JSON (alphabetical), as fabric8 would write them.
 */
final class PodAdditionsBuilder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final List<ObjectNode> env = new ArrayList<>();
    private final List<ObjectNode> volumes = new ArrayList<>();
    private final List<ObjectNode> mounts = new ArrayList<>();

    /** The entrypoint of {@code ${NAME}} references: an env var per Namespace secret, the script and a writable conf dir. */
    void references(RuntimeReferences references, String objectName) {
        if (!references.needsEntrypoint()) return;
        for (NamespaceSpec.SecretSource s : references.secrets()) {
            ObjectNode var = F.objectNode().put("name", s.name());
            var.putObject("valueFrom").putObject("secretKeyRef").put("key", s.secretKeyRef().key()).put("name", s.secretKeyRef().name());
            env.add(var);
        }
        ObjectNode bin = F.objectNode();
        bin.putObject("configMap").put("defaultMode", RuntimeReferences.SCRIPT_MODE).put("name", RuntimeReferences.configMapName(objectName));
        bin.put("name", RuntimeReferences.BIN_VOLUME);
        volume(bin, mount(RuntimeReferences.BIN_DIR, RuntimeReferences.BIN_VOLUME, true));
        ObjectNode conf = F.objectNode();
        conf.putObject("emptyDir");
        conf.put("name", RuntimeReferences.CONF_VOLUME);
        volume(conf, mount(RuntimeReferences.CONF_DIR, RuntimeReferences.CONF_VOLUME, false));
    }

    /**
     * The ConfigMap of SQL scripts, mounted where the SQL runner reads them. A session cluster mounts it whether or not
     * it has SQL jobs yet ({@code optional}): adding the first SQL job must not change its pods, which would restart
     * the cluster and every job on it.
     */
    void sqlScripts(String configMapName, boolean optional) {
        ObjectNode sql = F.objectNode();
        ObjectNode configMap = sql.putObject("configMap").put("name", configMapName);
        if (optional) configMap.put("optional", true);
        sql.put("name", ArtifactPlan.SQL_VOLUME);
        volume(sql, mount(ArtifactPlan.SQL_DIR, ArtifactPlan.SQL_VOLUME, true));
    }

    private static ObjectNode mount(String path, String volume, boolean readOnly) {
        ObjectNode mount = F.objectNode().put("mountPath", path).put("name", volume);
        if (readOnly) mount.put("readOnly", true);
        return mount;
    }

    private void volume(ObjectNode v, ObjectNode m) {
        volumes.add(v);
        mounts.add(m);
    }

    PodAdditions build() {
        return env.isEmpty() && volumes.isEmpty() ? PodAdditions.NONE : new PodAdditions(env, volumes, mounts);
    }
}
