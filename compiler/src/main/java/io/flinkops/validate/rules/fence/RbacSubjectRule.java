package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.load.Document;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.FieldPath;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.policy.RbacSubjects;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FO214: no namespace binds a wildcard or a Kubernetes system principal ({@link RbacSubjects}) unless the Repository
 * policy allows it. Read from namespace.yaml as written, so that each member is reported at its own line.
 */
public final class RbacSubjectRule implements Rule {
    private static final FieldPath ROLE_BINDINGS = DocumentFields.SPEC.child("roleBindings");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.RBAC_SUBJECT_NOT_ALLOWED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        RepositorySpec.Policy policy = plan.resolved().settings().policyOrEmpty();
        List<String> allowed = policy.allowedRbacSubjects() == null ? List.of() : policy.allowedRbacSubjects();
        for (ResolvedNamespace ns : plan.resolved().namespaces().values()) {
            Optional<Document> doc = ns.documents().namespace();
            if (doc.isEmpty() || !(doc.get().at(ROLE_BINDINGS) instanceof YSeq bindings)) continue;
            for (int i = 0; i < bindings.items().size(); i++) {
                if (!(bindings.items().get(i) instanceof YMap binding) || !(binding.get("members") instanceof YSeq members)) continue;
                String role = binding.text("role").orElse("");
                for (int j = 0; j < members.items().size(); j++) {
                    if (!(members.items().get(j) instanceof YScalar member) || member.type() == YScalar.Type.NULL) continue;
                    String name = member.text();
                    Optional<String> problem = RbacSubjects.problem(name, role, allowed);
                    if (problem.isEmpty()) continue;
                    context.diagnostics().report(Code.RBAC_SUBJECT_NOT_ALLOWED, member.location(),
                            ROLE_BINDINGS.index(i).child("members").index(j),
                            "Member `" + name + "` of role `" + role + "` in namespace `" + ns.name() + "` " + problem.get() + ".",
                            "Name the team's users (`user:<name>`) or groups (`group:<name>`); if the platform team means to bind `" + name
                                    + "`, it lists it under `policy.allowedRbacSubjects` in flinkops.yaml.");
                }
            }
        }
    }
}
