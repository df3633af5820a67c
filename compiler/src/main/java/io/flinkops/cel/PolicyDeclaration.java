package io.flinkops.cel;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.model.FieldPath;
import io.flinkops.model.RepositorySpec;
import io.flinkops.policy.Glob;
import io.flinkops.resolve.Resolved;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YamlDocument;
import io.flinkops.yaml.YamlLimits;
import io.flinkops.yaml.YamlReader;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy of flinkops.yaml's {@code spec.policies} (docs/policies.md), as written: plain data, read from the
 * Repository document after its schema check (so an entry without a name or an expression was reported there and is
 * not read). Nothing here touches CEL, so a repo without policies never loads it.
 *
 * @param pointer  where the policy is ({@code /spec/policies/2})
 * @param params   the {@code params} mapping, or null
 * @param tests    the {@code tests} entries, each a mapping
 */
public record PolicyDeclaration(String name, Location nameAt, FieldPath pointer, Location at, Set<String> kinds, List<String> namespaces,
                                Map<String, String> labels, YNode params, Text expression, Optional<Text> message,
                                Optional<Text> messageExpression, boolean warning, List<YMap> tests) {

    public static final FieldPath POLICIES = RepositorySpec.SPEC.child("policies");
    public static final FieldPath POLICY_FILES = RepositorySpec.SPEC.child("policyFiles");
    /** The fields of a policy (repository.schema.json's celPolicy), for checking policy files, which no schema stage reads. */
    private static final Set<String> FIELDS = Set.of("name", "description", "match", "params", "expression", "message",
            "messageExpression", "severity", "tests");
    public static final String DEPLOYMENT = "Deployment";
    public static final String SESSION_CLUSTER = "SessionCluster";

    /** A text value with where it is: CEL's positions inside it are turned into file positions. */
    public record Text(String value, FieldPath pointer, YScalar scalar) {
        public Location location() {
            return scalar.location();
        }
    }

    /** The policies written in flinkops.yaml itself, in order; none without flinkops.yaml. */
    public static List<PolicyDeclaration> of(Optional<Resolved<RepositorySpec>> repository) {
        if (repository.isEmpty()) return List.of();
        YNode node = repository.get().document().at(POLICIES);
        if (!(node instanceof YSeq list)) return List.of();
        List<PolicyDeclaration> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof YMap m) read(m, POLICIES.index(i)).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * Every policy of the repo: flinkops.yaml's, then those of the files its {@code spec.policyFiles} names, in order.
     * A policy file holds {@code policies:}, a list of policies as in flinkops.yaml (examples/policies.yaml is one);
     * what is wrong with a file or an entry goes to {@code problems} (FO952, or the file's YAML errors) and the entry
     * is left out.
     */
    public static List<PolicyDeclaration> of(Optional<Resolved<RepositorySpec>> repository, SourceTree source, Diagnostics problems) {
        List<PolicyDeclaration> out = new ArrayList<>(of(repository));
        if (repository.isEmpty() || !(repository.get().document().at(POLICY_FILES) instanceof YSeq files)) return List.copyOf(out);
        String repositoryFile = repository.get().document().file();
        for (int i = 0; i < files.items().size(); i++) {
            if (!(files.items().get(i) instanceof YScalar named)) continue;
            String path = LoggingProfiles.normalize(named.text());
            FieldPath at = POLICY_FILES.index(i);
            if (path == null) {
                problems.report(Code.POLICY_INVALID, named.location(), at, "`" + named.text() + "` is not a path inside the config repo.",
                        "Name the policy file relative to the repo's root, e.g. `policies/platform.yaml`.");
                continue;
            }
            if (!(source.read(path, YamlLimits.DEFAULT.maxFileBytes()) instanceof SourceTree.Bytes bytes)) {
                problems.report(Code.POLICY_INVALID, named.location(), at, "The policy file `" + path + "` does not exist.",
                        "Add the file, or remove it from `spec.policyFiles` in " + repositoryFile + ".");
                continue;
            }
            List<YamlDocument> docs = new YamlReader().read(path, bytes.bytes(), problems);
            for (YamlDocument doc : docs) {
                if (!(doc.root() instanceof YMap root) || !(root.get("policies") instanceof YSeq list)) {
                    problems.report(Code.POLICY_INVALID, doc.root().location(), "", "A policy file holds `policies:`, a list of policies.",
                            "Write the policies as in flinkops.yaml's spec.policies, under a top-level `policies:` (see examples/policies.yaml).");
                    continue;
                }
                root.entries().keySet().stream().filter(k -> !k.equals("policies")).forEach(k -> problems.report(Code.POLICY_INVALID,
                        root.entry(k).orElseThrow().keyLocation(), FieldPath.of(k), "Unknown field `" + k + "` in a policy file.",
                        "A policy file holds only `policies:`; remove it."));
                for (int j = 0; j < list.items().size(); j++) {
                    FieldPath pointer = FieldPath.of("policies").index(j);
                    if (list.items().get(j) instanceof YMap m && valid(m, pointer, problems)) read(m, pointer).ifPresent(out::add);
                }
            }
        }
        return List.copyOf(out);
    }

    /** What the schema checks for flinkops.yaml's own policies, for an entry of a policy file. */
    private static boolean valid(YMap m, FieldPath pointer, Diagnostics problems) {
        boolean ok = true;
        Set<String> meant = new TreeSet<>();
        for (YMap.Entry e : m.entries().values()) {
            if (!FIELDS.contains(e.key())) {
                String hint = Suggestions.didYouMean(e.key(), FIELDS);
                FIELDS.stream().filter(f -> hint.contains("`" + f + "`")).forEach(meant::add);
                problems.report(Code.POLICY_INVALID, e.keyLocation(), pointer.child(e.key()), "Unknown field `" + e.key() + "` in a policy.",
                        hint.isEmpty() ? "A policy has " + String.join(", ", new TreeSet<>(FIELDS)) + " (docs/policies.md)." : hint);
                ok = false;
            }
        }
        for (String required : List.of("name", "expression")) {
            // A misspelt `expresion:` is one mistake, reported at its key above, not also as a missing `expression`.
            if (meant.contains(required)) continue;
            if (!(m.get(required) instanceof YScalar s) || s.text().isBlank()) {
                problems.report(Code.POLICY_INVALID, m.location(), pointer.child(required), "The policy has no `" + required + "`.",
                        "Every policy has a `name` and an `expression` (docs/policies.md).");
                ok = false;
            }
        }
        if (m.get("name") instanceof YScalar n && !n.text().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            problems.report(Code.POLICY_INVALID, n.location(), pointer.child("name"), "Policy name `" + n.text() + "` is not a valid name.",
                    "Use lower-case letters, digits and `-`, starting and ending with a letter or digit.");
            ok = false;
        }
        if (m.get("severity") instanceof YScalar sev && !List.of("error", "warning").contains(sev.text())) {
            problems.report(Code.POLICY_INVALID, sev.location(), pointer.child("severity"), "`severity` is `error` or `warning`, not `" + sev.text() + "`.",
                    "Write `error` (the default) or `warning`.");
            ok = false;
        }
        return ok;
    }

    private static Optional<PolicyDeclaration> read(YMap m, FieldPath pointer) {
        Optional<String> name = m.text("name");
        Location nameAt = m.entry("name").map(YMap.Entry::keyLocation).orElse(m.location());
        Optional<Text> expression = text(m, pointer, "expression");
        if (name.isEmpty() || expression.isEmpty()) return Optional.empty();
        YMap match = m.map("match").orElse(null);
        Set<String> kinds = new TreeSet<>(strings(match == null ? null : match.get("kinds")));
        if (kinds.isEmpty()) kinds = Set.of(DEPLOYMENT, SESSION_CLUSTER);
        Map<String, String> labels = new LinkedHashMap<>();
        if (match != null && match.get("labels") instanceof YMap l) {
            l.entries().forEach((k, e) -> {
                if (e.value() instanceof YScalar s) labels.put(k, s.text());
            });
        }
        List<YMap> tests = new ArrayList<>();
        if (m.get("tests") instanceof YSeq t) {
            for (YNode item : t.items()) if (item instanceof YMap tm) tests.add(tm);
        }
        return Optional.of(new PolicyDeclaration(name.get(), nameAt, pointer, m.location(), Set.copyOf(kinds),
                strings(match == null ? null : match.get("namespaces")), Map.copyOf(labels), m.get("params"), expression.get(),
                text(m, pointer, "message"), text(m, pointer, "messageExpression"), m.text("severity").map("warning"::equals).orElse(false),
                List.copyOf(tests)));
    }

    private static Optional<Text> text(YMap m, FieldPath pointer, String key) {
        return m.get(key) instanceof YScalar s && !s.text().isEmpty() ? Optional.of(new Text(s.text(), pointer.child(key), s)) : Optional.empty();
    }

    private static List<String> strings(YNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof YSeq s) {
            for (YNode item : s.items()) if (item instanceof YScalar v) out.add(v.text());
        }
        return List.copyOf(out);
    }

    /** Whether the policy applies to a resource of {@code kind} in {@code namespace} with {@code resourceLabels}. */
    public boolean matches(String kind, String namespace, Map<String, String> resourceLabels) {
        if (!kinds.contains(kind)) return false;
        if (!namespaces.isEmpty() && !Glob.anyMatches(namespaces, namespace)) return false;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!l.getValue().equals(resourceLabels.get(l.getKey()))) return false;
        }
        return true;
    }
}
