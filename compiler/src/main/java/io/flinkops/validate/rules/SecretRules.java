package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Secret references in Flink configuration (FO404): every {@code ${NAME}} reference resolves. It looks only at
 * references that flinkops' entrypoint fills in (a FlinkDeployment's configuration, keys Flink reads, names that can
 * be environment variables); a reference anywhere else cannot work whatever it names, and FO921 says so instead.
 * Literal secrets are {@link LiteralSecretRules}' (FO405).
 */
public final class SecretRules implements Rule {
    @Override
    public Set<Code> codes() {
        return Set.of(Code.UNRESOLVED_SECRET_REFERENCE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            ResolvedNamespace ns = plan.resolved().namespaces().get(p.namespace());
            if (p.isSessionJob()) continue; // its configuration is submitted as written (FO921)
            KubernetesSpec kubernetes = p.kind() == ResourcePlan.Kind.SESSION_CLUSTER ? p.sessionClusterResource().spec().kubernetes()
                    : p.deployment().spec().templateSpec().kubernetes();
            Environment env = new Environment(ns, kubernetes, p.describe());
            for (LocatedSetting s : p.ownConfiguration().settings()) {
                if (OperatorKeys.readByOperator(s.key())) continue; // used unexpanded (FO921)
                checkReferences(s.value(), "`" + s.key() + "`", s.location(), s.pointer(), env, context);
            }
        }
    }

    // ---- FO404

    /** The names a reference of a Deployment or SessionCluster can resolve to, and how to say where they are declared. */
    private record Environment(ResolvedNamespace ns, KubernetesSpec kubernetes, String podsOf) {
        Set<String> names() {
            Set<String> names = new LinkedHashSet<>(secretNames(ns));
            names.addAll(PodTemplates.mainContainerEnv(kubernetes).keySet());
            return names;
        }

        String namespaceFile() {
            return ns.namespace().map(r -> r.document().file()).orElse("namespaces/" + ns.name() + "/namespace.yaml");
        }
    }

    private void checkReferences(String value, String field, Location at, FieldPath pointer, Environment env, RuleContext context) {
        Matcher m = SecretReferences.PATTERN.matcher(value);
        Set<String> declared = null;
        while (m.find()) {
            String name = m.group(1);
            if (!SecretReferences.isEnvName(name)) continue; // cannot reach Flink at all (FO921)
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
}
