package io.flinkops.agent.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.agent.Main;
import io.flinkops.agent.git.GitCredentials;
import io.flinkops.policy.Glob;
import io.flinkops.render.ObjectKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The agent's install (reconciler-agent/deploy), built with the real {@code kubectl kustomize}: every kustomization
 * builds; every binding stays in its namespace and binds only the agent's ServiceAccount; the agent's roles grant
 * exactly {@link #FLINK_NAMESPACE_RIGHTS} and {@link #leaseRights}, which cover every request the agent's own code sends
 * ({@link AgentRequests}) and nothing more; no Secret is ever part of a build; the Deployment's flags and variables
 * are options the agent has, and its probes, PDB, Service and security context are there.
 * <p>
 * Without kubectl every test here is skipped, with a message saying so (never passed silently).
 */
class InstallManifestsTest {
    /** The Secret the Deployment mounts: created out of band, never part of a build. */
    static final String GIT_SECRET = "flinkops-agent-git";
    /** The placeholder namespace of deploy/flink-namespace, which the using kustomization must replace. */
    static final String UNSET_NAMESPACE = "set-by-the-using-kustomization";

    /**
     * What the agent does to the kinds it manages, in a Flink namespace: the one list the manifests are held to (the
     * ClusterRole {@code flinkops-agent} must grant exactly this, and {@link #everyRightTheInstallGrantsIsOneTheAgentUses}
     * checks it against the requests the agent's code really sends). Every kind flinkops renders ({@link ObjectKind},
     * so a new kind fails here until the install grants it):
     * <ul>
     * <li>list: ManagedObjects.list, one labelled list per kind in apply, prune and observe (per namespace when
     *     --allowed-namespaces are literal names, across all namespaces with a glob);</li>
     * <li>get: ManagedObjects.get, an object to apply or observe that is not in that list is read by name;</li>
     * <li>list of FlinkStateSnapshots also by the operator's job-reference label (ManagedObjects.jobSnapshots: the
     *     operator's own upgrade and periodic savepoints, observed for the status);</li>
     * <li>patch: Applier, every write is a server-side apply; Pruner.suspend, a JSON merge patch on FlinkDeployments;</li>
     * <li>create: a server-side apply that creates its object is also checked for create; FlinkStateSnapshots are
     *     created (POST) once and never patched;</li>
     * <li>delete: Pruner.delete;</li>
     * <li>escalate and bind on roles: Applier applying the rendered Roles, which grant what the agent does not hold
     *     (pods, for one), and the RoleBindings that bind them (docs/rbac.md).</li>
     * </ul>
     * Not in it: watch (nothing is watched), update (every write is a patch), deletecollection, status subresources
     * (the status the agent maps comes with the objects it lists; it never writes status).
     */
    static final SortedSet<String> FLINK_NAMESPACE_RIGHTS = flinkNamespaceRights();

    private static SortedSet<String> flinkNamespaceRights() {
        SortedSet<String> out = new TreeSet<>();
        for (ObjectKind k : ObjectKind.values()) {
            // FlinkStateSnapshots are created once (a POST) and never written again: no patch.
            List<String> verbs = k == ObjectKind.FLINK_STATE_SNAPSHOT ? List.of("get", "list", "create", "delete")
                    : List.of("get", "list", "create", "patch", "delete");
            for (String verb : verbs) out.add(Rbac.grant(verb, k.group(), k.plural()));
        }
        out.add(Rbac.grant("escalate", ObjectKind.ROLE.group(), ObjectKind.ROLE.plural()));
        out.add(Rbac.grant("bind", ObjectKind.ROLE.group(), ObjectKind.ROLE.plural()));
        // EventRecorder: an Event on a FlinkDeployment or session job it wrote; the same event again is read and patched.
        for (String verb : List.of("create", "get", "patch")) out.add(Rbac.grant(verb, "", "events"));
        return out;
    }

    /**
     * The Lease, in the agent's namespace (Leadership, fabric8's LeaseLock): get it, create it when missing, and renew
     * and release it with a JSON merge patch. Create cannot be limited to a name (the name is in the request body).
     */
    static SortedSet<String> leaseRights(String lease) {
        return new TreeSet<>(List.of("create coordination.k8s.io/leases", "get coordination.k8s.io/leases [" + lease + "]",
                "patch coordination.k8s.io/leases [" + lease + "]"));
    }

    /** With a glob, the agent lists every managed kind across all namespaces (ManagedObjects.list), and only that. */
    static SortedSet<String> clusterListRights() {
        SortedSet<String> out = new TreeSet<>();
        for (ObjectKind k : ObjectKind.values()) out.add(Rbac.grant("list", k.group(), k.plural()));
        return out;
    }

    /** Environment variables the Deployment may set that are not the agent's own: the JVM's, and JGit's (see deployment.yaml). */
    static final Set<String> NOT_THE_AGENTS = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "XDG_CONFIG_HOME", "XDG_CACHE_HOME");

    /** What picocli's {@code @Option.defaultValue()} holds when an option has no default. */
    static final String NO_DEFAULT = "__no_default_value__";

    static Kustomize kustomize;
    private static final Map<String, AgentRequests.Recording> RECORDINGS = new HashMap<>();
    private static final Map<Path, List<JsonNode>> BUILDS = new HashMap<>();

    static final String NO_KUBECTL = "kubectl was not found (on the PATH, or at $KUBECTL), so the agent's install manifests "
            + "(reconciler-agent/deploy) were NOT built and NOT checked: kustomize builds, RoleBinding namespaces and "
            + "subjects, the agent's RBAC against the requests it sends, no Secret in the builds, probes, PDB, Service, "
            + "security context, flags and variables. Install kubectl (it bundles kustomize) to run these tests.";

    @BeforeAll
    static void kubectl() {
        kustomize = Kustomize.find().orElse(null);
        if (kustomize == null) System.err.println("[WARNING] InstallManifestsTest SKIPPED: " + NO_KUBECTL);
    }

    /** Each test is reported skipped, with the reason (an abort in @BeforeAll would report none at all). */
    @BeforeEach
    void requireKubectl() {
        Assumptions.assumeTrue(kustomize != null, NO_KUBECTL);
    }

    static List<JsonNode> build(Path dir) throws Exception {
        List<JsonNode> cached = BUILDS.get(dir);
        if (cached == null) {
            cached = kustomize.build(dir);
            BUILDS.put(dir, cached);
        }
        return cached;
    }

    static Stream<String> examples() throws IOException {
        return Kustomize.examples().stream().map(p -> p.getFileName().toString());
    }

    static Install install(String example) throws Exception {
        return new Install(example, build(Kustomize.DEPLOY.resolve("examples").resolve(example)));
    }

    // ---------------------------------------------------------------------------------------------- every build

    @Test
    void everyKustomizationBuilds_andNoneContainsASecret() throws Exception {
        List<Path> all = Kustomize.allKustomizations();
        // Not a vacuous pass: the base, the building blocks and the three install modes are all there.
        for (String expected : List.of("base", "flink-namespace", "cluster-wide", "cluster-list", "monitoring",
                "examples/namespaced", "examples/cluster-wide", "examples/cluster-list")) {
            assertTrue(all.contains(Kustomize.DEPLOY.resolve(expected)), "deploy/" + expected + " is missing: " + all);
        }
        for (Path dir : all) {
            for (JsonNode o : build(dir)) {
                assertNotEquals("Secret", o.path("kind").asText(), () -> "deploy/" + Kustomize.DEPLOY.relativize(dir)
                        + " contains a Secret: applying it would overwrite the credentials created out of band");
            }
        }
    }

    @Test
    void theExampleSecretIsInNoKustomization() throws Exception {
        assertTrue(Files.isRegularFile(Kustomize.DEPLOY.resolve("git-credentials.example.yaml")));
        for (Path dir : Kustomize.allKustomizations()) {
            String text = Files.readString(dir.resolve("kustomization.yaml"));
            assertFalse(text.lines().filter(l -> !l.strip().startsWith("#")).anyMatch(l -> l.contains("git-credentials") || l.contains("secretGenerator")),
                    () -> "deploy/" + Kustomize.DEPLOY.relativize(dir) + " lists the Git credentials: they must stay out of the kustomization");
        }
    }

    // ---------------------------------------------------------------------------------------------- RBAC

    @ParameterizedTest
    @MethodSource("examples")
    void bindingsStayInTheirNamespacesAndBindOnlyTheAgent(String example) throws Exception {
        Install install = install(example);
        assertEquals(List.of(), bindingProblems(install), example);
    }

    /**
     * Every binding binds the agent's ServiceAccount (in the agent's namespace) and nothing else, to a role the build
     * has. The agent's namespace has only the Lease binding. Literal FLINKOPS_ALLOWED_NAMESPACES: a RoleBinding to the
     * ClusterRole flinkops-agent in exactly those namespaces, and no ClusterRoleBinding (nothing cluster-wide). A glob:
     * a ClusterRoleBinding lets the agent list across namespaces, and any RoleBinding is in a namespace the glob allows.
     */
    static List<String> bindingProblems(Install install) {
        List<String> problems = new ArrayList<>();
        Rbac rbac = new Rbac(install.objects());
        Rbac.Subject agent = install.agent();
        String agentNamespace = agent.namespace();
        boolean glob = install.allowedNamespaces().stream().anyMatch(n -> n.contains("*"));
        SortedSet<String> flinkNamespaces = new TreeSet<>();
        boolean clusterBinding = false;
        for (JsonNode b : rbac.bindings()) {
            String kind = b.path("kind").asText();
            String id = kind + " " + b.path("metadata").path("namespace").asText("") + "/" + b.path("metadata").path("name").asText();
            JsonNode subjects = b.path("subjects");
            if (subjects.size() != 1 || !Rbac.binds(b, agent)) problems.add(id + " binds " + subjects + ", not only " + agent);
            String namespace = b.path("metadata").path("namespace").asText(null);
            if (rbac.role(b.path("roleRef"), namespace) == null) problems.add(id + " binds " + b.path("roleRef") + ", which the build does not have");
            if (kind.equals("ClusterRoleBinding")) {
                clusterBinding = true;
                continue;
            }
            String role = b.path("roleRef").path("kind").asText() + " " + b.path("roleRef").path("name").asText();
            if (agentNamespace.equals(namespace)) {
                if (!role.equals("Role flinkops-agent-lease")) problems.add(id + " in the agent's own namespace binds " + role + ", not the Lease Role");
            } else {
                if (!role.equals("ClusterRole flinkops-agent")) problems.add(id + " binds " + role + ", not ClusterRole flinkops-agent");
                flinkNamespaces.add(namespace);
            }
        }
        if (glob) {
            if (!clusterBinding) problems.add("FLINKOPS_ALLOWED_NAMESPACES has a glob, which makes the agent list across all namespaces, but no ClusterRoleBinding allows that");
            for (String ns : flinkNamespaces) {
                if (!Glob.anyMatches(install.allowedNamespaces(), ns)) problems.add("RoleBinding in " + ns + ", which FLINKOPS_ALLOWED_NAMESPACES does not allow");
            }
        } else {
            if (clusterBinding) problems.add("FLINKOPS_ALLOWED_NAMESPACES lists names only, yet a ClusterRoleBinding grants rights in every namespace");
            if (!flinkNamespaces.equals(new TreeSet<>(install.allowedNamespaces()))) {
                problems.add("RoleBindings to flinkops-agent are in " + flinkNamespaces + ", but FLINKOPS_ALLOWED_NAMESPACES is " + install.allowedNamespaces());
            }
        }
        return problems;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theRolesGrantExactlyWhatTheAgentDoes(String example) throws Exception {
        Install install = install(example);
        Rbac rbac = new Rbac(install.objects());
        JsonNode flink = install.named("ClusterRole", null, "flinkops-agent");
        assertEquals(FLINK_NAMESPACE_RIGHTS, Rbac.grants(flink), "ClusterRole flinkops-agent");
        JsonNode lease = install.named("Role", install.namespace(), "flinkops-agent-lease");
        assertEquals(leaseRights(install.leaseName()), Rbac.grants(lease),
                "Role flinkops-agent-lease must allow the Lease the Deployment names (FLINKOPS_LEASE_NAME, or flinkops-agent-<cluster>)");
        for (JsonNode o : install.objects()) {
            String kind = o.path("kind").asText();
            String name = o.path("metadata").path("name").asText();
            if (!(kind.equals("Role") || kind.equals("ClusterRole")) || name.equals("flinkops-agent") || name.equals("flinkops-agent-lease")) continue;
            assertEquals("ClusterRole flinkops-agent-list", kind + " " + name, "an unexpected role in " + example);
            assertEquals(clusterListRights(), Rbac.grants(o), name);
        }
        // Outside the namespaces it manages the agent may write only when the install binds its role cluster-wide
        // (examples/cluster-wide, documented as such).
        boolean everywhere = rbac.bindings().stream().anyMatch(b -> b.path("kind").asText().equals("ClusterRoleBinding")
                && b.path("roleRef").path("name").asText().equals("flinkops-agent"));
        for (String outside : List.of("kube-system", "default", install.namespace())) {
            assertEquals(everywhere, rbac.allows(install.agent(), new Rbac.Request("patch", "", "configmaps", outside, "x")),
                    example + ": may the agent write ConfigMaps in " + outside + "?");
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theInstallAllowsEveryRequestTheAgentSends(String example) throws Exception {
        Install install = install(example);
        assertTrue(Glob.anyMatches(install.allowedNamespaces(), AgentRequests.NAMESPACE),
                () -> example + " must manage " + AgentRequests.NAMESPACE + ", where the recorded cycle runs");
        AgentRequests.Recording recording = recording(install.allowedNamespaces(), install.namespace(), install.leaseName());
        Rbac rbac = new Rbac(install.objects());
        List<String> refused = recording.requests().stream().filter(q -> !rbac.allows(install.agent(), q)).map(Rbac.Request::toString).distinct().toList();
        assertEquals(List.of(), refused, example + " refuses requests the agent sends");
    }

    @Test
    void everyRightTheInstallGrantsIsOneTheAgentUses() throws Exception {
        SortedSet<String> flink = new TreeSet<>();
        SortedSet<String> lease = new TreeSet<>();
        // Both ways the agent lists: per listed namespace, and across all namespaces for a glob.
        for (List<String> allowed : List.of(List.of(AgentRequests.NAMESPACE), List.of("flink-*"))) {
            for (Rbac.Request q : recording(allowed, "flinkops-system", "flinkops-agent").requests()) {
                String grant = Rbac.grant(q.verb(), q.group(), q.resource());
                if (q.resource().equals("leases")) {
                    lease.add(grant + (q.name() == null ? "" : " [" + q.name() + "]"));
                } else {
                    flink.add(grant);
                }
            }
        }
        assertEquals(FLINK_NAMESPACE_RIGHTS, flink, "what the agent does in a Flink namespace");
        assertEquals(leaseRights("flinkops-agent"), lease, "what the agent does with its Lease");
    }

    /** One recorded cycle per setting (the recording runs the agent's code against the mock API server: a few seconds). */
    static synchronized AgentRequests.Recording recording(List<String> allowed, String leaseNamespace, String lease) throws Exception {
        String key = allowed + " " + leaseNamespace + "/" + lease;
        AgentRequests.Recording r = RECORDINGS.get(key);
        if (r == null) {
            r = AgentRequests.record(allowed, leaseNamespace, lease);
            // The cycle really ran: everything applied, one of each kind deleted, the stateful deployment suspended.
            assertEquals(List.of(), r.applied().refused(), "the recorded cycle's objects must all be applied");
            assertEquals(List.of(), r.pruned().withheld());
            Set<String> deletedKinds = new TreeSet<>();
            r.pruned().deleted().forEach(d -> deletedKinds.add(d.substring(0, d.indexOf(' '))));
            assertEquals(Set.of("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "FlinkDeployment", "FlinkSessionJob", "FlinkStateSnapshot"),
                    deletedKinds);
            assertFalse(r.pruned().suspended().isEmpty(), "the running stateful FlinkDeployment is suspended first");
            RECORDINGS.put(key, r);
        }
        return r;
    }

    @Test
    void aFlinkNamespaceMoreIsOneFolderMore_andTheCheckSeesMistakes(@TempDir Path tmp) throws Exception {
        Kustomize.write(tmp.resolve("flink-orders"), "namespace: flink-orders\nresources: [%s]\n"
                .formatted(Kustomize.from(tmp.resolve("flink-orders"), "flink-namespace")));
        Path three = Kustomize.write(tmp.resolve("three"), """
                resources: [%s, ../flink-orders]
                configMapGenerator:
                  - name: flinkops-agent-settings
                    namespace: flinkops-system
                    behavior: merge
                    literals: ["FLINKOPS_ALLOWED_NAMESPACES=flink-payments,flink-analytics,flink-orders"]
                """.formatted(Kustomize.from(tmp.resolve("three"), "examples/namespaced")));
        Install install = new Install("three", kustomize.build(three));
        assertEquals(List.of(), bindingProblems(install));
        assertEquals(List.of("flink-analytics", "flink-orders", "flink-payments", "flinkops-system"),
                install.all("RoleBinding").stream().map(b -> b.path("metadata").path("namespace").asText()).sorted().toList());

        // The same namespace twice is an ID conflict, which kustomize reports: what copying the RoleBinding of the old
        // single-folder layout ran into.
        Path twice = Kustomize.write(tmp.resolve("twice"), "resources: [%s, ../flink-orders, ../flink-orders-again]\n"
                .formatted(Kustomize.from(tmp.resolve("twice"), "examples/namespaced")));
        Kustomize.write(tmp.resolve("flink-orders-again"), "namespace: flink-orders\nresources: [%s]\n"
                .formatted(Kustomize.from(tmp.resolve("flink-orders-again"), "flink-namespace")));
        Kustomize.Result conflict = kustomize.run(twice);
        assertFalse(conflict.ok());
        assertTrue(conflict.stderr().contains("already registered id"), conflict.stderr());

        // A `namespace:` over the whole install moves the RoleBindings out of the Flink namespaces. With two of them
        // kustomize itself fails (both land on one ID); with one, the build goes through and the check says so.
        Path movedTwo = Kustomize.write(tmp.resolve("moved-two"), "namespace: flinkops-system\nresources: [%s]\n"
                .formatted(Kustomize.from(tmp.resolve("moved-two"), "examples/namespaced")));
        assertTrue(kustomize.run(movedTwo).stderr().contains("ID conflict"));
        Path movedOne = Kustomize.write(tmp.resolve("moved-one"), """
                namespace: flinkops-system
                resources: [%s, ../flink-orders]
                configMapGenerator:
                  - name: flinkops-agent-settings
                    behavior: merge
                    literals: [FLINKOPS_ALLOWED_NAMESPACES=flink-orders]
                """.formatted(Kustomize.from(tmp.resolve("moved-one"), "base")));
        List<String> problems = bindingProblems(new Install("moved-one", kustomize.build(movedOne)));
        assertTrue(problems.stream().anyMatch(p -> p.contains("in the agent's own namespace binds ClusterRole flinkops-agent")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("but FLINKOPS_ALLOWED_NAMESPACES is [flink-orders]")), problems.toString());
    }

    @Test
    void theFlinkNamespaceBlockAppliedAloneFailsInsteadOfGrantingInTheCurrentNamespace() throws Exception {
        List<JsonNode> alone = build(Kustomize.DEPLOY.resolve("flink-namespace"));
        assertEquals(1, alone.size());
        assertEquals(UNSET_NAMESPACE, alone.get(0).path("metadata").path("namespace").asText());
        for (Path example : Kustomize.examples()) {
            for (JsonNode o : build(example)) assertNotEquals(UNSET_NAMESPACE, o.path("metadata").path("namespace").asText(), example.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------- the Deployment

    @ParameterizedTest
    @MethodSource("examples")
    void theDeploymentUsesOnlyOptionsTheAgentHas(String example) throws Exception {
        Install install = install(example);
        Map<String, CommandLine.Option> options = mainOptions();
        for (String arg : install.args()) {
            assertTrue(arg.startsWith("--"), "an argument that is no option: " + arg);
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            assertTrue(options.containsKey(flag) || negated(options, flag), () -> example + ": the agent has no option " + flag);
        }
        Set<String> known = new TreeSet<>();
        for (CommandLine.Option o : options.values()) known.add(envName(o));
        known.addAll(List.of("FLINKOPS_CONFIG", "POD_NAME", "POD_NAMESPACE", GitCredentials.ENV_TOKEN, GitCredentials.ENV_TOKEN_FILE,
                GitCredentials.ENV_USERNAME, GitCredentials.ENV_SSH_KEY_FILE, GitCredentials.ENV_KNOWN_HOSTS_FILE));
        for (String name : install.env().keySet()) {
            assertTrue(known.contains(name) || NOT_THE_AGENTS.contains(name), () -> example + ": the agent reads no variable " + name);
        }
        // What the agent cannot start without, or would write nowhere without.
        for (String required : List.of("--cluster", "--repo-url", "--allowed-namespaces")) {
            assertNotNull(install.setting(required), () -> example + " does not set " + required);
        }
        // The Lease identity and namespace come from the pod.
        assertEquals("fieldRef:metadata.name", install.env().get("POD_NAME"));
        assertEquals("fieldRef:metadata.namespace", install.env().get("POD_NAMESPACE"));
        assertNull(install.setting("--lease-namespace"), "the Lease lives in the pod's namespace, where its Role is");
        // The credentials files are in the mounted Secret, which the build does not contain.
        String mount = install.mountOf(install.volume(v -> v.path("secret").path("secretName").asText().equals(GIT_SECRET)));
        for (String file : List.of(GitCredentials.ENV_TOKEN_FILE, GitCredentials.ENV_SSH_KEY_FILE, GitCredentials.ENV_KNOWN_HOSTS_FILE)) {
            String value = install.env().get(file);
            if (value != null) assertTrue(value.startsWith(mount + "/"), () -> file + "=" + value + " is not in the Secret mounted at " + mount);
        }
        assertTrue(install.env().keySet().stream().anyMatch(n -> n.startsWith("FLINKOPS_GIT_")), example + " names no Git credentials file");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void probesPortsAndVolumesMatchTheAgent(String example) throws Exception {
        Install install = install(example);
        JsonNode c = install.container();
        int port = Integer.parseInt(install.setting("--http-port"));
        JsonNode http = null;
        for (JsonNode p : c.path("ports")) if (p.path("name").asText().equals("http")) http = p;
        assertNotNull(http, "a container port named http");
        assertEquals(port, http.path("containerPort").asInt(), "the container port is the agent's --http-port");
        // HealthServer: /healthz is live (a standby too), /readyz ready (a cycle completed, or standing by).
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = c.path(probe).path("httpGet");
            assertEquals(probe.equals("readinessProbe") ? "/readyz" : "/healthz", get.path("path").asText(), probe);
            assertEquals("http", get.path("port").asText(), probe);
        }
        assertTrue(c.path("startupProbe").path("failureThreshold").asInt() * c.path("startupProbe").path("periodSeconds").asInt() >= 60,
                "the startup probe gives the JVM at least a minute");
        // SIGTERM: the agent finishes its cycle for --shutdown-grace, then releases the Lease; the kubelet must wait longer.
        long grace = Main.duration(install.setting("--shutdown-grace"), "--shutdown-grace").toSeconds();
        long period = install.pod().path("spec").path("terminationGracePeriodSeconds").asLong(30);
        assertTrue(period >= grace + 5, "terminationGracePeriodSeconds " + period + " leaves the agent its --shutdown-grace " + grace + "s and the release");
        for (String r : List.of("requests/cpu", "requests/memory", "limits/memory")) {
            assertFalse(c.path("resources").at("/" + r).asText().isEmpty(), "resources." + r.replace('/', '.'));
        }
        // The root filesystem is read-only: the work directory and /tmp are emptyDirs.
        for (String dir : List.of(install.setting("--work-dir"), "/tmp")) {
            JsonNode volume = install.volumeMountedAt(dir);
            assertNotNull(volume, dir + " is not mounted");
            assertTrue(volume.has("emptyDir"), dir + " must be an emptyDir");
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theAgentPodMeetsTheRestrictedPodSecurityStandard(String example) throws Exception {
        Install install = install(example);
        JsonNode pod = install.pod().path("spec");
        JsonNode c = install.container();
        assertEquals("restricted", install.named("Namespace", null, install.namespace()).path("metadata").path("labels")
                .path("pod-security.kubernetes.io/enforce").asText(), "the agent's namespace enforces the restricted standard");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), "runAsNonRoot");
        assertNotEquals(0, pod.path("securityContext").path("runAsUser").asInt(0), "not root");
        String seccomp = c.path("securityContext").path("seccompProfile").path("type").asText(pod.path("securityContext").path("seccompProfile").path("type").asText());
        assertEquals("RuntimeDefault", seccomp);
        assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation: false");
        assertEquals("[\"ALL\"]", c.path("securityContext").path("capabilities").path("drop").toString());
        assertTrue(c.path("securityContext").path("capabilities").path("add").isMissingNode(), "no capability added");
        assertFalse(c.path("securityContext").path("privileged").asBoolean(false));
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem");
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) assertFalse(pod.path(host).asBoolean(false), host);
        for (JsonNode v : pod.path("volumes")) {
            assertTrue(v.has("emptyDir") || v.has("secret") || v.has("configMap") || v.has("projected"), "a volume type the standard allows: " + v);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void aPdbAndAMetricsServiceSelectTheAgentPods(String example) throws Exception {
        Install install = install(example);
        JsonNode podLabels = install.pod().path("metadata").path("labels");
        assertTrue(install.deployment().path("spec").path("replicas").asInt(1) >= 2, "a standby replica");
        JsonNode pdb = install.one("PodDisruptionBudget");
        assertEquals(install.namespace(), pdb.path("metadata").path("namespace").asText());
        assertTrue(selects(pdb.path("spec").path("selector").path("matchLabels"), podLabels), "the PDB selects the agent's pods");
        assertEquals(1, pdb.path("spec").path("maxUnavailable").asInt(), "one replica at a time, and a drain never blocks with one replica");
        JsonNode service = install.one("Service");
        assertEquals(install.namespace(), service.path("metadata").path("namespace").asText());
        assertTrue(selects(service.path("spec").path("selector"), podLabels), "the Service selects the agent's pods");
        JsonNode metrics = service.path("spec").path("ports").get(0);
        assertEquals("http-metrics", metrics.path("name").asText(), "the port the ServiceMonitor scrapes by name");
        assertEquals("http", metrics.path("targetPort").asText());
        assertTrue(service.path("spec").path("publishNotReadyAddresses").asBoolean(), "a replica is scraped before its first cycle completes");
        assertTrue(install.all("ServiceMonitor").isEmpty(), "the ServiceMonitor is opt-in: its CRD may be absent");
    }

    @Test
    void theServiceMonitorComponentScrapesTheMetricsService(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("monitored");
        Kustomize.write(dir, "resources: [%s]\ncomponents: [%s]\n"
                .formatted(Kustomize.from(dir, "examples/namespaced"), Kustomize.from(dir, "monitoring")));
        Install install = new Install("monitored", kustomize.build(dir));
        JsonNode monitor = install.one("ServiceMonitor");
        JsonNode service = install.one("Service");
        assertTrue(selects(monitor.path("spec").path("selector").path("matchLabels"), service.path("metadata").path("labels")),
                "the ServiceMonitor selects the Service");
        assertTrue(monitor.path("spec").path("namespaceSelector").path("matchNames").toString().contains("\"" + install.namespace() + "\""));
        assertEquals("http-metrics", monitor.path("spec").path("endpoints").get(0).path("port").asText());
        assertEquals("/metrics", monitor.path("spec").path("endpoints").get(0).path("path").asText());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) return false;
        for (var e : selector.properties()) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) return false;
        }
        return true;
    }

    /** The agent's options by every name (--repo-url...), from Main's picocli annotations. */
    static Map<String, CommandLine.Option> mainOptions() {
        Map<String, CommandLine.Option> out = new LinkedHashMap<>();
        for (Field f : Main.class.getDeclaredFields()) {
            CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
            if (o != null) for (String n : o.names()) out.put(n, o);
        }
        if (out.isEmpty()) throw new AssertionError("no picocli options found on Main");
        return out;
    }

    private static boolean negated(Map<String, CommandLine.Option> options, String flag) {
        if (!flag.startsWith("--no-")) return false;
        CommandLine.Option o = options.get("--" + flag.substring("--no-".length()));
        return o != null && o.negatable();
    }

    /** The variable of an option, as Main reads it: FLINKOPS_ and the longest name in upper case (--repo-url: FLINKOPS_REPO_URL). */
    static String envName(CommandLine.Option o) {
        String longest = Stream.of(o.names()).max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
        return "FLINKOPS_" + longest.replaceFirst("^--", "").toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** One complete install: the objects of one build, and the agent's Deployment in it. */
    record Install(String name, List<JsonNode> objects) {
        List<JsonNode> all(String kind) {
            return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        }

        JsonNode one(String kind) {
            List<JsonNode> all = all(kind);
            assertEquals(1, all.size(), () -> name + ": one " + kind + ", found " + all.size());
            return all.get(0);
        }

        JsonNode named(String kind, String namespace, String objectName) {
            for (JsonNode o : all(kind)) {
                if (o.path("metadata").path("name").asText().equals(objectName)
                        && (namespace == null || namespace.equals(o.path("metadata").path("namespace").asText()))) return o;
            }
            throw new AssertionError(name + " has no " + kind + " " + (namespace == null ? "" : namespace + "/") + objectName);
        }

        JsonNode deployment() {
            return one("Deployment");
        }

        String namespace() {
            return deployment().path("metadata").path("namespace").asText();
        }

        JsonNode pod() {
            return deployment().path("spec").path("template");
        }

        JsonNode container() {
            JsonNode containers = pod().path("spec").path("containers");
            assertEquals(1, containers.size(), "one container");
            return containers.get(0);
        }

        /** The ServiceAccount the pod runs as, which the build must contain. */
        Rbac.Subject agent() {
            String sa = pod().path("spec").path("serviceAccountName").asText();
            named("ServiceAccount", namespace(), sa);
            return new Rbac.Subject(namespace(), sa);
        }

        List<String> args() {
            List<String> out = new ArrayList<>();
            container().path("args").forEach(a -> out.add(a.asText()));
            assertTrue(container().path("command").isMissingNode(), "the image's entrypoint runs the agent");
            return out;
        }

        /** The container's environment: the config maps of envFrom, overridden by env; a valueFrom as "fieldRef:path". */
        Map<String, String> env() {
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonNode from : container().path("envFrom")) {
                String cm = from.path("configMapRef").path("name").asText();
                assertFalse(cm.isEmpty(), "envFrom only from config maps (the Secret is mounted as files): " + from);
                named("ConfigMap", namespace(), cm).path("data").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            }
            for (JsonNode e : container().path("env")) {
                String value = e.has("valueFrom") ? "fieldRef:" + e.path("valueFrom").path("fieldRef").path("fieldPath").asText() : e.path("value").asText();
                out.put(e.path("name").asText(), value);
            }
            return out;
        }

        /** An option's value as the agent resolves it: the command line, then its variable, then its default; null if none. */
        String setting(String option) {
            CommandLine.Option o = mainOptions().get(option);
            assertNotNull(o, "Main has no option " + option);
            for (String a : args()) {
                if (a.startsWith(option + "=")) return a.substring(option.length() + 1);
            }
            String env = env().get(envName(o));
            if (env != null) return env;
            return o.defaultValue().equals(NO_DEFAULT) ? null : o.defaultValue();
        }

        List<String> allowedNamespaces() {
            String v = setting("--allowed-namespaces");
            return v == null ? List.of() : Stream.of(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        String leaseName() {
            String v = setting("--lease-name");
            return v != null ? v : "flinkops-agent-" + setting("--cluster");
        }

        JsonNode volume(java.util.function.Predicate<JsonNode> which) {
            for (JsonNode v : pod().path("spec").path("volumes")) if (which.test(v)) return v;
            throw new AssertionError(name + ": no such volume");
        }

        String mountOf(JsonNode volume) {
            for (JsonNode m : container().path("volumeMounts")) {
                if (m.path("name").asText().equals(volume.path("name").asText())) return m.path("mountPath").asText();
            }
            throw new AssertionError(name + ": volume " + volume.path("name").asText() + " is not mounted");
        }

        JsonNode volumeMountedAt(String path) {
            for (JsonNode m : container().path("volumeMounts")) {
                if (m.path("mountPath").asText().equals(path)) return volume(v -> v.path("name").asText().equals(m.path("name").asText()));
            }
            return null;
        }
    }
}
