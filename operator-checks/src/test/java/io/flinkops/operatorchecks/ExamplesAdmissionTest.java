package io.flinkops.operatorchecks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;
import io.flinkops.source.Sources;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every FlinkDeployment and FlinkSessionJob that flinkops renders for examples/repo is admitted by the
 * operator's admission validator (one test per object). A session job is judged together with the session
 * cluster FlinkDeployment that the same rendering emits for it, as the webhook looks it up.
 */
class ExamplesAdmissionTest {
    private static final String DEPLOYMENT = "FlinkDeployment";
    private static final String SESSION_JOB = "FlinkSessionJob";
    private static final String API_VERSION = "flink.apache.org/v1beta1";

    static Path examplesRepo() {
        String root = System.getProperty("flinkops.projectRoot");
        Path repo = (root == null ? Path.of("..") : Path.of(root)).resolve("examples/repo").normalize();
        assertTrue(Files.isDirectory(repo), "no examples repo at " + repo.toAbsolutePath());
        return repo;
    }

    static RenderOutput render() throws Exception {
        Compilation compilation = new Compiler().compile(Sources.workingTree(examplesRepo()));
        assertFalse(compilation.hasErrors(), () -> "examples/repo does not compile:\n" + compilation.diagnostics().sorted().stream()
                .map(Diagnostic::toString).collect(Collectors.joining("\n")));
        return compilation.output().orElseThrow(() -> new AssertionError("examples/repo compiled without output"));
    }

    @TestFactory
    List<DynamicTest> everyEmittedFlinkObjectIsAdmitted() throws Exception {
        RenderOutput output = render();
        OperatorAdmission admission = new OperatorAdmission();
        List<RenderedObject> all = output.clusters().values().stream().flatMap(List::stream).toList();
        List<RenderedObject> deployments = all.stream().filter(o -> DEPLOYMENT.equals(o.kind())).toList();
        List<RenderedObject> sessionJobs = all.stream().filter(o -> SESSION_JOB.equals(o.kind())).toList();
        if (deployments.isEmpty()) {
            return List.of(DynamicTest.dynamicTest("rendering produced FlinkDeployments",
                    () -> fail("rendering produced no FlinkDeployments (and " + sessionJobs.size()
                            + " FlinkSessionJobs) for examples/repo: is FlinkResources implemented?")));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (RenderedObject d : deployments) {
            tests.add(DynamicTest.dynamicTest(label(d), () -> {
                assertIdentity(d);
                OperatorAdmission.Verdict v = admission.validateDeployment(d.content());
                assertEquals(Optional.empty(), v.error(), () -> Fixtures.describe(label(d) + " (from " + d.sourceFile() + ")", d.content(), v));
            }));
        }
        for (RenderedObject j : sessionJobs) {
            tests.add(DynamicTest.dynamicTest(label(j), () -> {
                assertIdentity(j);
                String clusterName = j.content().path("spec").path("deploymentName").asText();
                RenderedObject cluster = deployments.stream()
                        .filter(d -> d.cluster().equals(j.cluster()) && d.namespace().equals(j.namespace()) && d.name().equals(clusterName))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(label(j) + ": flinkops emits no session cluster FlinkDeployment "
                                + j.cluster() + "/" + j.namespace() + "/" + clusterName + " for it"));
                OperatorAdmission.Verdict v = admission.validateSessionJob(j.content(), cluster.content());
                assertEquals(Optional.empty(), v.error(), () -> Fixtures.describe(label(j) + " (from " + j.sourceFile()
                        + ", on session cluster " + clusterName + ")", j.content(), v));
            }));
        }
        return tests;
    }

    /** Negative control on real output: the harness rejects a rendered object once it carries a forbidden key. */
    @Test
    void aRenderedDeploymentWithAForbiddenKeyIsRejected() throws Exception {
        RenderedObject first = render().clusters().values().stream().flatMap(List::stream)
                .filter(o -> DEPLOYMENT.equals(o.kind())).findFirst()
                .orElseThrow(() -> new AssertionError("rendering produced no FlinkDeployments"));
        ObjectNode broken = first.content().deepCopy();
        broken.withObject("/spec/flinkConfiguration").put("kubernetes.cluster-id", first.name());
        assertEquals(Optional.of("Forbidden Flink config key: kubernetes.cluster-id"),
                new OperatorAdmission().validateDeployment(broken).error());
    }

    /** The object says what the record says, in the API group and version the operator serves. */
    private static void assertIdentity(RenderedObject o) {
        assertEquals(API_VERSION, o.apiVersion(), label(o));
        assertEquals(API_VERSION, o.content().path("apiVersion").asText(), label(o));
        assertEquals(o.kind(), o.content().path("kind").asText(), label(o));
        assertEquals(o.name(), o.content().path("metadata").path("name").asText(), label(o));
        assertEquals(o.namespace(), o.content().path("metadata").path("namespace").asText(), label(o));
    }

    private static String label(RenderedObject o) {
        return o.cluster() + "/" + o.namespace() + "/" + o.kind() + "/" + o.name();
    }
}
