package io.flinkops.plan.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flinkops.model.FieldPath;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.validate.rules.StrictKubernetesModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodTemplatesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What the SQL mapping adds: a secret reference and the script's ConfigMap. */
    private static final EnvVar SECRET_ENV = new EnvVarBuilder().withName("FLINKOPS_SECRET_DB_PASSWORD")
            .withNewValueFrom().withNewSecretKeyRef("password", "db-credentials", null).endValueFrom().build();
    private static final Volume SCRIPT_VOLUME = new VolumeBuilder().withName("sql-script")
            .withNewConfigMap().withName("job-sql-script").endConfigMap().build();
    private static final VolumeMount SCRIPT_MOUNT = new VolumeMountBuilder().withName("sql-script")
            .withMountPath("/opt/flink/sql").withReadOnly(true).build();
    private static final PodAdditions ADDITIONS = new PodAdditions(List.of(json(SECRET_ENV)), List.of(json(SCRIPT_VOLUME)), List.of(json(SCRIPT_MOUNT)));

    /** A fabric8 object as the Kubernetes JSON it stands for (no nulls). */
    static com.fasterxml.jackson.databind.node.ObjectNode json(Object fabric8) {
        return new ObjectMapper().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).valueToTree(fabric8);
    }

    private static KubernetesSpec kubernetes(String yaml) throws Exception {
        return YAML.readValue(yaml, KubernetesSpec.class);
    }

    private static JsonNode json(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }

    /** Every rendered template is a valid Kubernetes PodTemplateSpec, checked strictly (no unknown field, right types). */
    private static PodTemplateSet strictlyValid(PodTemplateSet set) {
        for (ObjectNode template : new ObjectNode[]{set.common(), set.jobManager(), set.taskManager()}) {
            if (template == null) continue;
            List<String> problems = StrictKubernetesModel.problems(template, PodTemplateSpec.class);
            assertTrue(problems.isEmpty(), () -> problems + " in " + template.toPrettyString());
        }
        return set;
    }

    @Test
    void theStrictCheckCatchesWhatFabric8WouldSwallow() throws Exception {
        assertEquals(List.of("/spec/containerz Unknown field `containerz` in `PodTemplateSpec.spec` (a Kubernetes PodSpec)."),
                StrictKubernetesModel.problems(json("spec: {containerz: []}"), PodTemplateSpec.class));
        assertEquals(1, StrictKubernetesModel.problems(json("spec: {containers: [{name: x, ports: [{containerPort: '80'}]}]}"),
                PodTemplateSpec.class).size());
    }

    @Test
    void podsMapEveryFieldOntoTheCommonTemplate() throws Exception {
        KubernetesSpec k = kubernetes("""
                pods:
                  labels: {team: payments}
                  annotations: {prometheus.io/scrape: "true"}
                  nodeSelector: {pool: flink}
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                          - matchExpressions: [{key: zone, operator: In, values: [a, b]}]
                  tolerations:
                    - {key: dedicated, operator: Equal, value: flink, effect: NoSchedule}
                  imagePullSecrets: [{name: registry}]
                  envVars:
                    - {name: MODE, value: prod}
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                  volumeMounts:
                    - name: truststore
                      volume: {secret: {secretName: truststore}}
                      volumeMount: {mountPath: /etc/truststore, readOnly: true}
                    - name: scratch
                      volume: {name: scratch, emptyDir: {sizeLimit: 1Gi}}
                      volumeMount: {name: scratch, mountPath: /scratch}
                  securityContext: {runAsUser: 9999, fsGroup: 9999}
                """);
        PodTemplateSet set = strictlyValid(PodTemplates.build(k, PodAdditions.NONE));
        assertNull(set.jobManager());
        assertNull(set.taskManager());
        assertEquals(json("""
                metadata:
                  labels: {team: payments}
                  annotations: {prometheus.io/scrape: "true"}
                spec:
                  nodeSelector: {pool: flink}
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                          - matchExpressions: [{key: zone, operator: In, values: [a, b]}]
                  tolerations:
                    - {key: dedicated, operator: Equal, value: flink, effect: NoSchedule}
                  imagePullSecrets: [{name: registry}]
                  securityContext: {runAsUser: 9999, fsGroup: 9999}
                  containers:
                    - name: flink-main-container
                      env:
                        - {name: MODE, value: prod}
                        - name: DB_PASSWORD
                          valueFrom: {secretKeyRef: {name: db, key: password}}
                      volumeMounts:
                        - {name: truststore, mountPath: /etc/truststore, readOnly: true}
                        - {name: scratch, mountPath: /scratch}
                  volumes:
                    - {name: truststore, secret: {secretName: truststore}}
                    - {name: scratch, emptyDir: {sizeLimit: 1Gi}}
                """), set.common());
    }

    @Test
    void podsWithoutEnvOrMountsNeedNoMainContainer() throws Exception {
        PodTemplateSet set = strictlyValid(PodTemplates.build(kubernetes("pods: {nodeSelector: {pool: flink}}"), PodAdditions.NONE));
        assertEquals(json("spec: {nodeSelector: {pool: flink}}"), set.common());
    }

    @Test
    void nothingSetRendersNoTemplate() throws Exception {
        assertEquals(PodTemplateSet.NONE, PodTemplates.build(null, null));
        assertEquals(PodTemplateSet.NONE, PodTemplates.build(kubernetes("labels: {a: b}"), PodAdditions.NONE));
        assertEquals(PodTemplateSet.NONE, PodTemplates.build(kubernetes("pods: {}"), PodAdditions.NONE));
        assertEquals(PodTemplateSet.NONE, PodTemplates.build(kubernetes("pods: {envVars: [], volumeMounts: []}"), PodAdditions.NONE));
    }

    @Test
    void podTemplatesAreRenderedAsWrittenWithoutTouchingTheInput() throws Exception {
        String jm = """
                metadata: {labels: {role: jm}}
                spec:
                  serviceAccountName: flink
                  containers:
                    - name: log-shipper
                      image: fluent/fluent-bit:3.0
                    - name: flink-main-container
                      resources: {limits: {memory: 2Gi}}
                      ports: [{name: metrics, containerPort: 9249}]
                """;
        KubernetesSpec k = kubernetes("jobManagerPodTemplate:\n" + jm.indent(2));
        JsonNode before = k.jobManagerPodTemplate().deepCopy();
        PodTemplateSet set = strictlyValid(PodTemplates.build(k, PodAdditions.NONE));
        assertNull(set.common());
        assertNull(set.taskManager());
        assertEquals(json(jm), set.jobManager());

        PodTemplates.build(k, ADDITIONS);
        assertEquals(before, k.jobManagerPodTemplate(), "the effective spec must not change");
    }

    @Test
    void additionsGoIntoTheCommonTemplateWithPodsOrWithNothing() throws Exception {
        PodTemplateSet alone = strictlyValid(PodTemplates.build(null, ADDITIONS));
        assertEquals(json("""
                spec:
                  containers:
                    - name: flink-main-container
                      env:
                        - name: FLINKOPS_SECRET_DB_PASSWORD
                          valueFrom: {secretKeyRef: {name: db-credentials, key: password}}
                      volumeMounts:
                        - {name: sql-script, mountPath: /opt/flink/sql, readOnly: true}
                  volumes:
                    - {name: sql-script, configMap: {name: job-sql-script}}
                """), alone.common());
        assertNull(alone.jobManager());
        assertNull(alone.taskManager());

        PodTemplateSet withPods = strictlyValid(PodTemplates.build(kubernetes("""
                pods:
                  envVars: [{name: MODE, value: prod}]
                  volumeMounts:
                    - name: scratch
                      volume: {emptyDir: {}}
                      volumeMount: {mountPath: /scratch}
                """), ADDITIONS));
        JsonNode main = withPods.common().at("/spec/containers/0");
        assertEquals(List.of("MODE", "FLINKOPS_SECRET_DB_PASSWORD"), names(main.path("env"), "name"));
        assertEquals(List.of("/scratch", "/opt/flink/sql"), names(main.path("volumeMounts"), "mountPath"));
        assertEquals(List.of("scratch", "sql-script"), names(withPods.common().at("/spec/volumes"), "name"));
    }

    @Test
    void additionsGoIntoBothRoleTemplatesWhenTemplatesAreUsed() throws Exception {
        KubernetesSpec k = kubernetes("""
                jobManagerPodTemplate:
                  spec:
                    containers:
                      - name: log-shipper
                        image: fluent/fluent-bit:3.0
                """);
        PodTemplateSet set = strictlyValid(PodTemplates.build(k, ADDITIONS));
        assertNull(set.common(), "no common template: the operator would merge its containers by position");
        // the main container is appended, so the sidecar keeps its index
        assertEquals(List.of("log-shipper", "flink-main-container"), names(set.jobManager().at("/spec/containers"), "name"));
        assertEquals("FLINKOPS_SECRET_DB_PASSWORD", set.jobManager().at("/spec/containers/1/env/0/name").asText());
        // the TaskManager has no template of its own, so it gets one with just the additions
        assertNotNull(set.taskManager());
        assertEquals(PodTemplates.build(null, ADDITIONS).common(), set.taskManager());
    }

    @Test
    void additionsNeverOverrideOrDuplicateWhatTheUserWrote() throws Exception {
        KubernetesSpec k = kubernetes("""
                pods:
                  envVars:
                    - {name: FLINKOPS_SECRET_DB_PASSWORD, value: literal}
                  volumeMounts:
                    - name: sql-script
                      volume: {emptyDir: {}}
                      volumeMount: {mountPath: /opt/flink/sql}
                """);
        PodTemplateSet set = strictlyValid(PodTemplates.build(k, ADDITIONS));
        JsonNode main = set.common().at("/spec/containers/0");
        assertEquals(json("[{name: FLINKOPS_SECRET_DB_PASSWORD, value: literal}]"), main.path("env"));
        assertEquals(json("[{name: sql-script, mountPath: /opt/flink/sql}]"), main.path("volumeMounts"));
        assertEquals(json("[{name: sql-script, emptyDir: {}}]"), set.common().at("/spec/volumes"));
        assertEquals(List.of(
                new PodTemplates.Conflict("env", "FLINKOPS_SECRET_DB_PASSWORD", FieldPath.parse("/pods/envVars/0")),
                new PodTemplates.Conflict("volume", "sql-script", FieldPath.parse("/pods/volumeMounts/0/volume")),
                new PodTemplates.Conflict("mountPath", "/opt/flink/sql", FieldPath.parse("/pods/volumeMounts/0/volumeMount/mountPath"))),
                PodTemplates.conflicts(k, ADDITIONS));
    }

    @Test
    void anIdenticalDefinitionIsNoConflict() throws Exception {
        KubernetesSpec k = kubernetes("""
                taskManagerPodTemplate:
                  spec:
                    containers:
                      - name: sidecar
                        image: busybox:1.36
                        env: [{name: FLINKOPS_SECRET_DB_PASSWORD, value: sidecar-only}]
                      - name: flink-main-container
                        env:
                          - name: FLINKOPS_SECRET_DB_PASSWORD
                            valueFrom: {secretKeyRef: {name: db-credentials, key: password}}
                          - {name: OTHER, value: x}
                """);
        PodTemplateSet set = strictlyValid(PodTemplates.build(k, ADDITIONS));
        assertEquals(List.of("FLINKOPS_SECRET_DB_PASSWORD", "OTHER"), names(set.taskManager().at("/spec/containers/1/env"), "name"));
        assertEquals(List.of(), PodTemplates.conflicts(k, ADDITIONS));

        KubernetesSpec different = kubernetes("""
                jobManagerPodTemplate:
                  spec:
                    containers:
                      - name: flink-main-container
                        env: [{name: FLINKOPS_SECRET_DB_PASSWORD, value: literal}]
                        volumeMounts: [{name: other, mountPath: /opt/flink/sql}]
                    volumes: [{name: other, emptyDir: {}}]
                """);
        assertEquals(List.of(
                new PodTemplates.Conflict("env", "FLINKOPS_SECRET_DB_PASSWORD", FieldPath.parse("/jobManagerPodTemplate/spec/containers/0/env/0")),
                new PodTemplates.Conflict("mountPath", "/opt/flink/sql", FieldPath.parse("/jobManagerPodTemplate/spec/containers/0/volumeMounts/0/mountPath"))),
                PodTemplates.conflicts(different, ADDITIONS));
    }

    @Test
    void theSameInputGivesTheSameOutput() throws Exception {
        String yaml = """
                pods:
                  annotations: {b: "2", a: "1"}
                  envVars: [{name: B, value: "2"}, {name: A, value: "1"}]
                """;
        PodTemplateSet first = PodTemplates.build(kubernetes(yaml), ADDITIONS);
        PodTemplateSet second = PodTemplates.build(kubernetes(yaml), ADDITIONS);
        assertEquals(first, second);
        assertEquals(first.common().toString(), second.common().toString());
        // list order is the user's, then the additions'
        assertEquals(List.of("B", "A", "FLINKOPS_SECRET_DB_PASSWORD"), names(first.common().at("/spec/containers/0/env"), "name"));
    }

    @Test
    void aBrokenTemplateDoesNotBreakTheBuilder() throws Exception {
        // FO802 reports these; the pod security rule still builds them while validating
        for (String yaml : List.of("jobManagerPodTemplate: {spec: {containers: {name: x}}}", "jobManagerPodTemplate: {spec: []}",
                "jobManagerPodTemplate: [a]", "taskManagerPodTemplate: {spec: {containers: [{name: flink-main-container, env: {}}]}}")) {
            PodTemplates.build(kubernetes(yaml), ADDITIONS);
            PodTemplates.conflicts(kubernetes(yaml), ADDITIONS);
        }
    }

    @Test
    void renderedFieldsOfPodsMapBackToWhereTheyWereWritten() throws Exception {
        KubernetesSpec.Pods pods = kubernetes("""
                pods:
                  envVars: [{name: A, value: "1"}]
                  volumeMounts:
                    - name: only-a-mount
                      volumeMount: {mountPath: /a}
                    - name: logs
                      volume: {hostPath: {path: /var/log}}
                      volumeMount: {mountPath: /logs}
                """).pods();
        assertEquals("/pods/volumeMounts/1/volume/hostPath", PodTemplates.podsSource(pods, FieldPath.parse("/spec/volumes/0/hostPath")).pointer());
        assertEquals("/pods/volumeMounts/1/volumeMount/mountPath", PodTemplates.podsSource(pods, FieldPath.parse("/spec/containers/0/volumeMounts/1/mountPath")).pointer());
        assertEquals("/pods/envVars/0/value", PodTemplates.podsSource(pods, FieldPath.parse("/spec/containers/0/env/0/value")).pointer());
        assertEquals("/pods/securityContext/runAsNonRoot", PodTemplates.podsSource(pods, FieldPath.parse("/spec/securityContext/runAsNonRoot")).pointer());
        assertEquals("/pods/annotations/a~1b", PodTemplates.podsSource(pods, FieldPath.parse("/metadata/annotations/a~1b")).pointer());
        // what kubernetes.pods cannot express is reported at `pods`
        assertEquals("/pods", PodTemplates.podsSource(pods, FieldPath.parse("/spec/containers/0/securityContext/allowPrivilegeEscalation")).pointer());
        assertEquals("/pods", PodTemplates.podsSource(pods, FieldPath.parse("/spec/hostNetwork")).pointer());
    }

    private static List<String> names(JsonNode list, String field) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
