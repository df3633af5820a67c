package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Code;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.render.pods.PodAdditions;
import io.flinkops.render.pods.PodTemplateSet;
import io.flinkops.render.pods.PodTemplates;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.JsonPointers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * FO901–FO910: the rendered pod templates meet the Pod Security Standard that flinkops.yaml sets
 * ({@code spec.policy.podSecurity}: privileged, baseline (default) or restricted).
 *
 * <p>The checks follow the Kubernetes Pod Security Admission controller ({@code k8s.io/pod-security-admission},
 * policy version v1.32 and the stricter checks added since), without the relaxations for user-namespaced pods
 * ({@code hostUsers: false}, v1.35), so a pod that passes here passes admission on every current cluster. They
 * run over what will actually run: the templates {@link PodTemplates} renders (all containers: main, sidecars,
 * init and ephemeral containers; {@code flink-main-container} counts even when a template does not list it,
 * since Flink adds it), plus {@code kubernetes.hostnetwork.enabled}, from which Flink sets the pods'
 * {@code hostNetwork}. What Flink and the operator add themselves (ConfigMap volumes, container ports without
 * host ports, a startup probe without host) passes every level, as do the additions of the Flink mapping
 * (environment variables, ConfigMap and Secret volumes).
 *
 * <p>Every violation is reported at the value that causes it, in the file that wrote it (a defaults file, the
 * Deployment, the SessionCluster). A setting that is required but missing is reported where it should be added,
 * with a hint saying what to add.
 */
public final class PodSecurityRules implements Rule {

    /** The Pod Security Standards levels; each includes the checks of the ones before. */
    enum Level {
        PRIVILEGED, BASELINE, RESTRICTED;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Level of(String value) {
            for (Level l : values()) {
                if (l.id().equals(value)) return l;
            }
            return BASELINE; // the schema allows only the three names; the default is baseline
        }
    }

    /** Capabilities a container may add at the baseline level (the runtime's default set, without NET_RAW). */
    static final Set<String> BASELINE_CAPABILITIES = new TreeSet<>(List.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE",
            "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"));
    /** Namespaced sysctls that are safe (the v1.32 set). */
    static final Set<String> SAFE_SYSCTLS = new TreeSet<>(List.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ping_group_range",
            "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
            "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_rmem", "net.ipv4.tcp_syncookies", "net.ipv4.tcp_wmem"));
    static final Set<String> SELINUX_TYPES = new TreeSet<>(List.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t"));
    /** Volume types the restricted level allows. */
    static final Set<String> RESTRICTED_VOLUME_TYPES = new TreeSet<>(List.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"));
    static final Set<String> SECURE_PROFILE_TYPES = Set.of("RuntimeDefault", "Localhost");
    static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
    static final String HOST_NETWORK_OPTION = "kubernetes.hostnetwork.enabled";
    static final List<String> ANNOTATION_OPTIONS = List.of("kubernetes.jobmanager.annotations", "kubernetes.taskmanager.annotations");

    /** The container security context that satisfies the restricted level with the official Flink image. */
    static final String RESTRICTED_CONTEXT = "`securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, "
            + "runAsNonRoot: true, runAsUser: 9999, seccompProfile: {type: RuntimeDefault}}`";
    private static final String FLINK_USER = "with the official Flink image, which starts as root, also `runAsUser: 9999` (its `flink` user)";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.POD_SECURITY_PRIVILEGED, Code.POD_SECURITY_HOST_NAMESPACES, Code.POD_SECURITY_HOST_PATH,
                Code.POD_SECURITY_HOST_PORTS, Code.POD_SECURITY_CAPABILITIES, Code.POD_SECURITY_PROFILES,
                Code.POD_SECURITY_KERNEL, Code.POD_SECURITY_VOLUME_TYPES, Code.POD_SECURITY_PRIVILEGE_ESCALATION,
                Code.POD_SECURITY_RUN_AS_ROOT);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        Level level = Level.of(repo.settings().podSecurity());
        if (level == Level.PRIVILEGED) return;
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (!d.isTyped() || d.spec().sessionClusterName() != null) continue; // a session job has no pods of its own
                new Check(context, level, d, KubernetesSection.DEPLOYMENT, Pointers.DEPLOYMENT_FLINK_CONFIGURATION)
                        .run(d.spec().templateSpec().kubernetes(), d.spec().templateSpec().flinkConfigurationOrEmpty());
            }
            for (Resolved<SessionClusterSpec> s : ns.sessionClusters().values()) {
                if (!s.isTyped()) continue;
                new Check(context, level, s, KubernetesSection.SESSION_CLUSTER, Pointers.SESSION_CLUSTER_FLINK_CONFIGURATION)
                        .run(s.spec().kubernetes(), s.spec().flinkConfigurationOrEmpty());
            }
        }
    }

    /** Where a rendered pod template comes from. */
    private enum Kind {
        /** a user's pod template, rendered as written */
        TEMPLATE,
        /** {@code kubernetes.pods}, for both roles */
        PODS,
        /** nothing: neither {@code pods} nor a template (for both roles) */
        NONE,
        /** the pod templates are used, but this role has none */
        MISSING_ROLE
    }

    /**
     * One rendered pod template to check.
     *
     * @param field  the template field (TEMPLATE, MISSING_ROLE)
     * @param origin rendered pointer → pointer of the source value in the resource (which may not exist yet)
     */
    private record Unit(Kind kind, String field, JsonNode pod, UnaryOperator<String> origin) {

        /** "of `jobManagerPodTemplate`", "of the TaskManager pods (no `taskManagerPodTemplate`)", … */
        String of() {
            return switch (kind) {
                case TEMPLATE -> "of `" + field + "`";
                case PODS -> "of the Flink pods (`kubernetes.pods`)";
                case NONE -> "of the JobManager and TaskManager pods";
                case MISSING_ROLE -> "of the " + role() + " pods (no `" + field + "`)";
            };
        }

        String role() {
            return field.equals(PodTemplates.JOB_MANAGER_TEMPLATE) ? "JobManager" : "TaskManager";
        }

        /** The pod-level settings' owner: "`jobManagerPodTemplate`" or "`kubernetes.pods`". */
        String owner() {
            return kind == Kind.PODS ? "`kubernetes.pods`" : "`" + field + "`";
        }

        /** Where pod-level security settings are written: "`jobManagerPodTemplate.spec.securityContext`", … */
        String podSecurityContext() {
            return kind == Kind.PODS ? "`kubernetes.pods.securityContext`" : "`" + field + ".spec.securityContext`";
        }

        /** How to get the restricted container settings onto a container that cannot get them here. */
        String addRestrictedContext() {
            return switch (kind) {
                case TEMPLATE -> "Add `" + PodTemplates.MAIN_CONTAINER + "` to `" + field + ".spec.containers` with " + RESTRICTED_CONTEXT + ".";
                case PODS -> "`kubernetes.pods` cannot set container settings: replace it with `jobManagerPodTemplate` and "
                        + "`taskManagerPodTemplate` whose `" + PodTemplates.MAIN_CONTAINER + "` has " + RESTRICTED_CONTEXT + ".";
                case NONE -> "Add `jobManagerPodTemplate` and `taskManagerPodTemplate` whose `" + PodTemplates.MAIN_CONTAINER
                        + "` has " + RESTRICTED_CONTEXT + ".";
                case MISSING_ROLE -> "Add `" + field + "` whose `" + PodTemplates.MAIN_CONTAINER + "` has " + RESTRICTED_CONTEXT + ".";
            };
        }
    }

    /** A container of a rendered pod; {@code listed}: false for a main container that Flink adds. */
    private record Container(String pointer, String list, String name, JsonNode node, boolean listed) {

        String securityContext() {
            return pointer + "/securityContext";
        }
    }

    /** The checks of one resource (a Deployment in application mode or a SessionCluster). */
    private static final class Check {
        private final RuleContext context;
        private final Level level;
        private final Resolved<?> resource;
        private final String base;
        private final String configBase;

        Check(RuleContext context, Level level, Resolved<?> resource, String base, String configBase) {
            this.context = context;
            this.level = level;
            this.resource = resource;
            this.base = base;
            this.configBase = configBase;
        }

        void run(KubernetesSpec kubernetes, Map<String, String> flinkConfiguration) {
            flinkConfiguration(flinkConfiguration);
            for (Unit unit : units(kubernetes)) pod(unit);
        }

        // ---- what will run

        private List<Unit> units(KubernetesSpec kubernetes) {
            boolean podsSet = kubernetes != null && PodTemplates.isSet(kubernetes.pods());
            boolean templates = kubernetes != null
                    && (kubernetes.jobManagerPodTemplate() instanceof ObjectNode || kubernetes.taskManagerPodTemplate() instanceof ObjectNode);
            if (podsSet && templates) return List.of(); // FO801: nothing is rendered until one of them goes
            PodTemplateSet set = PodTemplates.build(kubernetes, PodAdditions.NONE);
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            List<Unit> units = new ArrayList<>();
            if (templates) {
                for (String field : List.of(PodTemplates.JOB_MANAGER_TEMPLATE, PodTemplates.TASK_MANAGER_TEMPLATE)) {
                    ObjectNode template = field.equals(PodTemplates.JOB_MANAGER_TEMPLATE) ? set.jobManager() : set.taskManager();
                    String at = base + "/" + field;
                    units.add(template != null
                            ? new Unit(Kind.TEMPLATE, field, template, p -> at + p)
                            : new Unit(Kind.MISSING_ROLE, field, empty, p -> at));
                }
            } else if (podsSet) {
                KubernetesSpec.Pods pods = kubernetes.pods();
                units.add(new Unit(Kind.PODS, null, set.common(), p -> base + PodTemplates.podsSource(pods, p)));
            } else {
                units.add(new Unit(Kind.NONE, null, empty, p -> base));
            }
            return units;
        }

        private void flinkConfiguration(Map<String, String> config) {
            String hostNetwork = config.get(HOST_NETWORK_OPTION);
            if (hostNetwork != null && hostNetwork.strip().equalsIgnoreCase("true")) {
                context.report(Code.POD_SECURITY_HOST_NAMESPACES, resource, JsonPointers.append(configBase, HOST_NETWORK_OPTION),
                        "`" + HOST_NETWORK_OPTION + ": true` runs the JobManager and TaskManager pods in the node's network namespace"
                                + forbids() + ".",
                        "Remove `" + HOST_NETWORK_OPTION + "` (it defaults to false) and reach Flink through its Kubernetes services.");
            }
            for (String option : ANNOTATION_OPTIONS) {
                String value = config.get(option);
                if (value == null) continue;
                for (String pair : value.split(",")) {
                    int colon = pair.indexOf(':');
                    if (colon < 0) continue;
                    String key = pair.substring(0, colon).strip();
                    String profile = pair.substring(colon + 1).strip();
                    if (key.startsWith(APPARMOR_ANNOTATION) && !allowedAppArmorAnnotation(profile)) {
                        context.report(Code.POD_SECURITY_PROFILES, resource, JsonPointers.append(configBase, option),
                                "`" + option + "` gives the pods the annotation `" + key + ": " + profile + "`, an AppArmor profile"
                                        + " that Pod Security level `" + level.id() + "` forbids.",
                                "Use `runtime/default` or `localhost/<profile>`, or remove the annotation.");
                    }
                }
            }
        }

        // ---- one pod

        private void pod(Unit unit) {
            JsonNode spec = unit.pod().path("spec");
            JsonNode podContext = spec.path("securityContext");
            boolean windows = "windows".equals(spec.path("os").path("name").asText());

            // baseline
            for (String namespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (isTrue(spec.path(namespace))) {
                    String what = switch (namespace) {
                        case "hostNetwork" -> "network";
                        case "hostPID" -> "process";
                        default -> "IPC";
                    };
                    report(unit, Code.POD_SECURITY_HOST_NAMESPACES, "/spec/" + namespace,
                            unit.owner() + " sets `" + namespace + ": true`, sharing the node's " + what + " namespace" + forbids() + ".",
                            namespace.equals("hostNetwork")
                                    ? "Remove it; Flink sets the pods' `hostNetwork` from `" + HOST_NETWORK_OPTION + "` and overrides this value anyway."
                                    : "Remove `" + namespace + "`.");
                }
            }
            if (isTrue(podContext.path("windowsOptions").path("hostProcess"))) {
                report(unit, Code.POD_SECURITY_PRIVILEGED, "/spec/securityContext/windowsOptions/hostProcess",
                        unit.podSecurityContext() + " makes every container a Windows HostProcess container (`windowsOptions.hostProcess: true`)" + forbids() + ".",
                        "Remove `hostProcess: true`.");
            }
            profiles(unit, "/spec/securityContext", podContext, unit.podSecurityContext());
            List<JsonNode> sysctls = items(podContext.path("sysctls"));
            for (int i = 0; i < sysctls.size(); i++) {
                String name = sysctls.get(i).path("name").asText("");
                if (!SAFE_SYSCTLS.contains(name)) {
                    report(unit, Code.POD_SECURITY_KERNEL, "/spec/securityContext/sysctls/" + i + "/name",
                            unit.podSecurityContext() + " sets the sysctl `" + name + "`, which is not in the safe set" + allows() + ".",
                            "Remove it; the safe sysctls are " + String.join(", ", SAFE_SYSCTLS) + ".");
                }
            }
            volumes(unit, spec.path("volumes"));
            JsonNode annotations = unit.pod().path("metadata").path("annotations");
            for (Map.Entry<String, JsonNode> e : annotations.properties()) {
                if (e.getKey().startsWith(APPARMOR_ANNOTATION) && !allowedAppArmorAnnotation(e.getValue().asText())) {
                    report(unit, Code.POD_SECURITY_PROFILES, JsonPointers.append("/metadata/annotations", e.getKey()),
                            "The annotation `" + e.getKey() + ": " + e.getValue().asText() + "` " + unit.of()
                                    + " selects an AppArmor profile that Pod Security level `" + level.id() + "` forbids.",
                            "Use `runtime/default` or `localhost/<profile>`, or remove the annotation.");
                }
            }

            // restricted, pod level
            if (level == Level.RESTRICTED) {
                if (isFalse(podContext.path("runAsNonRoot"))) {
                    report(unit, Code.POD_SECURITY_RUN_AS_ROOT, "/spec/securityContext/runAsNonRoot",
                            unit.podSecurityContext() + " sets `runAsNonRoot: false`" + forbids() + ".",
                            "Set `runAsNonRoot: true`; " + FLINK_USER + ".");
                }
                if (isZero(podContext.path("runAsUser"))) {
                    report(unit, Code.POD_SECURITY_RUN_AS_ROOT, "/spec/securityContext/runAsUser",
                            unit.podSecurityContext() + " runs the containers as root (`runAsUser: 0`)" + forbids() + ".",
                            "Run as a non-root user, e.g. `runAsUser: 9999` (the `flink` user of the official Flink image).");
                }
            }

            List<Container> containers = containers(unit, spec);
            List<String> mayRunAsRoot = new ArrayList<>();
            List<String> noSeccomp = new ArrayList<>();
            for (Container c : containers) {
                container(unit, c, windows);
                if (level != Level.RESTRICTED) continue;
                JsonNode sc = c.node().path("securityContext");
                if (!sc.path("runAsNonRoot").isBoolean() && !isTrue(podContext.path("runAsNonRoot"))) mayRunAsRoot.add(c.name());
                if (!sc.path("seccompProfile").path("type").isTextual() && !secureProfile(podContext.path("seccompProfile").path("type"))) {
                    noSeccomp.add(c.name());
                }
            }
            if (!mayRunAsRoot.isEmpty() && !isFalse(podContext.path("runAsNonRoot"))) {
                report(unit, Code.POD_SECURITY_RUN_AS_ROOT, "/spec/securityContext/runAsNonRoot",
                        containersOf(unit, mayRunAsRoot) + " may run as root: neither " + (mayRunAsRoot.size() == 1 ? "it" : "they")
                                + " nor the pod set `runAsNonRoot: true`" + requires() + ".",
                        podLevelHint(unit, "`runAsNonRoot: true`", "; " + FLINK_USER));
            }
            if (!noSeccomp.isEmpty() && !podContext.path("seccompProfile").path("type").isTextual()) {
                report(unit, Code.POD_SECURITY_PROFILES, "/spec/securityContext/seccompProfile",
                        containersOf(unit, noSeccomp) + " " + (noSeccomp.size() == 1 ? "has" : "have")
                                + " no seccomp profile: neither " + (noSeccomp.size() == 1 ? "it" : "they")
                                + " nor the pod set `seccompProfile.type` to `RuntimeDefault` or `Localhost`" + requires() + ".",
                        podLevelHint(unit, "`seccompProfile: {type: RuntimeDefault}`", ""));
            }
        }

        private String podLevelHint(Unit unit, String setting, String more) {
            return switch (unit.kind()) {
                case TEMPLATE, PODS -> "Add " + setting + " to " + unit.podSecurityContext() + more + ".";
                default -> unit.addRestrictedContext();
            };
        }

        private void volumes(Unit unit, JsonNode list) {
            List<JsonNode> volumes = items(list);
            for (int i = 0; i < volumes.size(); i++) {
                JsonNode volume = volumes.get(i);
                String name = volume.path("name").asText("");
                String at = "/spec/volumes/" + i;
                if (volume.has("hostPath")) {
                    report(unit, Code.POD_SECURITY_HOST_PATH, at + "/hostPath",
                            "Volume `" + name + "` " + unit.of() + " is a `hostPath` volume"
                                    + (volume.path("hostPath").path("path").isTextual() ? " (`" + volume.path("hostPath").path("path").asText() + "`)" : "")
                                    + ", giving the pod the node's file system" + forbids() + ".",
                            "Use a `persistentVolumeClaim`, `emptyDir`, `configMap` or `secret` volume instead.");
                    continue;
                }
                if (level != Level.RESTRICTED) continue;
                for (Map.Entry<String, JsonNode> e : volume.properties()) {
                    String type = e.getKey();
                    if (type.equals("name") || RESTRICTED_VOLUME_TYPES.contains(type)) continue;
                    report(unit, Code.POD_SECURITY_VOLUME_TYPES, at + "/" + JsonPointers.escape(type),
                            "Volume `" + name + "` " + unit.of() + " has the type `" + type + "`, which Pod Security level `" + level.id() + "` does not allow.",
                            "Use one of " + String.join(", ", RESTRICTED_VOLUME_TYPES)
                                    + "; network storage can be mounted through a PersistentVolume and a `persistentVolumeClaim`.");
                }
            }
        }

        // ---- one container

        private List<Container> containers(Unit unit, JsonNode spec) {
            List<Container> out = new ArrayList<>();
            boolean main = false;
            for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
                List<JsonNode> containers = items(spec.path(list));
                for (int i = 0; i < containers.size(); i++) {
                    String name = containers.get(i).path("name").asText("");
                    if (list.equals("containers") && name.equals(PodTemplates.MAIN_CONTAINER)) main = true;
                    out.add(new Container("/spec/" + list + "/" + i, list, name, containers.get(i), true));
                }
            }
            if (!main) {
                // Flink adds the main container with what it needs (image, resources, ports, env), no security settings
                out.add(0, new Container("/spec/containers/" + items(spec.path("containers")).size(), "containers", PodTemplates.MAIN_CONTAINER,
                        JsonNodeFactory.instance.objectNode(), false));
            }
            return out;
        }

        private void container(Unit unit, Container c, boolean windows) {
            JsonNode sc = c.node().path("securityContext");
            String who = describe(unit, c);
            String at = c.securityContext();
            if (isTrue(sc.path("privileged"))) {
                report(unit, Code.POD_SECURITY_PRIVILEGED, at + "/privileged",
                        who + " is privileged (`privileged: true`), with full access to the node" + forbids() + ".",
                        "Remove `privileged: true`; if the container needs a specific capability, add only that one.");
            }
            if (isTrue(sc.path("windowsOptions").path("hostProcess"))) {
                report(unit, Code.POD_SECURITY_PRIVILEGED, at + "/windowsOptions/hostProcess",
                        who + " is a Windows HostProcess container (`windowsOptions.hostProcess: true`)" + forbids() + ".",
                        "Remove `hostProcess: true`.");
            }
            List<JsonNode> add = items(sc.path("capabilities").path("add"));
            for (int i = 0; i < add.size(); i++) {
                String capability = add.get(i).asText();
                boolean allowed = level == Level.RESTRICTED ? capability.equals("NET_BIND_SERVICE") : BASELINE_CAPABILITIES.contains(capability);
                if (allowed || (level == Level.RESTRICTED && windows)) continue;
                report(unit, Code.POD_SECURITY_CAPABILITIES, at + "/capabilities/add/" + i,
                        who + " adds the capability `" + capability + "`" + forbids() + ".",
                        level == Level.RESTRICTED
                                ? "Remove it; at this level a container may add only NET_BIND_SERVICE."
                                : "Remove it; at this level a container may add only " + String.join(", ", BASELINE_CAPABILITIES) + ".");
            }
            List<JsonNode> ports = items(c.node().path("ports"));
            for (int i = 0; i < ports.size(); i++) {
                JsonNode hostPort = ports.get(i).path("hostPort");
                if (hostPort.isNumber() && hostPort.asLong() != 0) {
                    report(unit, Code.POD_SECURITY_HOST_PORTS, c.pointer() + "/ports/" + i + "/hostPort",
                            who + " opens the port " + hostPort.asText() + " on the node (`hostPort`)" + forbids() + ".",
                            "Remove `hostPort`; reach the port through a Kubernetes Service instead.");
                }
            }
            for (String handler : List.of("livenessProbe", "readinessProbe", "startupProbe", "lifecycle/postStart", "lifecycle/preStop")) {
                for (String action : List.of("httpGet", "tcpSocket")) {
                    JsonNode host = c.node().at("/" + handler + "/" + action + "/host");
                    if (host.isTextual() && !host.asText().isEmpty()) {
                        report(unit, Code.POD_SECURITY_HOST_PORTS, c.pointer() + "/" + handler + "/" + action + "/host",
                                who + " sends its `" + handler.replace('/', '.') + "` to the host `" + host.asText() + "`" + forbids() + ".",
                                "Remove `host`; the kubelet then checks the pod's own IP address.");
                    }
                }
            }
            profiles(unit, at, sc, who);
            JsonNode procMount = sc.path("procMount");
            if (procMount.isTextual() && !procMount.asText().equals("Default")) {
                report(unit, Code.POD_SECURITY_KERNEL, at + "/procMount",
                        who + " sets `procMount: " + procMount.asText() + "`, unmasking `/proc`" + forbids() + ".",
                        "Remove `procMount` (or set it to `Default`).");
            }

            if (level != Level.RESTRICTED) return;
            if (!windows && !isFalse(sc.path("allowPrivilegeEscalation"))) {
                if (isTrue(sc.path("allowPrivilegeEscalation"))) {
                    report(unit, Code.POD_SECURITY_PRIVILEGE_ESCALATION, at + "/allowPrivilegeEscalation",
                            who + " sets `allowPrivilegeEscalation: true`" + forbids() + ".", "Set `allowPrivilegeEscalation: false`.");
                } else {
                    reportMissing(unit, c, Code.POD_SECURITY_PRIVILEGE_ESCALATION, at + "/allowPrivilegeEscalation",
                            who + " does not set `allowPrivilegeEscalation: false`" + requires() + ".",
                            "Add `allowPrivilegeEscalation: false` to its `securityContext`.");
                }
            }
            if (!windows && !contains(sc.path("capabilities").path("drop"), "ALL")) {
                reportMissing(unit, c, Code.POD_SECURITY_CAPABILITIES, at + "/capabilities/drop",
                        who + " does not drop all capabilities (`capabilities: {drop: [ALL]}`)" + requires() + ".",
                        "Add `capabilities: {drop: [ALL]}` to its `securityContext`.");
            }
            if (isFalse(sc.path("runAsNonRoot"))) {
                report(unit, Code.POD_SECURITY_RUN_AS_ROOT, at + "/runAsNonRoot",
                        who + " sets `runAsNonRoot: false`" + forbids() + ".", "Set `runAsNonRoot: true`; " + FLINK_USER + ".");
            }
            if (isZero(sc.path("runAsUser"))) {
                report(unit, Code.POD_SECURITY_RUN_AS_ROOT, at + "/runAsUser",
                        who + " runs as root (`runAsUser: 0`)" + forbids() + ".",
                        "Run as a non-root user, e.g. `runAsUser: 9999` (the `flink` user of the official Flink image).");
            }
        }

        /** AppArmor, SELinux and seccomp settings of a pod or container security context. */
        private void profiles(Unit unit, String at, JsonNode sc, String who) {
            JsonNode appArmor = sc.path("appArmorProfile").path("type");
            if (appArmor.isTextual() && !SECURE_PROFILE_TYPES.contains(appArmor.asText())) {
                report(unit, Code.POD_SECURITY_PROFILES, at + "/appArmorProfile/type",
                        who + " sets the AppArmor profile type `" + appArmor.asText() + "`" + forbids() + ".",
                        "Use `RuntimeDefault` or `Localhost`, or remove `appArmorProfile`.");
            }
            JsonNode seLinux = sc.path("seLinuxOptions");
            if (seLinux.path("type").isTextual() && !seLinux.path("type").asText().isEmpty() && !SELINUX_TYPES.contains(seLinux.path("type").asText())) {
                report(unit, Code.POD_SECURITY_PROFILES, at + "/seLinuxOptions/type",
                        who + " sets the SELinux type `" + seLinux.path("type").asText() + "`" + forbids() + ".",
                        "Use " + String.join(", ", SELINUX_TYPES) + ", or remove `seLinuxOptions.type`.");
            }
            for (String field : List.of("user", "role")) {
                if (seLinux.path(field).isTextual() && !seLinux.path(field).asText().isEmpty()) {
                    report(unit, Code.POD_SECURITY_PROFILES, at + "/seLinuxOptions/" + field,
                            who + " sets a custom SELinux " + field + " (`" + seLinux.path(field).asText() + "`)" + forbids() + ".",
                            "Remove `seLinuxOptions." + field + "`.");
                }
            }
            JsonNode seccomp = sc.path("seccompProfile").path("type");
            if (seccomp.isTextual() && !SECURE_PROFILE_TYPES.contains(seccomp.asText())) {
                report(unit, Code.POD_SECURITY_PROFILES, at + "/seccompProfile/type",
                        who + " sets the seccomp profile type `" + seccomp.asText() + "`" + forbids() + ".",
                        "Use `RuntimeDefault` (or `Localhost` with a profile installed on the nodes).");
            }
        }

        // ---- wording

        private String describe(Unit unit, Container c) {
            String kind = switch (c.list()) {
                case "initContainers" -> "Init container";
                case "ephemeralContainers" -> "Ephemeral container";
                default -> "Container";
            };
            if (unit.kind() == Kind.TEMPLATE && !c.listed()) {
                return kind + " `" + c.name() + "` of the " + unit.role() + " pods (Flink adds it; `" + unit.field() + "` does not list it)";
            }
            return kind + " `" + c.name() + "` " + unit.of();
        }

        private static String containersOf(Unit unit, List<String> names) {
            List<String> quoted = names.stream().map(n -> "`" + n + "`").toList();
            return (names.size() == 1 ? "Container " : "Containers ") + String.join(", ", quoted) + " " + unit.of();
        }

        private String forbids() {
            return ", which Pod Security level `" + level.id() + "` forbids";
        }

        private String requires() {
            return ", which Pod Security level `" + level.id() + "` requires";
        }

        private String allows() {
            return " that Pod Security level `" + level.id() + "` allows";
        }

        // ---- reporting

        /** A present value: reported where it is written. */
        private void report(Unit unit, Code code, String renderedPointer, String message, String hint) {
            context.report(code, resource, unit.origin().apply(renderedPointer), message, hint);
        }

        /** A missing container setting: where to add it, or how, when this container cannot get it here. */
        private void reportMissing(Unit unit, Container c, Code code, String renderedPointer, String message, String hint) {
            boolean canAdd = unit.kind() == Kind.TEMPLATE && c.listed();
            String pointer = unit.kind() == Kind.TEMPLATE && !c.listed() ? "/spec/containers" : renderedPointer;
            report(unit, code, pointer, message, canAdd ? hint : unit.addRestrictedContext());
        }
    }

    // ---- values

    private static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    private static boolean isFalse(JsonNode node) {
        return node.isBoolean() && !node.booleanValue();
    }

    private static boolean isZero(JsonNode node) {
        return node.isIntegralNumber() && node.asLong() == 0;
    }

    private static boolean secureProfile(JsonNode type) {
        return type.isTextual() && SECURE_PROFILE_TYPES.contains(type.asText());
    }

    /** The elements of a list, or none when the value is not a list (FO802 reports that). */
    private static List<JsonNode> items(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list.isArray()) list.forEach(out::add);
        return out;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : items(list)) {
            if (item.isTextual() && item.asText().equals(value)) return true;
        }
        return false;
    }

    private static boolean allowedAppArmorAnnotation(String profile) {
        return profile.isEmpty() || profile.equals("runtime/default") || profile.startsWith("localhost/");
    }
}
