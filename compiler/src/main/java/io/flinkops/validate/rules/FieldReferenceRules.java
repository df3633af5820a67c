package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.model.Artifact;
import io.flinkops.model.FieldPath;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FO407: a {@code ${NAME}} reference in a field that flinkops passes on as written. References are filled in only in
 * {@code flinkConfiguration} (inside the pods, FO404 and FO921 check them there); in the artifact's {@code mainArgs},
 * {@code entryClass} or {@code entryModule}, and in the value of an environment variable of {@code kubernetes.pods}
 * (Kubernetes expands {@code $(NAME)}, not {@code ${NAME}}), the job would get the literal text. Artifact URIs with a
 * reference are FO921's.
 */
public final class FieldReferenceRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.REFERENCE_NOT_FILLED_IN);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            p.job().ifPresent(job -> checkArtifact(p, job.artifact().artifact(), job.artifact().pointer(), context));
            p.cluster().ifPresent(c -> checkEnvVars(p, c, context));
        }
    }

    private static void checkArtifact(ResourcePlan p, Artifact a, FieldPath base, RuleContext context) {
        if (a == null) return;
        String configHint = "Put the value in `flinkConfiguration` instead (e.g. "
                + "`pipeline.global-job-parameters.<name>: ${NAME}`, filled in inside the pods) and read it from the job's "
                + "configuration, or read an environment variable in the job.";
        // In single quotes a reference is meant literally, as a shell would take it (mainArgs are split like shell words).
        check(p, base.child("mainArgs"), "mainArgs", outsideSingleQuotes(a.mainArgs()), configHint, context);
        check(p, base.child("entryClass"), "entryClass", a.entryClass(), "Write the class name itself.", context);
        check(p, base.child("entryModule"), "entryModule", a.entryModule(), "Write the module name itself.", context);
    }

    private static void checkEnvVars(ResourcePlan p, ClusterPlan c, RuleContext context) {
        KubernetesSpec k = c.kubernetes();
        if (k == null || k.pods() == null || k.pods().envVars() == null) return;
        List<KubernetesSpec.EnvVar> vars = k.pods().envVars();
        for (int i = 0; i < vars.size(); i++) {
            KubernetesSpec.EnvVar v = vars.get(i);
            if (v == null || v.value() == null) continue;
            String names = SecretReferences.names(v.value()).stream().map(n -> "$(" + n + ")").collect(Collectors.joining(", "));
            check(p, p.fields().kubernetes().child("pods", "envVars").index(i).child("value"),
                    "kubernetes.pods.envVars[" + i + "].value", v.value(),
                    "Kubernetes fills in other variables of the container written " + names + "; for a Namespace secret, "
                            + "use `valueFrom.secretKeyRef`, or write the reference in `flinkConfiguration`.", context);
        }
    }

    /** The text with everything inside single quotes (outside double quotes) left out. */
    static String outsideSingleQuotes(String text) {
        if (text == null || text.indexOf('\'') < 0) return text;
        StringBuilder out = new StringBuilder();
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && !single && i + 1 < text.length()) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '\'' && !dbl) {
                single = !single;
                out.append(' ');
            } else if (!single) {
                if (c == '"') dbl = !dbl;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void check(ResourcePlan p, FieldPath path, String field, String value, String hint, RuleContext context) {
        if (!SecretReferences.has(value)) return;
        String refs = SecretReferences.names(value).stream().map(n -> "`${" + n + "}`").collect(Collectors.joining(", "));
        context.report(Code.REFERENCE_NOT_FILLED_IN, p.source(), path,
                "`" + field + "` contains " + refs + ", but flinkops fills in references only in `flinkConfiguration`: "
                        + "the job would get the literal text.", hint);
    }
}
