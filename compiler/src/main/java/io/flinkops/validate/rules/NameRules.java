package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.model.DocumentFields;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.load.Document;
import io.flinkops.load.NamespaceDocuments;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.Placement;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YScalar;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Names: VVP's name rules for every named resource and namespace folder (FO201), unique cluster names in
 * flinkops.yaml (FO201), and the operator's stricter rule for names that become FlinkDeployments (FO202).
 * The schemas leave name patterns to this rule so that a bad name is reported once, with a better message.
 */
public final class NameRules implements Rule {
    private static final String DNS_LABEL_RULE = "at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit";
    private static final String TARGET_RULE = "at most 250 letters, digits, `-` and `_`";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_NAME, Code.NAME_TOO_LONG_FOR_OPERATOR);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        repo.repository().ifPresent(r -> {
            checkDnsLabel(r, "Repository", context);
            checkClusterNames(r, context);
        });
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            checkNamespaceFolder(ns, context);
            ns.targets().values().forEach(t -> nameOf(t).ifPresent(name -> Names.targetNameProblem(name).ifPresent(problem ->
                    context.report(Code.INVALID_NAME, t, DocumentFields.METADATA_NAME, "DeploymentTarget name `" + name + "` " + problem + ".",
                            "Use " + TARGET_RULE + example(name.replaceAll("[^0-9A-Za-z_-]+", "-"), name, Names.TARGET_NAME_MAX) + "."))));
            ns.sessionClusters().values().forEach(c -> {
                if (checkDnsLabel(c, "SessionCluster", context)) {
                    nameOf(c).ifPresent(name -> checkOperatorName(c, "SessionCluster", name,
                            "as the name of a FlinkDeployment and as the `deploymentName` of its session jobs", context));
                }
            });
            // A Savepoint's name becomes part of its FlinkStateSnapshot's name and of a label value.
            ns.savepoints().values().forEach(s -> checkDnsLabel(s, "Savepoint", context));
            ns.deployments().values().forEach(d -> {
                if (checkDnsLabel(d, "Deployment", context) && Placement.mode(d.spec()) == Placement.Mode.APPLICATION) {
                    nameOf(d).ifPresent(name -> checkOperatorName(d, "Deployment", name, "as the name of a FlinkDeployment", context));
                }
            });
        }
    }

    /** FO201 for a name that must be a DNS label; returns true when the name is valid (or absent). */
    private static boolean checkDnsLabel(Resolved<?> resource, String kind, RuleContext context) {
        Optional<String> name = nameOf(resource);
        Optional<String> problem = name.flatMap(Names::dnsLabelProblem);
        problem.ifPresent(p -> context.report(Code.INVALID_NAME, resource, DocumentFields.METADATA_NAME, kind + " name `" + name.get() + "` " + p + ".",
                "Use " + DNS_LABEL_RULE + dnsExample(name.get()) + "."));
        return problem.isEmpty();
    }

    private static void checkOperatorName(Resolved<?> resource, String kind, String name, String role, RuleContext context) {
        Names.operatorNameProblem(name).ifPresent(problem -> context.report(Code.NAME_TOO_LONG_FOR_OPERATOR, resource, DocumentFields.METADATA_NAME,
                kind + " name `" + name + "` " + problem + ": VVP accepts it, but the Flink Kubernetes Operator rejects it " + role
                        + " (at most " + Names.OPERATOR_NAME_MAX + " characters, starting with a letter).",
                "Rename the " + kind + " to at most " + Names.OPERATOR_NAME_MAX + " lower-case letters, digits and `-`, starting with a letter."));
    }

    /**
     * The namespace folder name becomes labels and Kubernetes names, so it follows the Namespace rule. It is
     * reported at namespace.yaml's name when there is one, else at the first file of the folder.
     */
    private static void checkNamespaceFolder(ResolvedNamespace ns, RuleContext context) {
        String name = ns.name();
        Names.dnsLabelProblem(name).ifPresent(problem -> {
            String message = "Namespace name `" + name + "` (the folder namespaces/" + name + "/) " + problem + ".";
            String hint = "Rename the folder" + (ns.namespace().isPresent() ? " and the Namespace's `metadata.name`" : "")
                    + " to " + DNS_LABEL_RULE + dnsExample(name) + ".";
            Optional<Resolved<NamespaceSpec>> namespace = ns.namespace().filter(n -> name.equals(n.name()));
            if (namespace.isPresent()) {
                context.report(Code.INVALID_NAME, namespace.get(), DocumentFields.METADATA_NAME, message, hint);
            } else {
                firstFile(ns.documents()).ifPresent(file ->
                        context.diagnostics().report(Code.INVALID_NAME, Location.ofFile(file), "", message, hint));
            }
        });
    }

    /** Cluster names are label values and output directory names; their pattern is the schema's, their uniqueness is checked here. */
    private static void checkClusterNames(Resolved<RepositorySpec> repository, RuleContext context) {
        if (!repository.isTyped() || repository.spec().clusters() == null) return;
        List<RepositorySpec.Cluster> clusters = repository.spec().clusters();
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            String name = clusters.get(i) == null ? null : clusters.get(i).name();
            if (name == null) continue;
            Integer earlier = first.putIfAbsent(name, i);
            if (earlier != null) {
                FieldPath pointer = RepositorySpec.CLUSTERS.index(i).child("name");
                Location at = repository.locate(RepositorySpec.CLUSTERS.index(earlier).child("name"));
                context.report(Code.INVALID_NAME, repository, pointer,
                        "Cluster `" + name + "` is listed twice in `spec.clusters`; the first is at " + at.file() + ":" + at.line() + ".",
                        "Remove one of them, or rename it; cluster names are unique.");
            }
        }
    }

    /** The resource's {@code metadata.name} when it is a string (the schema reports other types). */
    private static Optional<String> nameOf(Resolved<?> resource) {
        return resource.document().at(DocumentFields.METADATA_NAME) instanceof YScalar s && s.isString() && !s.text().isEmpty()
                ? Optional.of(s.text()) : Optional.empty();
    }

    private static Optional<String> firstFile(NamespaceDocuments docs) {
        return Stream.of(docs.namespace().stream(), docs.defaults().stream(), docs.deployments().values().stream(),
                        docs.targets().values().stream(), docs.sessionClusters().values().stream(), docs.savepoints().values().stream())
                .flatMap(s -> s)
                .map(Document::file)
                .min(Comparator.naturalOrder());
    }

    private static String dnsExample(String name) {
        return Names.dnsLabelLike(name).map(s -> ", e.g. `" + s + "`").orElse("");
    }

    private static String example(String candidate, String name, int max) {
        String s = candidate.length() > max ? candidate.substring(0, max) : candidate;
        return s.isEmpty() || s.equals(name) ? "" : ", e.g. `" + s + "`";
    }
}
