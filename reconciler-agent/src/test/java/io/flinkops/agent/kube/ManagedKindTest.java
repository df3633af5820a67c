package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.Ownership;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The agent's kinds come from the compiler's one list; the agent only adds the session-cluster distinction. */
class ManagedKindTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEmittedKindIsAllowedWithItsApiResourceAndNothingElse() {
        assertEquals(Arrays.stream(ObjectKind.values()).toList(), ManagedKind.RESOURCES.stream().map(ManagedKind::objectKind).toList());
        for (ObjectKind k : ObjectKind.values()) {
            ManagedKind m = ManagedKind.of(k.apiVersion(), k.kind(), null).orElseThrow();
            assertEquals(k.plural(), m.context().getPlural());
            assertEquals(k.group(), m.context().getGroup());
            assertEquals(k.version(), m.context().getVersion());
        }
        assertTrue(ManagedKind.of("v1", "Secret", null).isEmpty());
        // Only FlinkStateSnapshots are one-shot requests, created once and never written again.
        assertEquals(List.of(ManagedKind.FLINK_STATE_SNAPSHOT), ManagedKind.RESOURCES.stream().filter(ManagedKind::createOnce).toList());
        assertTrue(ManagedKind.of("flink.apache.org/v1beta2", "FlinkDeployment", null).isEmpty());
    }

    @Test
    void sessionClustersAreAppliedBeforeApplicationDeploymentsAndSessionJobs() {
        ObjectNode labels = JSON.createObjectNode().put(Ownership.SESSION_CLUSTER, "shared");
        ManagedKind session = ManagedKind.of("flink.apache.org/v1beta1", "FlinkDeployment", labels).orElseThrow();
        assertEquals(ManagedKind.SESSION_CLUSTER, session);
        assertEquals(ManagedKind.FLINK_DEPLOYMENT, session.resource());
        assertEquals(Fixtures.CONFIG_MAP, ManagedKind.of(ObjectKind.CONFIG_MAP, true), "only FlinkDeployments are session clusters");

        List<ManagedKind> sorted = new ArrayList<>(ManagedKind.RESOURCES);
        sorted.add(ManagedKind.SESSION_CLUSTER);
        sorted.sort(null);
        assertEquals(List.of("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "FlinkDeployment", "FlinkDeployment", "FlinkSessionJob",
                "FlinkStateSnapshot"), sorted.stream().map(ManagedKind::kind).toList());
        assertEquals(ManagedKind.SESSION_CLUSTER, sorted.get(4));
    }

    @Test
    void theContentHashIgnoresTheSourceCommitAndAnAnnotationMapLeftEmptyByItsRemoval() {
        ObjectNode bare = JSON.createObjectNode().put("kind", "ConfigMap");
        bare.putObject("metadata").put("name", "x");
        ObjectNode withCommit = bare.deepCopy();
        ((ObjectNode) withCommit.get("metadata")).putObject("annotations").put(Ownership.SOURCE_COMMIT, "c0ffee");
        ObjectNode withStatus = bare.deepCopy();
        withStatus.putObject("status").put("phase", "x");
        assertEquals(ContentHash.of(bare), ContentHash.of(withCommit));
        assertEquals(ContentHash.of(bare), ContentHash.of(withStatus));
        ((ObjectNode) withCommit.get("metadata").get("annotations")).put("other", "y");
        assertNotEquals(ContentHash.of(bare), ContentHash.of(withCommit));
    }
}
