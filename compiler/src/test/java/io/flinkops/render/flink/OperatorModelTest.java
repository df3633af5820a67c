package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flinkops.render.RenderedObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker of the acceptance tests finds what the operator would reject (it is not vacuous). */
class OperatorModelTest {
    private static final String GOOD = """
            apiVersion: flink.apache.org/v1beta1
            kind: FlinkDeployment
            metadata: {name: x, namespace: flink}
            spec:
              image: flink:1.20
              flinkVersion: v1_20
              serviceAccount: flink
              flinkConfiguration: {taskmanager.numberOfTaskSlots: "2"}
              jobManager: {resource: {cpu: 1, memory: 1g}}
              taskManager: {resource: {cpu: 0.5, memory: 2g}, replicas: 2}
              podTemplate:
                spec:
                  containers: [{name: flink-main-container, env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]
                  volumes: [{name: v, configMap: {name: c, defaultMode: 365}}]
              job: {jarURI: "local:///x.jar", parallelism: 2, state: running, upgradeMode: last-state, args: ["a"]}
            """;

    private static List<String> problems(String yaml, String kind) throws Exception {
        ObjectNode content = (ObjectNode) new YAMLMapper().readTree(yaml);
        return OperatorModel.problems(new RenderedObject("c", FlinkResources.API_VERSION, kind, "flink", "x", content, ""));
    }

    @Test
    void aValidObjectPasses() throws Exception {
        assertEquals(List.of(), problems(GOOD, FlinkResources.FLINK_DEPLOYMENT));
    }

    @Test
    void unknownFieldsWrongEnumsAndTypesFail() throws Exception {
        assertTrue(problems(GOOD.replace("upgradeMode: last-state", "upgradeMode: lastState"), FlinkResources.FLINK_DEPLOYMENT)
                .stream().anyMatch(p -> p.startsWith("CRD /spec/job/upgradeMode")), "enum");
        List<String> unknown = problems(GOOD.replace("serviceAccount: flink", "serviceAccount: flink\n  serviceAcount: x"), FlinkResources.FLINK_DEPLOYMENT);
        // The model classes ignore unknown fields themselves (Jackson annotations); the round trip finds them.
        assertTrue(unknown.stream().anyMatch(p -> p.startsWith("model drops /spec/serviceAcount")), unknown.toString());
        assertTrue(unknown.stream().anyMatch(p -> p.startsWith("CRD /spec")), unknown.toString());
        assertTrue(problems(GOOD.replace("cpu: 0.5", "cpu: half"), FlinkResources.FLINK_DEPLOYMENT).stream()
                .anyMatch(p -> p.contains("/spec/taskManager/resource/cpu")), "type");
        assertTrue(problems(GOOD.replace("configMap: {name: c", "configMap: {nam: c"), FlinkResources.FLINK_DEPLOYMENT).stream()
                .anyMatch(p -> p.contains("/spec/podTemplate/spec/volumes/0/configMap")), "pod template");
        assertTrue(problems(GOOD.replace("flinkVersion: v1_20", "flinkVersion: v1_99"), FlinkResources.FLINK_DEPLOYMENT).stream()
                .anyMatch(p -> p.startsWith("CRD /spec/flinkVersion")), "flink version");
    }

    @Test
    void sessionJobsAreCheckedAgainstTheirOwnCrd() throws Exception {
        String job = """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: x, namespace: flink}
                spec:
                  deploymentName: shared
                  job: {jarURI: "https://x/y.jar", parallelism: 1, state: suspended, upgradeMode: savepoint}
                """;
        assertEquals(List.of(), problems(job, FlinkResources.FLINK_SESSION_JOB));
        assertTrue(problems(job.replace("deploymentName: shared", "deploymentName: shared\n  image: x"), FlinkResources.FLINK_SESSION_JOB)
                .stream().anyMatch(p -> p.startsWith("CRD /spec")));
    }
}
