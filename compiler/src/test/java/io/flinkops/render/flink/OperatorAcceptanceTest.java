package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.render.RenderedObject;
import io.flinkops.plan.pods.PodAdditions;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole of examples/repo and of every render case, as the operator will see it: every FlinkDeployment,
 * FlinkSessionJob and FlinkStateSnapshot deserializes strictly into the operator's model and validates against its CRD, with the pod
 * additions placed into a pod template (as the pod template renderer will place them); the output is
 * byte-stable; and no manifest holds anything but references where the config repo has references.
 */
class OperatorAcceptanceTest {

    @TempDir
    Path tmp;

    private static Stream<Path> repos(Path tmp) throws Exception {
        List<Path> repos = new ArrayList<>();
        repos.add(TestRepos.examplesRepo());
        for (String name : RenderCasesTest.caseNames()) {
            Path repo = tmp.resolve(name);
            TestRepos.materialize(RenderCasesTest.BASE, RenderCasesTest.CASES.resolve(name).resolve("input"), repo);
            repos.add(repo);
        }
        return repos.stream();
    }

    /** The fabric8 model class of each core kind flinkops emits. */
    private static final Map<String, Class<?>> CORE_KINDS = Map.of(
            "ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class,
            "Role", io.fabric8.kubernetes.api.model.rbac.Role.class,
            "RoleBinding", io.fabric8.kubernetes.api.model.rbac.RoleBinding.class);

    /**
     * What flinkops really emits (real pod templates and log configuration): every FlinkDeployment,
     * FlinkSessionJob and FlinkStateSnapshot deserializes strictly into the operator's model and validates against its CRD, and every
     * core object deserializes strictly into the fabric8 model.
     */
    @TestFactory
    Stream<DynamicTest> everyEmittedObjectIsAcceptedByItsModel() throws Exception {
        return repos(tmp).map(repo -> DynamicTest.dynamicTest(repo.getFileName().toString(), () -> {
            Compilation c = new Compiler().compile(Sources.workingTree(repo));
            assertTrue(c.output().isPresent(), () -> c.diagnostics().sorted().toString());
            int checked = 0;
            for (RenderedObject o : c.output().get().clusters().values().stream().flatMap(List::stream).toList()) {
                if (o.apiVersion().equals(FlinkResources.API_VERSION)) {
                    assertEquals(List.of(), OperatorModel.problems(o), o.kind() + " " + o.name());
                    checked++;
                } else {
                    Class<?> type = CORE_KINDS.get(o.kind());
                    assertNotNull(type, "no model check for kind " + o.kind());
                    assertEquals(List.of(), io.flinkops.validate.rules.StrictKubernetesModel.problems(o.content(), type), o.kind() + " " + o.name());
                }
            }
            assertTrue(checked > 0, "nothing to check");
        }));
    }

    @Test
    void examplesRenderEveryClusterAndEveryKind() throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(TestRepos.examplesRepo()));
        assertTrue(c.output().isPresent(), () -> c.diagnostics().sorted().toString());
        var clusters = c.output().get().clusters();
        assertEquals(List.of("prod-eu", "staging"), List.copyOf(clusters.keySet()));
        List<String> kinds = clusters.values().stream().flatMap(List::stream).map(RenderedObject::kind).distinct().sorted().toList();
        assertTrue(kinds.containsAll(List.of("ConfigMap", "FlinkDeployment", "FlinkSessionJob")), kinds.toString());
    }

    @TestFactory
    Stream<DynamicTest> renderingTwiceGivesTheSameBytes() throws Exception {
        return repos(tmp).map(repo -> DynamicTest.dynamicTest(repo.getFileName().toString(), () -> {
            Compilation first = new Compiler().compile(Sources.workingTree(repo));
            Compilation second = new Compiler().compile(Sources.workingTree(repo));
            assertTrue(first.output().isPresent());
            assertEquals(ManifestWriter.files(first.output().get()), ManifestWriter.files(second.output().get()));
        }));
    }

    /**
     * Wherever the config repo writes a {@code ${NAME}} reference, the manifests hold that reference and the
     * Secret's name and key, never anything else: references survive rendering verbatim, every secret reaches
     * the pods as {@code valueFrom.secretKeyRef} (no {@code value}), and the entrypoint ConfigMap carries the
     * references, not values.
     */
    @TestFactory
    Stream<DynamicTest> manifestsHoldReferencesNeverValues() throws Exception {
        return repos(tmp).map(repo -> DynamicTest.dynamicTest(repo.getFileName().toString(), () -> {
            Compilation c = new Compiler().compile(Sources.workingTree(repo));
            RenderCasesTest.Rendered r = RenderCasesTest.renderPlan(c);
            for (PodAdditions a : r.objects().stream().map(o -> RenderCasesTest.additions(r, o)).toList()) {
                for (JsonNode e : a.env()) {
                    assertNull(e.get("value"), "env " + e.path("name").asText() + " has a value");
                    assertTrue(e.path("valueFrom").path("secretKeyRef").isObject(), "env " + e.path("name").asText() + " comes from a Secret");
                }
            }
            int references = 0;
            for (RenderedObject o : r.objects()) {
                JsonNode config = o.content().path("spec").path("flinkConfiguration");
                for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Matcher m = SecretReferences.PATTERN.matcher(e.getValue().asText());
                    while (m.find()) references++;
                }
                if (o.kind().equals("ConfigMap") && o.name().endsWith("-flinkops-entrypoint")) {
                    o.content().path("data").fields().forEachRemaining(e -> {
                        if (!e.getKey().startsWith("ref-")) return;
                        String[] lines = e.getValue().asText().split("\n", 2);
                        assertEquals(config(r, o).path(lines[0]).asText(), lines[1], "ConfigMap " + o.name() + " " + lines[0]);
                        assertTrue(SecretReferences.has(lines[1]));
                    });
                }
            }
            // Every reference the config repo writes into an emitted configuration is still there.
            assertEquals(writtenReferences(c, r), references);
        }));
    }

    private static JsonNode config(RenderCasesTest.Rendered r, RenderedObject configMap) {
        String owner = configMap.name().substring(0, configMap.name().length() - "-flinkops-entrypoint".length());
        return r.objects().stream().filter(o -> o.kind().equals(FlinkResources.FLINK_DEPLOYMENT) && o.name().equals(owner)
                        && o.namespace().equals(configMap.namespace()))
                .findFirst().orElseThrow().content().path("spec").path("flinkConfiguration");
    }

    /** The references in the Flink configurations the config repo writes for the objects that were rendered. */
    private static int writtenReferences(Compilation c, RenderCasesTest.Rendered r) {
        int n = 0;
        for (RenderedObject o : r.objects()) {
            // FlinkStateSnapshots carry no Flink configuration.
            if (!o.kind().equals(FlinkResources.FLINK_DEPLOYMENT) && !o.kind().equals(FlinkResources.FLINK_SESSION_JOB)) continue;
            String ns = o.content().path("metadata").path("labels").path("flinkops.io/namespace").asText();
            ResolvedNamespace rn = c.repo().namespaces().get(ns);
            Map<String, String> written = o.content().path("metadata").path("labels").has("flinkops.io/session-cluster")
                    ? rn.sessionClusters().get(o.name()).spec().flinkConfigurationOrEmpty()
                    : rn.deployments().get(o.name()).spec().templateSpec().flinkConfigurationOrEmpty();
            for (String v : written.values()) {
                Matcher m = SecretReferences.PATTERN.matcher(v);
                while (m.find()) n++;
            }
        }
        return n;
    }
}
