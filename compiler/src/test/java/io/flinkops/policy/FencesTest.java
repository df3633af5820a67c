package io.flinkops.policy;

import io.flinkops.model.RepositorySpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FencesTest {
    private static Fences fences(RepositorySpec.Fence common, Map<String, RepositorySpec.Fence> own, List<String> shared) {
        return Fences.of(new RepositorySpec(null, null, new RepositorySpec.Policy(List.of("flink-*"), null, null, null, common, own, shared,
                null, null, null), null, null, null));
    }

    @Test
    void theNamespacePlaceholderIsFilledInAndANamespaceFenceReplacesTheCommonOneFieldByField() {
        Fences f = fences(new RepositorySpec.Fence(List.of("flink-{{ namespace }}", "flink-{{namespace}}-*"), List.of("s3://state/{{ namespace }}/")),
                Map.of("bi", new RepositorySpec.Fence(List.of("bi-streaming"), null)), List.of("flink-shared"));
        Fence analytics = f.of("analytics");
        assertEquals(Optional.of(List.of("flink-analytics", "flink-analytics-*")), analytics.kubernetesNamespaces());
        assertTrue(analytics.allowsKubernetesNamespace("flink-analytics-staging"));
        assertFalse(analytics.allowsKubernetesNamespace("flink-payments"));
        assertTrue(analytics.allowsStorage("s3://state/analytics/job/cp"));
        assertFalse(analytics.allowsStorage("s3://state/payments/job/cp"));
        assertFalse(analytics.allowsStorage("${DIR}"), "a reference cannot be judged, so it is outside");

        Fence bi = f.of("bi");
        assertEquals("policy.namespaceFences.bi.kubernetesNamespaces", bi.kubernetesNamespacesField());
        assertTrue(bi.allowsKubernetesNamespace("bi-streaming"));
        assertFalse(bi.allowsKubernetesNamespace("flink-bi"), "replaced, not added to");
        assertEquals("policy.fence.storagePrefixes", bi.storagePrefixesField());
        assertTrue(bi.allowsStorage("s3://state/bi/x"), "the common storage prefixes, for bi");

        assertTrue(f.shareable("flink-shared"));
        assertFalse(f.shareable("flink-analytics"));
    }

    @Test
    void withoutAFenceOnlyTheOuterFenceApplies() {
        Fences f = fences(null, null, null);
        assertTrue(f.of("any").allowsKubernetesNamespace("flink-whatever"));
        assertTrue(f.of("any").allowsStorage("s3://anywhere/x"));
        assertTrue(f.outerAllows("flink-x"));
        assertFalse(f.outerAllows("kube-system"));
        assertEquals(Optional.empty(), f.of("any").kubernetesNamespaces());
        assertEquals(Optional.empty(), f.of("any").storagePrefixes());
    }

    @Test
    void aPatternWithAnUnknownPlaceholderMatchesNothing() {
        Fence team = fences(new RepositorySpec.Fence(List.of("flink-{{ team }}"), null), null, null).of("team");
        assertFalse(team.allowsKubernetesNamespace("flink-team"));
    }
}
