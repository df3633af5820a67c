package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.load.Document;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.policy.OwnerFiles;
import io.flinkops.render.rbac.MemberRole;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;

/**
 * FO213: in a namespace that binds editors, DeploymentTargets and SessionClusters are in the files CODEOWNERS gives to
 * the owners alone ({@link OwnerFiles}). Without editors there is nobody to keep out, so nothing is reported.
 */
public final class OwnerFilesRule implements Rule {
    @Override
    public Set<Code> codes() {
        return Set.of(Code.OWNER_RESOURCE_IN_EDITOR_FILE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResolvedNamespace ns : plan.resolved().namespaces().values()) {
            if (!bindsEditors(ns.namespaceSpec())) continue;
            for (Document d : ns.documents().targets().values()) check(d, ns.name(), OwnerFiles.TARGET_PLACES, context);
            for (Document d : ns.documents().sessionClusters().values()) check(d, ns.name(), OwnerFiles.SESSION_CLUSTER_PLACES, context);
        }
    }

    private static void check(Document d, String namespace, String places, RuleContext context) {
        if (OwnerFiles.isOwnerOnly(d.file(), namespace)) return;
        context.diagnostics().report(Code.OWNER_RESOURCE_IN_EDITOR_FILE, d.locate(DocumentFields.KIND), DocumentFields.KIND,
                "This " + d.kind().kindName() + " is in `" + d.file() + "`, which the editors of namespace `" + namespace
                        + "` may change: only its owners may decide where its jobs run and what runs them.",
                "Move it to " + places + " of namespaces/" + namespace + "/, which the CODEOWNERS fragment gives to the owners alone.");
    }

    static boolean bindsEditors(NamespaceSpec spec) {
        if (spec == null || spec.roleBindings() == null) return false;
        return spec.roleBindings().stream().anyMatch(b -> b != null && MemberRole.of(b.role()).orElse(null) == MemberRole.EDITOR
                && b.members() != null && b.members().stream().anyMatch(m -> m != null));
    }
}
