package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.rules.FlinkConfigs.Block;
import io.flinkops.validate.rules.FlinkConfigs.Setting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets in Flink configuration (FO404, FO405): every {@code ${NAME}} reference resolves, and values of
 * secret-looking keys are references, never literals.
 */
public final class SecretRules implements Rule {
    /**
     * A {@code ${NAME}} reference (VVP syntax). NAME is a secret or environment variable name (letters, digits,
     * {@code _ - .}); other {@code ${…}} forms such as log4j's {@code ${sys:x}} or {@code ${env:X:-d}} are no
     * references and are left alone.
     */
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    /** A value made of references only, e.g. {@code ${S3_SECRET}}. */
    private static final Pattern ONLY_REFERENCES = Pattern.compile("(\\s*\\$\\{[A-Za-z0-9_.-]+}\\s*)+");
    /** One {@code name=value} or {@code name="value"} option of a JAAS login module configuration. */
    private static final Pattern JAAS_OPTION = Pattern.compile("([A-Za-z_][\\w.-]*)\\s*=\\s*(\"([^\"]*)\"|([^\\s;\"]+))");
    static final String MAIN_CONTAINER = "flink-main-container";
    private static final String JAR_URI = Pointers.ARTIFACT + "/jarUri";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.UNRESOLVED_SECRET_REFERENCE, Code.LITERAL_SECRET);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (d.isTyped()) checkReferences(repo, ns, d, context);
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                if (!c.isTyped()) continue;
                Environment env = new Environment(ns, c.spec().kubernetes(), "SessionCluster `" + c.name() + "`");
                for (Setting s : FlinkConfigs.sessionClusterSettings(c).values()) {
                    checkReferences(s.value(), "`" + s.key() + "`", s.location(), s.pointer(), env, context);
                }
            }
        }
        for (Block block : FlinkConfigs.writtenBlocks(repo)) {
            for (Setting s : block.settings()) checkLiteral(block, s, context);
        }
    }

    // ---- FO404

    /** The names a reference of a Deployment or SessionCluster can resolve to, and how to say where they are declared. */
    private record Environment(ResolvedNamespace ns, KubernetesSpec kubernetes, String podsOf) {
        Set<String> names() {
            Set<String> names = new LinkedHashSet<>(secretNames(ns));
            names.addAll(envVarNames(kubernetes));
            return names;
        }

        String namespaceFile() {
            return ns.namespace().map(r -> r.document().file()).orElse("namespaces/" + ns.name() + "/namespace.yaml");
        }
    }

    private void checkReferences(ResolvedRepo repo, ResolvedNamespace ns, Resolved<DeploymentSpec> d, RuleContext context) {
        // A session job runs in its SessionCluster's pods: their environment is the one that counts.
        Optional<Resolved<SessionClusterSpec>> cluster = FlinkConfigs.sessionCluster(repo, d);
        Environment env = cluster
                .map(c -> new Environment(ns, c.spec().kubernetes(), "SessionCluster `" + c.name() + "`"))
                .orElseGet(() -> new Environment(ns, d.spec().templateSpec().kubernetes(), "Deployment `" + d.name() + "`"));
        // Only the job's own keys: the cluster's are checked with the cluster.
        for (Setting s : FlinkConfigs.settingsAt(d, Pointers.DEPLOYMENT_FLINK_CONFIGURATION)) {
            checkReferences(s.value(), "`" + s.key() + "`", s.location(), s.pointer(), env, context);
        }
        String jarUri = d.spec().templateSpec().artifact() == null ? null : d.spec().templateSpec().artifact().jarUri();
        if (jarUri != null) checkReferences(jarUri, "`jarUri`", d.locate(JAR_URI), JAR_URI, env, context);
    }

    private void checkReferences(String value, String field, Location at, String pointer, Environment env, RuleContext context) {
        Matcher m = REFERENCE.matcher(value);
        Set<String> declared = null;
        while (m.find()) {
            String name = m.group(1);
            if (declared == null) declared = env.names();
            if (declared.contains(name)) continue;
            String hint = Suggestions.closest(name, declared)
                    .map(c -> "Did you mean `${" + c + "}`?")
                    .orElse("Declare `" + name + "` under `secrets` in " + env.namespaceFile()
                            + ", or add it to the environment variables of the pods of " + env.podsOf() + ".");
            context.diagnostics().report(Code.UNRESOLVED_SECRET_REFERENCE, at, pointer,
                    "`${" + name + "}` in " + field + " is neither a secret of namespace `" + env.ns().name()
                            + "` nor an environment variable of the pods of " + env.podsOf() + ".", hint);
        }
    }

    static List<String> secretNames(ResolvedNamespace ns) {
        List<String> out = new ArrayList<>();
        for (NamespaceSpec.SecretSource s : ns.namespaceSpec().secretsOrEmpty()) {
            if (s != null && s.name() != null) out.add(s.name());
        }
        return out;
    }

    /** Environment variables of the main container: {@code pods.envVars} and the pod templates' main container env. */
    static List<String> envVarNames(KubernetesSpec kubernetes) {
        List<String> out = new ArrayList<>();
        if (kubernetes == null) return out;
        if (kubernetes.pods() != null && kubernetes.pods().envVars() != null) {
            for (KubernetesSpec.EnvVar e : kubernetes.pods().envVars()) {
                if (e != null && e.name() != null) out.add(e.name());
            }
        }
        for (JsonNode template : Arrays.asList(kubernetes.jobManagerPodTemplate(), kubernetes.taskManagerPodTemplate())) {
            if (template == null) continue;
            for (JsonNode container : template.path("spec").path("containers")) {
                if (!MAIN_CONTAINER.equals(container.path("name").asText())) continue;
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").isTextual()) out.add(env.path("name").asText());
                }
            }
        }
        return out;
    }

    // ---- FO405

    private void checkLiteral(Block block, Setting s, RuleContext context) {
        String value = s.value();
        if (value.isBlank() || ONLY_REFERENCES.matcher(value).matches()) return;
        String declare = block.namespace().isEmpty()
                ? "declare it under `secrets` in the Namespace of each team (namespaces/<namespace>/namespace.yaml)"
                : "declare it under `secrets` in namespaces/" + block.namespace() + "/namespace.yaml";
        if (isJaasConfig(s.key())) {
            for (String option : literalJaasSecrets(value)) {
                context.diagnostics().report(Code.LITERAL_SECRET, s.location(), s.pointer(),
                        "`" + s.key() + "` has a literal `" + option + "`; a secret must not be written into Git.",
                        "Store it in a Kubernetes Secret, " + declare + " and write `" + option + "=\"${NAME}\"` with that secret's name.");
            }
        } else if (isSecretKey(s.key())) {
            context.diagnostics().report(Code.LITERAL_SECRET, s.location(), s.pointer(),
                    "`" + s.key() + "` holds a literal value; a secret must not be written into Git.",
                    "Store it in a Kubernetes Secret, " + declare + " and write `${" + referenceName(s.key()) + "}`.");
        }
    }

    /** A JAAS configuration: options such as {@code password="…"} inside it are checked one by one. */
    static boolean isJaasConfig(String key) {
        return compact(key).endsWith("jaasconfig");
    }

    /** The secret options of a JAAS configuration that are not references. */
    static List<String> literalJaasSecrets(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = JAAS_OPTION.matcher(value);
        while (m.find()) {
            String name = m.group(1);
            String v = m.group(3) != null ? m.group(3) : m.group(4);
            if (isSecretKey(name) && !v.isBlank() && !ONLY_REFERENCES.matcher(v).matches() && !out.contains(name)) out.add(name);
        }
        return out;
    }

    /**
     * Flink options whose names contain a secret word but whose values are no secrets: names of Kubernetes
     * Secrets to mount or pull images with, a switch, and the kind of a secret store. (Checked against the
     * keys of the flink-options catalogue: these are all its keys that {@link #isSecretKey} would match
     * wrongly.)
     */
    static final Set<String> NOT_SECRETS = Set.of(
            "kubernetes.secrets", "kubernetes.env.secretkeyref", "kubernetes.container.image.pull-secrets",
            "security.kerberos.fetch.delegation-token", "table.secret-store.kind");

    /**
     * Whether a Flink key (or a JAAS option name) holds a secret. Words anywhere in the key: password
     * (passwd), secret, access key, API key, account key (Azure), private key; as the last word: token,
     * credentials. So {@code security.ssl.internal.keystore-password}, {@code s3.access-key},
     * {@code fs.s3a.secret.key}, {@code fs.azure.account.key.<account>} are secrets, while
     * {@code security.ssl.internal.keystore} (a path), {@code security.delegation.tokens.enabled} and
     * {@code fs.s3a.aws.credentials.provider} (a class name) are not; nor are the {@link #NOT_SECRETS}.
     */
    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (NOT_SECRETS.contains(k)) return false;
        String compact = compact(k);
        if (compact.contains("password") || compact.contains("passwd") || compact.contains("secret")
                || compact.contains("accesskey") || compact.contains("apikey") || compact.contains("accountkey")
                || compact.contains("privatekey")) {
            return true;
        }
        String[] words = k.split("[^a-z0-9]+");
        String last = words.length == 0 ? "" : words[words.length - 1];
        return last.equals("token") || last.equals("credentials");
    }

    private static String compact(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A reference name suggested for a key: {@code s3.secret-key} → {@code S3_SECRET_KEY}. */
    static String referenceName(String key) {
        String name = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return name.replaceAll("^_+|_+$", "");
    }
}
