package io.flinkops.operatorchecks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.config.FlinkConfigManager;
import org.apache.flink.kubernetes.operator.utils.ValidatorUtils;
import org.apache.flink.kubernetes.operator.validation.FlinkResourceValidator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Apache Flink Kubernetes Operator's admission check, run on the objects flinkops emits.
 *
 * <p>The validators are built as the operator's webhook builds them ({@code new FlinkConfigManager(conf)},
 * then {@code ValidatorUtils.discoverValidators}), from operator 1.7.0, the newest operator release on Maven
 * Central. flinkops targets operator 1.15, so each object is first mapped to what 1.7.0 can read, and the
 * 1.15 behaviour that 1.7.0 lacks or gets wrong is emulated ({@link #mapDeployment}, {@link #mapSessionJob};
 * docs/operator-compatibility.md lists every step and gap).
 */
final class OperatorAdmission {

    /**
     * The operator configuration the validator judges with: what a stock 1.15.0 Helm install runs with
     * (helm/flink-kubernetes-operator/conf/flink-conf.yaml plus the chart's values.yaml overrides), without
     * the per-version {@code env.java.opts} entries, which no check reads. Notably it sets no HA and no
     * state directories, so an emitted object must bring its own.
     */
    static final Map<String, String> OPERATOR_DEFAULTS = Map.of(
            "taskmanager.numberOfTaskSlots", "1",
            "parallelism.default", "1",
            "kubernetes.operator.metrics.reporter.slf4j.factory.class", "org.apache.flink.metrics.slf4j.Slf4jReporterFactory",
            "kubernetes.operator.metrics.reporter.slf4j.interval", "5 MINUTE",
            "kubernetes.operator.reconcile.interval", "15 s",
            "kubernetes.operator.observer.progress-check.interval", "5 s");

    /** The newest {@code flinkVersion} operator 1.7.0 knows; newer versions are judged as this one. */
    static final String NEWEST_KNOWN_VERSION = "v1_19";
    /** The oldest version operator 1.9+ supports (1.7.0 lacks this check; emulated). */
    static final String OLDEST_SUPPORTED_VERSION = "v1_15";

    /**
     * Flink 1.20 renamed the state directory options; operator 1.7.0 (Flink 1.17) reads only the old names.
     * For objects of Flink 1.20 and newer the new name is copied to the old one (the new name wins in Flink).
     */
    static final Map<String, String> RENAMED_KEYS = new LinkedHashMap<>();

    static {
        RENAMED_KEYS.put("execution.checkpointing.dir", "state.checkpoints.dir");
        RENAMED_KEYS.put("execution.checkpointing.savepoint-dir", "state.savepoints.dir");
    }

    /** Spec fields of the 1.15 CRDs that the 1.7.0 model lacks; none is read by any admission check of 1.15. */
    static final List<String> FIELDS_UNKNOWN_TO_1_7 = List.of(
            "/spec/job/savepointRedeployNonce",   // 1.8; checked only on update (row 25)
            "/spec/job/autoscalerResetNonce",     // 1.11
            "/spec/ingress/labels",               // 1.8
            "/spec/ingress/tls");                 // 1.8

    private static final Pattern VERSION = Pattern.compile("v(\\d+)_(\\d+)");
    private static final Comparator<String> BY_VERSION = Comparator
            .comparingInt((String v) -> versionPart(v, 1)).thenComparingInt(v -> versionPart(v, 2));

    /**
     * Maps into the operator's model and fails on any field the model does not have: the model classes say
     * {@code @JsonIgnoreProperties(ignoreUnknown = true)}, which would let a misspelt or too-new field pass
     * unseen (fabric8 objects such as the pod template keep unknown fields in {@code additionalProperties}).
     */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
            });

    /** Operator 1.15's allowlist of session-job jar schemes, {@code ;}-separated (a Flink list); default {@code https}. */
    static final String ALLOWED_SCHEMES = "kubernetes.operator.user.artifacts.allowed-schemes";
    /** Operator 1.15: whether session-job jars on restricted hosts are refused; default true. */
    static final String DISALLOW_RESTRICTED_HOSTS = "kubernetes.operator.user.artifacts.disallow-restricted-hosts";

    private final Set<FlinkResourceValidator> validators;
    private final Map<String, String> operatorConfiguration;

    OperatorAdmission() {
        this(OPERATOR_DEFAULTS);
    }

    OperatorAdmission(Map<String, String> operatorConfiguration) {
        this.operatorConfiguration = Map.copyOf(operatorConfiguration);
        validators = ValidatorUtils.discoverValidators(new FlinkConfigManager(Configuration.fromMap(operatorConfiguration)));
        if (validators.isEmpty()) throw new IllegalStateException("no admission validator discovered");
    }

    /** The discovered validators' class names (the DefaultValidator, plus plugins if any). */
    List<String> validatorNames() {
        return validators.stream().map(v -> v.getClass().getName()).sorted().toList();
    }

    /**
     * The verdict on one object.
     *
     * @param error       the first rejection (the webhook reports only one), empty when admitted
     * @param mapped      the object as the 1.7.0 validator saw it
     * @param adjustments what was changed to make it readable for 1.7.0, for the failure message
     */
    record Verdict(Optional<String> error, JsonNode mapped, List<String> adjustments, boolean emulated) {
        Verdict(Optional<String> error, JsonNode mapped, List<String> adjustments) {
            this(error, mapped, adjustments, false);
        }

        static Verdict rejected(String error, JsonNode mapped, List<String> adjustments) {
            return new Verdict(Optional.of(error), mapped, adjustments, false);
        }

        /** The verdict of a 1.15 check emulated here (the 1.7.0 validators admitted the object). */
        static Verdict emulated(Optional<String> error, JsonNode mapped, List<String> adjustments) {
            return new Verdict(error, mapped, adjustments, error.isPresent());
        }
    }

    /** Admission of a FlinkDeployment (application mode or session cluster) as flinkops emits it. */
    Verdict validateDeployment(ObjectNode emitted) {
        List<String> adjustments = new ArrayList<>();
        ObjectNode mapped = mapDeployment(emitted, adjustments);
        FlinkDeployment deployment;
        try {
            deployment = STRICT.treeToValue(mapped, FlinkDeployment.class);
        } catch (Exception e) {
            return Verdict.rejected("cannot map into the operator 1.7.0 model: " + e.getMessage(), mapped, adjustments);
        }
        for (FlinkResourceValidator v : validators) {
            Optional<String> error = v.validateDeployment(deployment);
            if (error.isPresent()) return Verdict.rejected(error.get(), mapped, adjustments);
        }
        Optional<String> emulated = checkVersionSupported(emitted);
        if (emulated.isEmpty()) emulated = Autoscaler115.validate(effectiveConfiguration(mapped));
        return Verdict.emulated(emulated, mapped, adjustments);
    }

    /**
     * Admission of an update: {@code emitted} replaces {@code previous}, which the operator last reconciled (it is
     * recorded as {@code status.reconciliationStatus.lastReconciledSpec}, as the operator records it). The checks on
     * updates compare the two.
     */
    Verdict validateDeploymentUpdate(ObjectNode emitted, ObjectNode previous) {
        Verdict v = validateDeployment(withLastReconciled(emitted, mapDeployment(previous, new ArrayList<>())));
        if (v.error().isPresent()) return v;
        return Verdict.emulated(checkRedeployNonce(emitted, previous), v.mapped(), v.adjustments());
    }

    /**
     * 1.15's {@code DefaultValidator.validateStateSnapshot}, emulated: operator 1.7.0 has no FlinkStateSnapshot. As the
     * webhook does, {@code target} is the object the snapshot's {@code jobReference} names in the snapshot's namespace
     * (the caller looks it up among the objects of the same rendering), empty when there is none.
     */
    Verdict validateStateSnapshot(ObjectNode emitted, Optional<ObjectNode> target) {
        JsonNode spec = emitted.path("spec");
        boolean savepoint = spec.path("savepoint").isObject();
        boolean checkpoint = spec.path("checkpoint").isObject();
        Optional<String> error = Optional.empty();
        if (savepoint == checkpoint) {
            error = Optional.of("Exactly one of checkpoint or savepoint configurations has to be set.");
        } else if (savepoint && spec.path("savepoint").path("alreadyExists").asBoolean(false)) {
            error = Optional.empty(); // the remaining checks are not required if the savepoint already exists
        } else if (!spec.path("jobReference").isObject()) {
            error = Optional.of("Job reference must be supplied for this snapshot");
        } else if (target.isEmpty()) {
            error = Optional.of(String.format("Target for snapshot %s/%s was not found",
                    emitted.path("metadata").path("namespace").asText(null), spec.path("jobReference").path("name").asText(null)));
        }
        return Verdict.emulated(error, emitted, List.of("judged by the emulated 1.15 validateStateSnapshot (1.7.0 has no FlinkStateSnapshot)"));
    }

    /** Admission of an update of a FlinkSessionJob (see {@link #validateDeploymentUpdate}). */
    Verdict validateSessionJobUpdate(ObjectNode emittedJob, ObjectNode previousJob, ObjectNode emittedSessionCluster) {
        return validateSessionJob(withLastReconciled(emittedJob, previousJob), emittedSessionCluster);
    }

    /** A copy of {@code object} whose status says the operator last reconciled {@code previous}'s spec. */
    static ObjectNode withLastReconciled(ObjectNode object, ObjectNode previous) {
        ObjectNode copy = object.deepCopy();
        ObjectNode wrapper = copy.objectNode();
        wrapper.set("spec", previous.path("spec").deepCopy());
        wrapper.putObject("resource_metadata").put("apiVersion", previous.path("apiVersion").asText()).put("firstDeployment", false);
        ObjectNode reconciliation = copy.putObject("status").putObject("reconciliationStatus");
        reconciliation.put("lastReconciledSpec", wrapper.toString());
        reconciliation.put("state", "DEPLOYED");
        return copy;
    }

    /**
     * Admission of a FlinkSessionJob together with the session cluster FlinkDeployment flinkops emits for it
     * (the webhook looks the cluster up by {@code spec.deploymentName}; the caller passes it).
     */
    Verdict validateSessionJob(ObjectNode emittedJob, ObjectNode emittedSessionCluster) {
        List<String> adjustments = new ArrayList<>();
        ObjectNode cluster = mapDeployment(emittedSessionCluster, new ArrayList<>());
        boolean newerFlink = isNewerThanKnown(emittedSessionCluster);
        ObjectNode job = mapSessionJob(emittedJob, cluster, newerFlink, adjustments);
        FlinkSessionJob sessionJob;
        FlinkDeployment session;
        try {
            sessionJob = STRICT.treeToValue(job, FlinkSessionJob.class);
            session = STRICT.treeToValue(cluster, FlinkDeployment.class);
        } catch (Exception e) {
            return Verdict.rejected("cannot map into the operator 1.7.0 model: " + e.getMessage(), job, adjustments);
        }
        for (FlinkResourceValidator v : validators) {
            Optional<String> error = v.validateSessionJob(sessionJob, Optional.of(session));
            if (error.isPresent()) return Verdict.rejected(error.get(), job, adjustments);
        }
        Optional<String> emulated = checkJarUri(emittedJob);
        if (emulated.isEmpty()) emulated = checkLastStateCheckpointDir(emittedJob, cluster);
        if (emulated.isEmpty()) emulated = Autoscaler115.validate(effectiveConfiguration(cluster));
        return Verdict.emulated(emulated, job, adjustments);
    }

    // ---- mapping 1.15 objects down to what operator 1.7.0 reads

    /** A copy of a FlinkDeployment that the 1.7.0 validator judges as the 1.15 one would judge the original. */
    static ObjectNode mapDeployment(ObjectNode emitted, List<String> adjustments) {
        ObjectNode copy = emitted.deepCopy();
        if (!(copy.get("spec") instanceof ObjectNode spec)) return copy;
        boolean newerFlink = isNewerThanKnown(emitted);
        if (newerFlink) {
            spec.put("flinkVersion", NEWEST_KNOWN_VERSION);
            adjustments.add("spec.flinkVersion " + emitted.path("spec").path("flinkVersion").asText() + " judged as " + NEWEST_KNOWN_VERSION);
        }
        flattenConfiguration(spec, newerFlink, adjustments);
        dropFieldsUnknownTo17(copy, adjustments);
        return copy;
    }

    /**
     * A copy of a FlinkSessionJob for the 1.7.0 validator; {@code cluster} (the mapped session cluster) is
     * changed too:
     * <ul>
     *   <li>From 1.8 the operator judges a session job with the defaults, then the cluster's configuration,
     *       then the job's own; 1.7.0 ignores the job's. The job's configuration is laid over the cluster's.</li>
     *   <li>1.10+ supports {@code last-state} for session jobs, without HA; 1.7–1.9 reject it outright. Such a
     *       job is judged as {@code savepoint} when a savepoint directory is configured (1.15 then runs the same
     *       checks), otherwise as {@code stateless}, and 1.15's checkpoint directory check is emulated
     *       ({@link #checkLastStateCheckpointDir}).</li>
     * </ul>
     */
    static ObjectNode mapSessionJob(ObjectNode emitted, ObjectNode cluster, boolean newerFlink, List<String> adjustments) {
        ObjectNode copy = emitted.deepCopy();
        if (!(copy.get("spec") instanceof ObjectNode spec)) return copy;
        flattenConfiguration(spec, newerFlink, adjustments);
        dropFieldsUnknownTo17(copy, adjustments);
        if (spec.get("flinkConfiguration") instanceof ObjectNode jobConfig && !jobConfig.isEmpty()
                && cluster.get("spec") instanceof ObjectNode clusterSpec) {
            clusterSpec.withObjectProperty("flinkConfiguration").setAll(jobConfig);
            adjustments.add("the job's flinkConfiguration laid over the session cluster's (as operator >= 1.8 does)");
        }
        if (spec.get("job") instanceof ObjectNode job && "last-state".equals(job.path("upgradeMode").asText())) {
            boolean savepointDir = !blank(effectiveConfiguration(cluster).get("state.savepoints.dir"));
            job.put("upgradeMode", savepointDir ? "savepoint" : "stateless");
            adjustments.add("session job upgradeMode last-state judged as " + (savepointDir ? "savepoint" : "stateless")
                    + " (operator >= 1.10 supports last-state for session jobs)");
        }
        return copy;
    }

    /** Operator defaults overlaid by the (mapped) object's flinkConfiguration, as the validator reads it. */
    static Map<String, String> effectiveConfiguration(ObjectNode mappedDeployment) {
        Map<String, String> effective = new TreeMap<>(OPERATOR_DEFAULTS);
        mappedDeployment.path("spec").path("flinkConfiguration").properties()
                .forEach(e -> effective.put(e.getKey(), e.getValue().asText()));
        return effective;
    }

    private static boolean isNewerThanKnown(ObjectNode emitted) {
        String version = emitted.path("spec").path("flinkVersion").asText();
        return VERSION.matcher(version).matches() && BY_VERSION.compare(version, NEWEST_KNOWN_VERSION) > 0;
    }

    /**
     * {@code flinkConfiguration} is a free-form object from operator 1.13 on, flattened by the operator
     * ({@code ConfigObjectNode.asFlatMap}: nested keys joined with '.', arrays joined with ';', an empty
     * array dropped, scalars as text); 1.7.0 reads a string map. For Flink 1.20+ the renamed state
     * directory keys are also written under their old names.
     */
    private static void flattenConfiguration(ObjectNode spec, boolean newerFlink, List<String> adjustments) {
        JsonNode config = spec.get("flinkConfiguration");
        if (!(config instanceof ObjectNode)) return;
        Map<String, String> flat = new TreeMap<>();
        flatten(config, "", flat);
        if (newerFlink) {
            RENAMED_KEYS.forEach((newKey, oldKey) -> {
                if (flat.containsKey(newKey)) {
                    flat.put(oldKey, flat.get(newKey));
                    adjustments.add(newKey + " also written as " + oldKey + " (the name Flink 1.17 reads)");
                }
            });
        }
        ObjectNode flatNode = spec.objectNode();
        flat.forEach(flatNode::put);
        if (!flatNode.equals(config)) spec.set("flinkConfiguration", flatNode);
    }

    private static void flatten(JsonNode node, String key, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(e.getValue(), key.isEmpty() ? e.getKey() : key + "." + e.getKey(), out));
        } else if (node.isArray()) {
            if (node.isEmpty()) return;
            List<String> values = new ArrayList<>();
            ((ArrayNode) node).forEach(n -> values.add(n.asText()));
            out.put(key, String.join(";", values));
        } else {
            out.put(key, node.asText());
        }
    }

    private static void dropFieldsUnknownTo17(ObjectNode object, List<String> adjustments) {
        for (String pointer : FIELDS_UNKNOWN_TO_1_7) {
            int slash = pointer.lastIndexOf('/');
            if (object.at(pointer.substring(0, slash)) instanceof ObjectNode parent && parent.has(pointer.substring(slash + 1))) {
                parent.remove(pointer.substring(slash + 1));
                adjustments.add(pointer + " dropped (unknown to the 1.7.0 model, not read by any admission check)");
            }
        }
    }

    // ---- 1.15 checks that 1.7.0 lacks, emulated (messages as 1.15 words them)

    /**
     * Row 25 (operator >= 1.8, {@code validateSpecChange}): a changed {@code savepointRedeployNonce} needs an
     * {@code initialSavepointPath}. 1.7.0 does not know the nonce (it is dropped before it judges), so the check is
     * emulated on the objects as emitted.
     */
    static Optional<String> checkRedeployNonce(ObjectNode emitted, ObjectNode previous) {
        JsonNode nonce = emitted.path("spec").path("job").path("savepointRedeployNonce");
        if (nonce.isMissingNode() || nonce.isNull() || nonce.equals(previous.path("spec").path("job").path("savepointRedeployNonce"))) {
            return Optional.empty();
        }
        return blank(emitted.path("spec").path("job").path("initialSavepointPath").asText(null))
                ? Optional.of("InitialSavepointPath must not be empty for savepoint redeployment") : Optional.empty();
    }

    /** Row 3 (operator >= 1.9): only Flink 1.15 and newer is supported. */
    private static Optional<String> checkVersionSupported(ObjectNode emitted) {
        String version = emitted.path("spec").path("flinkVersion").asText();
        if (VERSION.matcher(version).matches() && BY_VERSION.compare(version, OLDEST_SUPPORTED_VERSION) < 0) {
            return Optional.of("Flink version " + version + " is not supported by this operator version");
        }
        return Optional.empty();
    }

    /**
     * Row 12 for a last-state session job that was judged as stateless: 1.15 needs a checkpoint directory for
     * every mode but stateless (its message names Flink 1.20's key; the old key satisfies it too).
     */
    private static Optional<String> checkLastStateCheckpointDir(ObjectNode emittedJob, ObjectNode mappedCluster) {
        if (!"last-state".equals(emittedJob.path("spec").path("job").path("upgradeMode").asText())) return Optional.empty();
        if (!blank(effectiveConfiguration(mappedCluster).get("state.checkpoints.dir"))) return Optional.empty();
        return Optional.of("Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes");
    }

    /**
     * Row S5 (operator 1.15): a session job's {@code jarURI} is a URI with a scheme in the operator's allowlist
     * ({@value #ALLOWED_SCHEMES} of the operator configuration, default {@code https}); with
     * {@value #DISALLOW_RESTRICTED_HOSTS} (default true) an http(s) URI has a host that is not a loopback, link-local,
     * site-local, wildcard or multicast address. Host names are not resolved here (the tests run offline): only
     * hosts written as IP addresses, and {@code localhost}, are judged.
     */
    private Optional<String> checkJarUri(ObjectNode job) {
        JsonNode jar = job.path("spec").path("job").get("jarURI");
        if (jar == null || jar.isNull()) return Optional.empty();
        URI uri;
        try {
            uri = new URI(jar.asText());
        } catch (URISyntaxException e) {
            return Optional.of("jarURI is not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null) return Optional.of("jarURI must include a scheme");
        Set<String> allowed = new java.util.TreeSet<>();
        for (String s : operatorConfiguration.getOrDefault(ALLOWED_SCHEMES, "https").split(";")) {
            if (!s.isBlank()) allowed.add(s.trim().toLowerCase(java.util.Locale.ROOT));
        }
        if (!allowed.contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("jarURI scheme '" + scheme + "' is not in the allowlist " + allowed + ". Configure '" + ALLOWED_SCHEMES
                    + "' to extend the allowlist.");
        }
        boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (web && !"false".equalsIgnoreCase(operatorConfiguration.getOrDefault(DISALLOW_RESTRICTED_HOSTS, "true").trim())) {
            String host = uri.getHost();
            if (host == null || host.isEmpty()) return Optional.of("jarURI must include a host for http/https schemes");
            if (restrictedLiteral(host)) return Optional.of("jarURI host '" + host + "' resolves to a restricted address");
        }
        return Optional.empty();
    }

    /** {@code localhost}, or an IP address written out that is loopback, link-local, site-local, wildcard or multicast. */
    private static boolean restrictedLiteral(String host) {
        if (host.equalsIgnoreCase("localhost")) return true;
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.matches("\\[[0-9a-fA-F:.]+]")) return false;
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int versionPart(String version, int group) {
        Matcher m = VERSION.matcher(version);
        return m.matches() ? Integer.parseInt(m.group(group)) : -1;
    }
}
