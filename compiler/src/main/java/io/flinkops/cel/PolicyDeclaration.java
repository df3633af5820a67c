package io.flinkops.cel;

import io.flinkops.diag.Location;
import io.flinkops.model.FieldPath;
import io.flinkops.model.RepositorySpec;
import io.flinkops.policy.Glob;
import io.flinkops.resolve.Resolved;
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
public record PolicyDeclaration(String name, FieldPath pointer, Location at, Set<String> kinds, List<String> namespaces,
                                Map<String, String> labels, YNode params, Text expression, Optional<Text> message,
                                Optional<Text> messageExpression, boolean warning, List<YMap> tests) {

    public static final FieldPath POLICIES = RepositorySpec.SPEC.child("policies");
    public static final String DEPLOYMENT = "Deployment";
    public static final String SESSION_CLUSTER = "SessionCluster";

    /** A text value with where it is: CEL's positions inside it are turned into file positions. */
    public record Text(String value, FieldPath pointer, YScalar scalar) {
        public Location location() {
            return scalar.location();
        }
    }

    /** The policies of {@code repository}, in file order; none without flinkops.yaml. */
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

    private static Optional<PolicyDeclaration> read(YMap m, FieldPath pointer) {
        Optional<String> name = m.text("name");
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
        return Optional.of(new PolicyDeclaration(name.get(), pointer, m.location(), Set.copyOf(kinds),
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
