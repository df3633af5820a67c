package io.flinkops.agent.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.agent.Leadership;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.KubeSettings;
import io.flinkops.agent.kube.EventRecorder;
import io.flinkops.agent.kube.KubernetesSteps;
import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.flinkops.source.Sources;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Kubernetes requests the agent really sends, recorded from its own code ({@link KubernetesSteps},
 * {@link Leadership}) running against the fabric8 mock API server, and turned into the authorization checks the API
 * server makes for them. A cycle over one Flink namespace exercises every kind flinkops renders: apply creates them,
 * observe reads them, prune deletes one of each kind and suspends a running stateful FlinkDeployment; leader election
 * creates, renews and releases the Lease.
 */
final class AgentRequests {
    static final String CLUSTER = "prod-eu";
    /** The Flink namespace of the recorded cycle: every example install manages it. */
    static final String NAMESPACE = "flink-payments";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentRequests() {
    }

    /** What one recording found: the checks, and what apply refused and prune did (to show the cycle really ran). */
    record Recording(List<Rbac.Request> requests, ApplyResult applied, PruneResult pruned) {
    }

    /**
     * Runs apply, observe and prune of one cycle with {@code allowedNamespaces} (the install's FLINKOPS_ALLOWED_NAMESPACES:
     * literal names list per namespace, a glob across all namespaces), then leader election on
     * {@code leaseNamespace}/{@code leaseName}, and returns every authorization check of the requests sent.
     */
    static Recording record(List<String> allowedNamespaces, String leaseNamespace, String leaseName) throws Exception {
        DesiredState desired = desired();
        try (MockKube kube = new MockKube(10_000)) {
            int before = kube.faults().requests().size(); // the mock's own set-up (CRDs) is not the agent's
            // Prune everything on the next, empty commit: the point is to send one delete per kind, so the safety
            // settings that would hold that back are off here.
            EventRecorder events = new EventRecorder(kube.client(), java.time.Clock.systemUTC(), "agent", m -> { });
            KubernetesSteps steps = new KubernetesSteps(kube.client(), new KubeSettings(allowedNamespaces, true, 1.0, true), java.time.Clock.systemUTC(),
                    java.util.Optional.of(events));
            steps.apply(desired);
            // The session job follows in the next cycle, once the operator reports its session cluster READY (the
            // status write is the test's, not the agent's: it is not among the requests checked).
            int operator = kube.faults().requests().size();
            kube.client().genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("flink.apache.org").withVersion("v1beta1")
                            .withKind("FlinkDeployment").withPlural("flinkdeployments").withNamespaced(true).build())
                    .inNamespace(NAMESPACE).withName("shared-session")
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"jobManagerDeploymentStatus\":\"READY\"}}");
            int operatorDone = kube.faults().requests().size();
            ApplyResult applied = steps.apply(desired);
            if (!applied.applied().equals(List.of("FlinkSessionJob " + NAMESPACE + "/adhoc"))) {
                throw new AssertionError("the second apply should send the session job, and only it: " + applied);
            }
            // An object refused or waiting on every cycle gets the same event again: counted (read and patched).
            for (int i = 0; i < 2; i++) {
                events.record("flink.apache.org/v1beta1", "FlinkSessionJob", NAMESPACE, "adhoc", EventRecorder.NORMAL, "Waiting", "Not applied yet.");
            }
            steps.observe(desired, Instant.parse("2025-01-01T00:00:00Z"));
            DesiredState empty = new DesiredState(CLUSTER, "c2", List.of(), desired.fence(), List.of(), Map.of());
            PruneResult pruned = steps.prune(empty, new ApplyResult(List.of(), List.of(), List.of()));
            lead(kube, leaseNamespace, leaseName);
            List<Rbac.Request> out = new ArrayList<>();
            List<String> requests = kube.faults().requests();
            for (int i = before; i < requests.size(); i++) {
                if (i < operator || i >= operatorDone) out.addAll(checks(requests.get(i)));
            }
            return new Recording(out, applied, pruned);
        }
    }

    /** Takes the Lease, holds it through a renewal, and lets it go (released on cancel), as a looping agent does. */
    private static void lead(MockKube kube, String namespace, String name) throws Exception {
        AtomicBoolean leading = new AtomicBoolean();
        // Renewals every half second, but a generous deadline: a busy machine must not make the leader lose the Lease
        // before it has renewed once.
        Leadership.Timing timing = new Leadership.Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(500));
        CompletableFuture<?> running = Leadership.elector(kube.client(), namespace, name, "replica-a", timing,
                () -> leading.set(true), () -> { }, leader -> { }).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && (!leading.get() || leasePatches(kube) < 1)) Thread.sleep(50);
        if (!leading.get() || leasePatches(kube) < 1) throw new AssertionError("the elector neither led nor renewed within 20 s");
        int renewed = leasePatches(kube);
        running.cancel(true);
        while (System.nanoTime() < deadline && leasePatches(kube) == renewed) Thread.sleep(50); // the release
    }

    private static int leasePatches(MockKube kube) {
        return (int) kube.faults().requests().stream().filter(r -> r.startsWith("PATCH ") && r.contains("/leases/")).count();
    }

    /**
     * The checks the API server makes for one request ("METHOD path?query"), as its request-info resolver and RBAC do:
     * GET of an object is {@code get}, of a collection {@code list} ({@code watch} with watch=true); POST {@code create};
     * PUT {@code update}; PATCH {@code patch}; DELETE {@code delete} (of a collection {@code deletecollection}). Besides:
     * a server-side apply (the agent's applies carry force=true) is also checked for {@code create}, since it creates
     * a missing object; applying a Role is checked for {@code escalate} on it, and a RoleBinding for {@code bind} on the
     * Role it binds (flinkops binds only its own Roles), because the agent does not hold what they grant.
     */
    static List<Rbac.Request> checks(String request) {
        int space = request.indexOf(' ');
        String method = request.substring(0, space);
        String target = request.substring(space + 1);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : URLDecoder.decode(target.substring(q + 1), StandardCharsets.UTF_8);
        String[] p = path.replaceFirst("^/", "").split("/");
        String group;
        int rest;
        if (p[0].equals("api")) {
            group = "";
            rest = 2; // api/v1/...
        } else if (p[0].equals("apis")) {
            group = p[1];
            rest = 3; // apis/<group>/<version>/...
        } else {
            throw new AssertionError("not an API request: " + request);
        }
        String namespace = null;
        if (p.length > rest + 2 && p[rest].equals("namespaces")) {
            namespace = p[rest + 1];
            rest += 2;
        }
        String resource = p[rest];
        String name = p.length > rest + 1 ? p[rest + 1] : null;
        if (p.length > rest + 2) resource += "/" + p[rest + 2]; // a subresource: status, scale...
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> throw new AssertionError("unexpected method: " + request);
        };
        List<Rbac.Request> out = new ArrayList<>();
        out.add(new Rbac.Request(verb, group, resource, namespace, name));
        boolean apply = method.equals("PATCH") && query.contains("force=true");
        if (apply) {
            out.add(new Rbac.Request("create", group, resource, namespace, name));
            if (group.equals(Rbac.RBAC_GROUP) && resource.equals("roles")) {
                out.add(new Rbac.Request("escalate", group, "roles", namespace, name));
            }
            if (group.equals(Rbac.RBAC_GROUP) && resource.equals("rolebindings")) {
                out.add(new Rbac.Request("bind", group, "roles", namespace, null));
            }
        }
        return out;
    }

    /**
     * One flinkops namespace's objects in {@link #NAMESPACE}, shaped as the compiler renders them (labels, the Flink
     * service account's Role and RoleBinding), with one object of every kind that prune deletes outright and one
     * running stateful FlinkDeployment that it must suspend first. The fence is the example repo's policy.
     */
    static DesiredState desired() throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(Path.of("../examples/repo")), Optional.of(CLUSTER));
        if (c.hasErrors()) throw new AssertionError("examples/repo does not compile: " + c.diagnostics().sorted());
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(object("v1", "ServiceAccount", "flinkops-flink", null));
        ObjectNode role = object("rbac.authorization.k8s.io/v1", "Role", "flinkops-flink", null);
        role.putArray("rules").addObject().<ObjectNode>set("apiGroups", JSON.createArrayNode().add(""))
                .<ObjectNode>set("resources", JSON.createArrayNode().add("pods"))
                .set("verbs", JSON.createArrayNode().add("get").add("list").add("watch").add("create").add("delete"));
        objects.add(role);
        ObjectNode binding = object("rbac.authorization.k8s.io/v1", "RoleBinding", "flinkops-flink", null);
        binding.putObject("roleRef").put("apiGroup", Rbac.RBAC_GROUP).put("kind", "Role").put("name", "flinkops-flink");
        binding.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", "flinkops-flink").put("namespace", NAMESPACE);
        objects.add(binding);
        for (String deployment : List.of("orders", "refunds")) {
            objects.add(object("v1", "ConfigMap", deployment + "-sql", deployment).set("data", JSON.createObjectNode().put("script.sql", "SELECT 1;")));
        }
        ObjectNode session = object("flink.apache.org/v1beta1", "FlinkDeployment", "shared-session", null);
        ((ObjectNode) session.path("metadata").path("labels")).put(Ownership.SESSION_CLUSTER, "shared-session");
        session.putObject("spec").put("image", "registry.acme.io/flink:1.20").put("flinkVersion", "v1_20").put("serviceAccount", "flinkops-flink");
        objects.add(session);
        objects.add(application("orders", "savepoint"));  // running and stateful: prune suspends it first
        objects.add(application("refunds", "stateless")); // prune deletes it
        ObjectNode job = object("flink.apache.org/v1beta1", "FlinkSessionJob", "adhoc", "adhoc");
        job.putObject("spec").put("deploymentName", "shared-session").putObject("job")
                .put("jarURI", "https://artifacts.acme.io/job.jar").put("state", "running").put("upgradeMode", "stateless");
        objects.add(job);
        // A Savepoint request (operator 1.10+): created once, observed, deleted by prune.
        ObjectNode snapshot = object("flink.apache.org/v1beta1", "FlinkStateSnapshot", "refunds-before-migration", "refunds");
        ((ObjectNode) snapshot.path("metadata").path("labels")).put(Ownership.PREFIX + "savepoint", "before-migration");
        ((ObjectNode) snapshot.path("metadata").path("annotations")).put(Ownership.PREFIX + "requested-at", "2026-12-04T21:50:00Z");
        ObjectNode snapshotSpec = snapshot.putObject("spec");
        snapshotSpec.putObject("jobReference").put("kind", "FlinkDeployment").put("name", "refunds");
        snapshotSpec.putObject("savepoint").put("alreadyExists", false).put("disposeOnDelete", false).put("formatType", "CANONICAL");
        snapshotSpec.put("backoffLimit", 3);
        objects.add(snapshot);
        List<RenderedObject> rendered = objects.stream().map(o -> new RenderedObject(CLUSTER, o.path("apiVersion").asText(), o.path("kind").asText(),
                NAMESPACE, o.path("metadata").path("name").asText(), o, "namespaces/payments/x.yaml")).toList();
        return new DesiredState(CLUSTER, "c1", rendered, DesiredState.of(CLUSTER, "c1", c).fence(), List.of(), Map.of());
    }

    private static ObjectNode application(String name, String upgradeMode) {
        ObjectNode o = object("flink.apache.org/v1beta1", "FlinkDeployment", name, name);
        ObjectNode spec = o.putObject("spec");
        spec.put("image", "registry.acme.io/flink:1.20").put("flinkVersion", "v1_20").put("serviceAccount", "flinkops-flink");
        spec.putObject("flinkConfiguration").put("execution.checkpointing.savepoint-dir", "s3://bucket/sp");
        spec.putObject("job").put("jarURI", "local:///opt/flink/usrlib/job.jar").put("state", "running").put("upgradeMode", upgradeMode).put("parallelism", 2);
        return o;
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String deployment) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name).put("namespace", NAMESPACE);
        ObjectNode labels = metadata.putObject("labels");
        labels.put(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE).put(Ownership.CLUSTER, CLUSTER).put(Ownership.NAMESPACE, "payments");
        if (deployment != null) labels.put(Ownership.DEPLOYMENT, deployment);
        metadata.putObject("annotations").put(Ownership.SOURCE_COMMIT, "c1");
        return o;
    }
}
