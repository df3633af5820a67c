package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.flinkconfig.SecretKeys;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.load.Loader;
import io.flinkops.logging.LogConfigurations;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.ImageReference;
import io.flinkops.model.Kind;
import io.flinkops.plan.ShellWords;
import io.flinkops.quantity.MemorySize;
import io.flinkops.render.Ownership;
import io.flinkops.render.rbac.FlinkServiceAccount;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YamlJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FlinkDeployment and FlinkSessionJob manifests mapped back to VVP-format specs: the inverse of the render mapping
 * (docs/render-mapping.md, {@code io.flinkops.render.mapping.MappingTable}; the row numbers below are its rows). A
 * FlinkDeployment with a {@code job} becomes an application-mode Deployment on the DeploymentTarget of its Kubernetes
 * namespace, one without becomes a SessionCluster, and a FlinkSessionJob a session-mode Deployment on the
 * SessionCluster it names. Every field that cannot be written as it was is a {@link Finding}: kept elsewhere,
 * changed, or dropped.
 */
final class OperatorImporter {
    static final Pattern RESOURCE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String JM_REPLICAS_KEY = "kubernetes.jobmanager.replicas";
    /** Metadata Kubernetes owns; a manifest exported with {@code kubectl get -o yaml} carries it. */
    private static final Set<String> SYSTEM_METADATA = Set.of("uid", "resourceVersion", "generation", "creationTimestamp",
            "managedFields", "selfLink", "finalizers", "ownerReferences", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName");
    private static final Set<String> DEPLOYMENT_FIELDS = Set.of("job", "restartNonce", "flinkConfiguration", "image", "imagePullPolicy",
            "serviceAccount", "flinkVersion", "ingress", "podTemplate", "jobManager", "taskManager", "logConfiguration", "mode");
    private static final Set<String> SESSION_JOB_FIELDS = Set.of("job", "restartNonce", "flinkConfiguration", "deploymentName");
    private static final Set<String> JOB_FIELDS = Set.of("jarURI", "parallelism", "entryClass", "args", "state", "upgradeMode",
            "allowNonRestoredState", "initialSavepointPath", "savepointTriggerNonce", "checkpointTriggerNonce", "savepointRedeployNonce",
            "autoscalerResetNonce");
    private static final Set<String> COMPONENT_FIELDS = Set.of("resource", "resources", "replicas", "podTemplate");

    private final ImportOptions options;
    private final Targets targets;
    private final List<Finding> findings;
    private final Diagnostics diagnostics;
    private final String operatorVersion;
    private final Secrets secrets;
    private final ExistingRepo existing;

    OperatorImporter(ImportOptions options, Targets targets, Secrets secrets, ExistingRepo existing, List<Finding> findings, Diagnostics diagnostics) {
        this.options = options;
        this.targets = targets;
        this.secrets = secrets;
        this.existing = existing;
        this.operatorVersion = existing.operatorVersion();
        this.findings = findings;
        this.diagnostics = diagnostics;
    }

    /** The Kubernetes namespace of a manifest: its own, else {@code --target-namespace}. */
    String kubernetesNamespace(YMap root) {
        return root.get("metadata") instanceof YMap m ? m.text("namespace").orElse(options.targetNamespace()) : options.targetNamespace();
    }

    /** The repo document of {@code c}, or null when it cannot be imported (reported). */
    RepoDocument importDocument(Classified c) {
        return new One(c).run();
    }

    /** The import of one manifest. */
    private final class One {
        final Classified c;
        final YMap root;
        final ObjectNode json;
        final ObjectNode spec;
        final boolean sessionJob;
        Origin origin;
        String namespace;

        One(Classified c) {
            this.c = c;
            this.root = c.document().root();
            this.json = (ObjectNode) YamlJson.toJson(root);
            this.spec = json.get("spec") instanceof ObjectNode s ? s : Json.F.objectNode();
            this.sessionJob = c.operator() == Classified.OperatorKind.FLINK_SESSION_JOB;
        }

        RepoDocument run() {
            String name = root.get("metadata") instanceof YMap m ? m.text("name").orElse(null) : null;
            String kubernetesNamespace = kubernetesNamespace(root);
            if (name == null || name.isBlank()) {
                diagnostics.report(Code.MISSING_FIELD, root.entry("metadata").map(YMap.Entry::keyLocation).orElse(root.location()), "/metadata/name",
                        "The " + c.kindName() + " has no `metadata.name`.", "Add `metadata.name`: it names the imported resource.");
                return null;
            }
            if (!RESOURCE_NAME.matcher(name).matches() || name.length() > 63) {
                diagnostics.report(Code.INVALID_NAME, nameLocation(), "/metadata/name",
                        "`" + name + "` cannot be the name of a VVP Deployment or SessionCluster, which flinkops names the " + c.kindName() + " after.",
                        "VVP names are lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit; rename the resource.");
                return null;
            }
            namespace = options.namespace().orElse(kubernetesNamespace);
            origin = new Origin(c.document().file(), c.document().line(), c.kindName(), kubernetesNamespace, name);
            if (!(root.get("spec") instanceof YMap)) {
                diagnostics.report(Code.MISSING_FIELD, root.location(), "/spec", "The " + c.kindName() + " has no `spec`.", "Add the resource's `spec`.");
                return null;
            }
            if (!typesOk()) return null;
            metadataAndStatus();
            Set<String> known = sessionJob ? SESSION_JOB_FIELDS : DEPLOYMENT_FIELDS;
            for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    drop("spec." + f, "Not a field of a " + c.kindName() + " of the operator release flinkops targets.", "spec", f);
                }
            }
            ObjectNode kubernetes = kubernetesMetadata();
            if (sessionJob) return sessionJob(namespace, name, kubernetes);
            if (spec.get("job") instanceof ObjectNode) return application(namespace, kubernetesNamespace, name, kubernetes);
            return sessionCluster(namespace, kubernetesNamespace, name, kubernetes);
        }

        /**
         * The structure the mapping relies on: objects where the operator's model has objects, a list of arguments. A
         * manifest the API server accepted has them; anything else is reported rather than guessed at.
         */
        private boolean typesOk() {
            boolean ok = true;
            ok &= type("object", JsonNodeType.OBJECT, "spec", "job");
            ok &= type("list", JsonNodeType.ARRAY, "spec", "job", "args");
            ok &= type("object", JsonNodeType.OBJECT, "spec", "flinkConfiguration");
            ok &= type("object", JsonNodeType.OBJECT, "spec", "jobManager");
            ok &= type("object", JsonNodeType.OBJECT, "spec", "taskManager");
            ok &= type("object", JsonNodeType.OBJECT, "spec", "podTemplate");
            ok &= type("object", JsonNodeType.OBJECT, "spec", "jobManager", "podTemplate");
            ok &= type("object", JsonNodeType.OBJECT, "spec", "taskManager", "podTemplate");
            ok &= type("object", JsonNodeType.OBJECT, "spec", "logConfiguration");
            ok &= type("object", JsonNodeType.OBJECT, "metadata", "labels");
            ok &= type("object", JsonNodeType.OBJECT, "metadata", "annotations");
            return ok;
        }

        private boolean type(String what, JsonNodeType expected, String... path) {
            JsonNode node = json;
            for (String p : path) {
                node = node == null ? null : node.get(p);
            }
            if (node == null || node.isNull() || node.getNodeType() == expected) return true;
            diagnostics.report(Code.WRONG_TYPE, locationOf(path), "/" + String.join("/", path),
                    "`" + String.join(".", path) + "` is not " + (what.equals("object") ? "an object" : "a list") + ", as the operator's " + c.kindName() + " has it.",
                    "Write it as the operator's custom resource defines it (the API server rejects it otherwise).");
            return false;
        }

        // ---- the three kinds of result

        private RepoDocument application(String namespace, String kubernetesNamespace, String name, ObjectNode kubernetes) {
            ObjectNode out = Json.F.objectNode();
            ObjectNode dspec = header(out, Kind.DEPLOYMENT, name);
            ObjectNode job = (ObjectNode) spec.get("job");
            ObjectNode template = Json.F.objectNode();
            ObjectNode artifact = template.putObject("artifact");
            jobFields(job, dspec, artifact, template);
            dspec.put("deploymentTargetName", targets.nameFor(namespace, kubernetesNamespace, origin));
            moveFirst(dspec, "state", "deploymentTargetName");
            cluster(artifact, template, kubernetes);
            dspec.set("template", Json.F.objectNode().set("spec", template));
            Json.pruneEmpty(out);
            return new RepoDocument(Kind.DEPLOYMENT, namespace, name, out, origin, "Imported from " + origin.place() + " (" + origin.describe() + ").");
        }

        private RepoDocument sessionCluster(String namespace, String kubernetesNamespace, String name, ObjectNode kubernetes) {
            ObjectNode out = Json.F.objectNode();
            ObjectNode sspec = header(out, Kind.SESSION_CLUSTER, name);
            sspec.put("state", "RUNNING");
            sspec.put("deploymentTargetName", targets.nameFor(namespace, kubernetesNamespace, origin));
            ObjectNode image = Json.F.objectNode();
            ObjectNode rest = Json.F.objectNode();
            cluster(image, rest, kubernetes);
            sspec.setAll(image);
            sspec.setAll(rest);
            finding(Finding.Outcome.CHANGED, "spec.podTemplate", "flinkops mounts the ConfigMap `" + name + "-sql` (optional: it exists once a "
                            + "SQL session job runs on the cluster) at /opt/flinkops/sql in the session cluster's pods, for the scripts of its SQL session "
                            + "jobs (render-mapping.md, SQL scripts).",
                    List.of("spec.podTemplate", "spec.jobManager.podTemplate", "spec.taskManager.podTemplate"), "spec");
            Json.pruneEmpty(out);
            return new RepoDocument(Kind.SESSION_CLUSTER, namespace, name, out, origin, "Imported from " + origin.place() + " (" + origin.describe() + ").");
        }

        private RepoDocument sessionJob(String namespace, String name, ObjectNode kubernetes) {
            ObjectNode out = Json.F.objectNode();
            ObjectNode dspec = header(out, Kind.DEPLOYMENT, name);
            ObjectNode template = Json.F.objectNode();
            ObjectNode artifact = template.putObject("artifact");
            if (spec.get("job") instanceof ObjectNode job) {
                jobFields(job, dspec, artifact, template);
            } else {
                diagnostics.report(Code.MISSING_FIELD, root.location(), "/spec/job", "The FlinkSessionJob has no `spec.job`.",
                        "A session job needs its `job` (the operator rejects it without one).");
                return null;
            }
            String cluster = spec.path("deploymentName").asText(null);
            if (cluster == null) {
                diagnostics.report(Code.MISSING_FIELD, root.location(), "/spec/deploymentName", "The FlinkSessionJob names no session cluster (`spec.deploymentName`).",
                        "Name the FlinkDeployment (without `job`) it runs on.");
                return null;
            }
            dspec.put("sessionClusterName", cluster); // row 32
            moveFirst(dspec, "state", "sessionClusterName");
            configuration(template);
            if (kubernetes != null) template.set("kubernetes", kubernetes); // rows 24, 25
            dspec.set("template", Json.F.objectNode().set("spec", template));
            Json.pruneEmpty(out);
            return new RepoDocument(Kind.DEPLOYMENT, namespace, name, out, origin, "Imported from " + origin.place() + " (" + origin.describe() + ").");
        }

        private ObjectNode header(ObjectNode out, Kind kind, String name) {
            out.put("apiVersion", "v1");
            out.put("kind", kind.kindName());
            out.putObject("metadata").put("name", name);
            return out.putObject("spec");
        }

        // ---- job (rows 1-5, 7, 16, 17)

        private void jobFields(ObjectNode job, ObjectNode dspec, ObjectNode artifact, ObjectNode template) {
            for (Iterator<String> it = job.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!JOB_FIELDS.contains(f)) drop("spec.job." + f, "Not a field of the operator's JobSpec.", "spec", "job", f);
            }
            String state = job.path("state").asText("running");
            String mode = job.path("upgradeMode").asText("stateless");
            if (!Set.of("running", "suspended").contains(state)) {
                invalid("/spec/job/state", "`" + state + "` is not a job state of the operator.", "Use `running` or `suspended`.", "spec", "job", "state");
                state = "running";
            }
            if (!Set.of("stateless", "savepoint", "last-state").contains(mode)) {
                invalid("/spec/job/upgradeMode", "`" + mode + "` is not an upgrade mode of the operator.", "Use `stateless`, `savepoint` or `last-state`.",
                        "spec", "job", "upgradeMode");
                mode = "stateless";
            }
            boolean suspended = state.equals("suspended");
            String vvpState = !suspended ? "RUNNING" : mode.equals("stateless") ? "CANCELLED" : "SUSPENDED";
            dspec.put("state", vvpState);
            boolean stateful = !mode.equals("stateless");
            dspec.putObject("upgradeStrategy").put("kind", stateful ? "STATEFUL" : "STATELESS");
            ObjectNode restore = dspec.putObject("restoreStrategy");
            restore.put("kind", switch (mode) {
                case "savepoint" -> "LATEST_SAVEPOINT";
                case "last-state" -> "LATEST_STATE";
                default -> "NONE";
            });
            if (suspended && mode.equals("last-state")) {
                finding(Finding.Outcome.CHANGED, "spec.job.upgradeMode",
                        "A job suspended in last-state mode: VVP's SUSPENDED stops with a savepoint, so flinkops writes `upgradeMode: savepoint` "
                                + "(row 2 of the render mapping); resuming restores that savepoint instead of the latest checkpoint.",
                        List.of("spec.job.upgradeMode"), "spec", "job", "upgradeMode");
            } else if (sessionJob && mode.equals("last-state") && FlinkVersions.compare(operatorVersion, "1.10") < 0) {
                finding(Finding.Outcome.CHANGED, "spec.job.upgradeMode",
                        "Operator " + operatorVersion + " (flinkops.yaml) has no last-state mode for session jobs: flinkops writes `savepoint`.",
                        List.of("spec.job.upgradeMode"), "spec", "job", "upgradeMode");
            }
            if (job.has("allowNonRestoredState")) restore.put("allowNonRestoredState", job.get("allowNonRestoredState").asBoolean());

            artifact.put("kind", "JAR");
            if (job.hasNonNull("jarURI")) artifact.put("jarUri", job.get("jarURI").asText());
            if (job.hasNonNull("entryClass")) artifact.put("entryClass", job.get("entryClass").asText());
            if (job.get("args") instanceof ArrayNode args && !args.isEmpty()) {
                List<String> words = new ArrayList<>();
                args.forEach(a -> words.add(a.isNull() ? "" : a.asText()));
                String mainArgs = ShellQuoting.join(words);
                try {
                    if (!ShellWords.split(mainArgs).equals(words)) throw new IllegalStateException("arguments do not survive quoting: " + words);
                } catch (ShellWords.SyntaxException e) {
                    throw new IllegalStateException("quoted arguments do not split: " + mainArgs, e);
                }
                artifact.put("mainArgs", mainArgs);
            }
            if (job.path("parallelism").canConvertToInt() && job.path("parallelism").asInt() > 0) template.put("parallelism", job.get("parallelism").asInt());
            for (String nonce : List.of("savepointTriggerNonce", "checkpointTriggerNonce", "savepointRedeployNonce", "autoscalerResetNonce")) {
                if (job.has(nonce)) {
                    drop("spec.job." + nonce, "A nonce asks the operator for a one-off action when it changes; a VVP spec has none "
                            + "(VVP takes savepoints on request through its API). Ask for a savepoint with `flinkops savepoint`, a redeploy with `flinkops redeploy` (docs/day-2.md).",
                            "spec", "job", nonce);
                }
            }
            if (job.has("initialSavepointPath")) {
                drop("spec.job.initialSavepointPath", "VVP has no field for the first start's savepoint (it starts from a savepoint on request). "
                        + "To start from it once, set `execution.savepoint.path` in the Deployment's flinkConfiguration for the first rollout, then remove it.",
                        "spec", "job", "initialSavepointPath");
            }
            if (spec.has("restartNonce")) {
                drop("spec.restartNonce", "A nonce asks the operator to restart when it changes; a VVP spec has none (`flinkops restart` asks for a restart, docs/day-2.md).",
                        "spec", "restartNonce");
            }
        }

        // ---- cluster (rows 8-15, 21, 24-27)

        /**
         * The cluster fields of a FlinkDeployment: version and image into {@code image} (the artifact, or the
         * SessionCluster's spec), the rest into {@code rest} (the template spec, or the SessionCluster's spec).
         */
        private void cluster(ObjectNode image, ObjectNode rest, ObjectNode kubernetes) {
            if (spec.hasNonNull("flinkVersion")) {
                String v = spec.get("flinkVersion").asText();
                image.put("flinkVersion", v.matches("v[0-9]+_[0-9]+") ? FlinkVersions.fromEnumName(v) : v); // row 13
            }
            image(image);
            if (spec.has("imagePullPolicy") && !spec.path("imagePullPolicy").asText().equals("IfNotPresent")) {
                drop("spec.imagePullPolicy", "flinkops always writes `imagePullPolicy: IfNotPresent` (row 15 of the render mapping): "
                        + "pin the image by tag or digest instead of pulling it again.", "spec", "imagePullPolicy");
            }
            String account = spec.path("serviceAccount").asText(null);
            if (!FlinkServiceAccount.NAME.equals(account)) {
                finding(Finding.Outcome.CHANGED, "spec.serviceAccount",
                        (account == null ? "No service account" : "Service account `" + account + "`") + ": flinkops runs the Flink pods as `"
                                + FlinkServiceAccount.NAME + "`, with the Role and RoleBinding it renders (row 14; docs/rbac.md).",
                        List.of("spec.serviceAccount"), "spec", "serviceAccount");
            }
            ObjectNode jobManager = spec.get("jobManager") instanceof ObjectNode j ? j : null;
            ObjectNode taskManager = spec.get("taskManager") instanceof ObjectNode t ? t : null;
            components(jobManager, "jobManager");
            components(taskManager, "taskManager");
            if (taskManager != null && taskManager.path("replicas").canConvertToInt()) rest.put("numberOfTaskManagers", taskManager.get("replicas").asInt()); // row 8
            ObjectNode resources = Json.F.objectNode();
            resource(jobManager, "jobManager", "jobmanager", resources);
            resource(taskManager, "taskManager", "taskmanager", resources);
            if (!resources.isEmpty()) rest.set("resources", resources); // row 10
            ObjectNode config = configuration(rest);
            if (jobManager != null && jobManager.path("replicas").canConvertToInt()) {
                // row 11: flinkops moves the key into jobManager.replicas
                config.put(JM_REPLICAS_KEY, String.valueOf(jobManager.get("replicas").asInt()));
            }
            if (config.isEmpty()) rest.remove("flinkConfiguration");
            logging(rest);
            ObjectNode k = kubernetes == null ? Json.F.objectNode() : kubernetes;
            podTemplates(k, Json.flattenConfiguration(spec.get("flinkConfiguration")));
            if (!k.isEmpty()) rest.set("kubernetes", k);
            if (spec.has("ingress")) {
                drop("spec.ingress", "VVP has no ingress for the Flink UI: create the Ingress yourself (the JobManager's REST service is `<name>-rest`, port 8081).",
                        "spec", "ingress");
            }
            if (spec.has("mode") && !spec.path("mode").asText().equals("native")) {
                drop("spec.mode", "flinkops renders native Kubernetes mode only (VVP's mode); the operator cannot switch a running cluster between modes, "
                        + "so the imported deployment starts anew when applied.", "spec", "mode");
            }
        }

        /** Row 12: {@code image} → registry, repository, tag. */
        private void image(ObjectNode out) {
            String reference = spec.path("image").asText(null);
            if (reference == null || reference.isBlank()) {
                finding(Finding.Outcome.CHANGED, "spec.image", "No image: the operator would use Flink's default image; flinkops uses the default image of the "
                        + "Flink version (the Repository's `defaultImages`, else `docker.io/flink:<version>-scala_2.12-java17`, row 12).",
                        List.of("spec.image"), "spec");
                return;
            }
            ImageReference r = ImageReference.parse(reference);
            if (r.registry() != null) out.put("flinkImageRegistry", r.registry());
            out.put("flinkImageRepository", r.repository());
            out.put("flinkImageTag", r.flinkImageTag());
            if (r.digest() != null && r.tag() != null) {
                finding(Finding.Outcome.CHANGED, "spec.image", "The tag `" + r.tag() + "` next to the digest is dropped: VVP has one field for both, "
                        + "and the digest decides which image runs.", List.of("spec.image"), "spec", "image");
            }
        }

        private void components(ObjectNode component, String role) {
            if (component == null) return;
            for (Iterator<String> it = component.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!COMPONENT_FIELDS.contains(f)) drop("spec." + role + "." + f, "Not a field of the operator's " + role + " spec.", "spec", role, f);
            }
        }

        /** Row 10, for one process type. */
        private void resource(ObjectNode component, String role, String vvpRole, ObjectNode resources) {
            if (component == null) return;
            JsonNode cpu = null;
            JsonNode memory = null;
            if (component.get("resource") instanceof ObjectNode r) {
                cpu = r.get("cpu");
                memory = r.get("memory");
                if (r.has("ephemeralStorage")) {
                    drop("spec." + role + ".resource.ephemeralStorage", "VVP has no ephemeral storage setting: request it in the main container's "
                            + "`resources` of a " + (role.equals("jobManager") ? "jobManagerPodTemplate" : "taskManagerPodTemplate") + ".",
                            "spec", role, "resource", "ephemeralStorage");
                }
            } else if (component.get("resources") instanceof ObjectNode requirements) {
                JsonNode requests = requirements.path("requests");
                cpu = requests.get("cpu");
                memory = requests.get("memory");
                finding(Finding.Outcome.CHANGED, "spec." + role + ".resources",
                        "`resources` (Kubernetes resource requirements) is newer than the operator release flinkops targets: its requests are imported as "
                                + "the VVP `resources." + vvpRole + "` (the operator's `resource`)"
                                + (requirements.size() > 1 || requests.size() > 2 ? "; the rest of it (limits, other resources) is dropped." : "."),
                        List.of("spec." + role + ".resources", "spec." + role + ".resource"), "spec", role, "resources");
            }
            ObjectNode out = Json.F.objectNode();
            if (cpu != null && !cpu.isNull()) {
                try {
                    out.set("cpu", Json.number(new BigDecimal(cpu.asText())));
                } catch (NumberFormatException e) {
                    out.put("cpu", cpu.asText());
                }
            }
            if (memory != null && !memory.isNull()) {
                MemorySize size = MemorySize.of(memory.asText());
                // The operator reads `2048m` as 2 GiB (Flink first); the unambiguous form avoids FO503.
                out.put("memory", size.ambiguous() ? size.toFlinkString().orElse(memory.asText()) : memory.asText());
            }
            if (!out.isEmpty()) resources.set(vvpRole, out);
        }

        /** Row 21 (and 9, 31): the configuration as the operator reads it, flat. */
        private ObjectNode configuration(ObjectNode target) {
            ObjectNode config = target.putObject("flinkConfiguration");
            Map<String, String> flat = Json.flattenConfiguration(spec.get("flinkConfiguration"));
            flat.forEach((key, value) -> {
                if (key.equals(JM_REPLICAS_KEY) && !sessionJob) {
                    JsonNode replicas = spec.path("jobManager").path("replicas");
                    if (!replicas.canConvertToInt() && !value.equals("1")) {
                        drop(Json.key("spec.flinkConfiguration", key), "The operator overrides it with `jobManager.replicas` (default 1), so it never applied.",
                                "spec", "flinkConfiguration");
                    }
                    return;
                }
                if (secret(key, value)) {
                    config.put(key, reference(key));
                    return;
                }
                config.put(key, value);
            });
            if (config.isEmpty() && sessionJob) target.remove("flinkConfiguration");
            return config;
        }

        /**
         * A literal secret (a secret-looking key, FO405): flinkops never writes its value into the repo. It becomes a
         * {@code ${NAME}} reference, declared as a Namespace secret when the import writes the namespace.yaml.
         */
        private boolean secret(String key, String value) {
            return SecretKeys.isSecretKey(key) && !value.isBlank() && !SecretReferences.has(value);
        }

        private String reference(String key) {
            String name = SecretKeys.referenceName(origin.name() + "_" + key);
            String secret = Secrets.secretName(origin.name());
            int line = configurationLine(key);
            String path = Json.key("spec.flinkConfiguration", key);
            String namespaceFile = Loader.NAMESPACES_DIR + namespace + "/namespace.yaml";
            boolean declared = !existing.hasFile(namespaceFile);
            if (declared) secrets.add(new Secrets.Reference(namespace, name, secret, origin.namespace(), key, origin, line));
            StringBuilder detail = new StringBuilder("The literal value is not written into Git (FO405): the key reads `${" + name + "}`");
            detail.append(declared ? ", declared in " + namespaceFile + " as key " + name + " of the Kubernetes Secret `" + secret
                    + "`, which you create in namespace " + origin.namespace() + " with the value; flinkops' entrypoint fills it in inside the pods."
                    : "; declare it in " + namespaceFile + " (the import does not edit an existing file; FO404 until then).");
            if (sessionJob) {
                detail.append(" A session job's configuration goes to the cluster through the REST API, where no reference is filled in (FO921): "
                        + "set the key on the session cluster instead.");
            } else if (OperatorKeys.readByOperator(key)) {
                detail.append(" The operator reads this key itself, where no reference is filled in (FO921): configure it outside the repo "
                        + "(the operator's own configuration) instead.");
            }
            finding(Finding.Outcome.CHANGED, path, detail.toString(),
                    List.of(path, Json.key("spec.flinkConfiguration", "kubernetes.entry.path"), "spec.jobManager.podTemplate", "spec.taskManager.podTemplate"),
                    line);
            return "${" + name + "}";
        }

        /** The line of {@code key} in the input's flinkConfiguration, nested ({@code state: {savepoints.dir: …}}) or flat. */
        private int configurationLine(String key) {
            io.flinkops.yaml.YNode node = root.get("spec") instanceof YMap s ? s.get("flinkConfiguration") : null;
            int line = VvpImporter.line(root, "spec", "flinkConfiguration");
            String rest = key;
            while (node instanceof YMap m && !rest.isEmpty()) {
                YMap.Entry next = null;
                for (YMap.Entry e : m.entries().values()) {
                    if (rest.equals(e.key()) || rest.startsWith(e.key() + ".")) {
                        next = e;
                        break;
                    }
                }
                if (next == null) break;
                line = next.keyLocation().line();
                rest = rest.equals(next.key()) ? "" : rest.substring(next.key().length() + 1);
                node = next.value();
            }
            return line;
        }

        /** Row 26. */
        private void logging(ObjectNode rest) {
            if (!(spec.get("logConfiguration") instanceof ObjectNode logs)) {
                finding(Finding.Outcome.CHANGED, "spec.logConfiguration", "No log configuration: the operator would use its default one; flinkops "
                        + "writes the built-in logging profile `default` (Flink's stock log4j-console.properties, docs/logging.md).",
                        List.of("spec.logConfiguration"), "spec");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = logs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = Json.key("spec.logConfiguration", e.getKey());
                if (e.getKey().equals(LogConfigurations.KEY)) {
                    String text = e.getValue().asText();
                    rest.putObject("logging").put("log4j2ConfigurationTemplate", text);
                    if (text.contains("{{") || text.contains("{%") || text.contains("{#")) {
                        finding(Finding.Outcome.CHANGED, path, "VVP reads `log4j2ConfigurationTemplate` as a Twig template: the `{{`, `{%` or `{#` in it "
                                + "are template syntax now; check the rendered configuration.", List.of(path), "spec", "logConfiguration", e.getKey());
                    }
                } else {
                    drop(path, "flinkops renders log4j2 (`" + LogConfigurations.KEY + "`) only: VVP's logging is log4j2.", "spec", "logConfiguration", e.getKey());
                }
            }
        }

        /** Row 27: pod templates as {@code pods} when they say exactly that, else as role templates. */
        private void podTemplates(ObjectNode kubernetes, Map<String, String> configuration) {
            ObjectNode common = template(spec.get("podTemplate"), "spec.podTemplate", "spec", "podTemplate");
            ObjectNode jm = template(spec.path("jobManager").get("podTemplate"), "spec.jobManager.podTemplate", "spec", "jobManager", "podTemplate");
            ObjectNode tm = template(spec.path("taskManager").get("podTemplate"), "spec.taskManager.podTemplate", "spec", "taskManager", "podTemplate");
            if (common == null && jm == null && tm == null) return;
            if (jm == null && tm == null) {
                ObjectNode pods = PodsForm.of(common);
                if (pods != null) {
                    kubernetes.set("pods", pods);
                    return;
                }
            }
            boolean byName = "true".equalsIgnoreCase(configuration.getOrDefault(PodTemplateMerge.MERGE_BY_NAME, "false"));
            ObjectNode jmEffective = PodTemplateMerge.merge(common, jm, byName);
            ObjectNode tmEffective = PodTemplateMerge.merge(common, tm, byName);
            if (jmEffective != null) kubernetes.set("jobManagerPodTemplate", jmEffective);
            if (tmEffective != null) kubernetes.set("taskManagerPodTemplate", tmEffective);
            if (common != null) {
                finding(Finding.Outcome.KEPT, "spec.podTemplate", "Kept in `kubernetes.jobManagerPodTemplate` and `taskManagerPodTemplate`"
                        + (jm != null || tm != null ? ", merged with the role templates as the operator merges them" : "")
                        + ": VVP's `pods` cannot express it, and flinkops writes pod templates per role.", List.of(), "spec", "podTemplate");
            }
        }

        /** A pod template of the input without {@code apiVersion}/{@code kind} (a PodTemplateSpec has neither). */
        private ObjectNode template(JsonNode node, String field, String... path) {
            if (!(node instanceof ObjectNode t)) return null;
            ObjectNode copy = t.deepCopy();
            for (String f : List.of("apiVersion", "kind")) {
                if (copy.has(f)) {
                    copy.remove(f);
                    finding(Finding.Outcome.DROPPED, field + "." + f, "A pod template is a PodTemplateSpec, without `" + f + "` (operator 1.7 read a Pod).",
                            List.of(), path);
                }
            }
            // flinkops' own pod annotations (the config hash of a rendered manifest): it writes them again on render.
            if (copy.path("metadata").get("annotations") instanceof ObjectNode annotations) {
                List<String> keys = new ArrayList<>();
                annotations.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!key.startsWith(Ownership.PREFIX)) continue;
                    String at = Json.key(field + ".metadata.annotations", key);
                    finding(Finding.Outcome.SYSTEM, at, "", List.of(at), path);
                    annotations.remove(key);
                }
                if (annotations.isEmpty()) ((ObjectNode) copy.get("metadata")).remove("annotations");
                if (copy.get("metadata").isEmpty()) copy.remove("metadata");
            }
            return copy;
        }

        // ---- metadata (rows 24, 25, 30)

        private void metadataAndStatus() {
            if (json.get("metadata") instanceof ObjectNode m) {
                for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (SYSTEM_METADATA.contains(f)) {
                        finding(Finding.Outcome.SYSTEM, "metadata." + f, "", List.of(), "metadata", f);
                    } else if (!Set.of("name", "namespace", "labels", "annotations").contains(f)) {
                        drop("metadata." + f, "Not imported.", "metadata", f);
                    }
                }
            }
            if (json.has("status")) finding(Finding.Outcome.SYSTEM, "status", "", List.of(), "status");
        }

        /** The user's labels and annotations as {@code kubernetes.labels} / {@code kubernetes.annotations}, or null. */
        private ObjectNode kubernetesMetadata() {
            ObjectNode kubernetes = Json.F.objectNode();
            for (String kind : List.of("labels", "annotations")) {
                if (!(json.path("metadata").get(kind) instanceof ObjectNode map)) continue;
                ObjectNode kept = Json.F.objectNode();
                map.fields().forEachRemaining(e -> {
                    String key = e.getKey();
                    String path = Json.key("metadata." + kind, key);
                    if (kind.equals("annotations") && key.equals(LAST_APPLIED)) {
                        finding(Finding.Outcome.SYSTEM, path, "", List.of(path), "metadata", kind, key);
                    } else if (key.startsWith(Ownership.PREFIX) || key.equals(Ownership.MANAGED_BY)) {
                        // flinkops' ownership labels and annotations: it stamps its own on every object it renders.
                        finding(Finding.Outcome.SYSTEM, path, "", List.of(path), "metadata", kind, key);
                    } else {
                        kept.put(key, e.getValue().isNull() ? "" : e.getValue().asText());
                    }
                });
                if (!kept.isEmpty()) kubernetes.set(kind, kept);
            }
            return kubernetes.isEmpty() ? null : kubernetes;
        }

        // ---- findings

        private void drop(String field, String detail, String... path) {
            finding(Finding.Outcome.DROPPED, field, detail, List.of(field), path);
        }

        private void finding(Finding.Outcome outcome, String field, String detail, List<String> covers, String... path) {
            finding(outcome, field, detail, covers, VvpImporter.line(root, path));
        }

        private void finding(Finding.Outcome outcome, String field, String detail, List<String> covers, int line) {
            findings.add(new Finding(origin, line, field, outcome, detail, covers));
        }

        private void invalid(String pointer, String message, String hint, String... path) {
            diagnostics.report(Code.VALUE_NOT_ALLOWED, locationOf(path), pointer, message, hint);
        }

        private io.flinkops.diag.Location locationOf(String... path) {
            io.flinkops.yaml.YNode node = root;
            for (String p : path) {
                if (!(node instanceof YMap m) || !m.has(p)) return root.location();
                node = m.get(p);
            }
            return node.location();
        }

        private io.flinkops.diag.Location nameLocation() {
            return locationOf("metadata", "name");
        }
    }

    /** Moves {@code keys} to the front of {@code object}, in that order. */
    static void moveFirst(ObjectNode object, String... keys) {
        ObjectNode copy = object.deepCopy();
        object.removeAll();
        for (String k : keys) if (copy.has(k)) object.set(k, copy.get(k));
        copy.fields().forEachRemaining(e -> {
            if (!object.has(e.getKey())) object.set(e.getKey(), e.getValue());
        });
    }
}
