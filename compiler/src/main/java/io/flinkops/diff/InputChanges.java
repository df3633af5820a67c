package io.flinkops.diff;

import io.flinkops.diag.Location;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.FieldPath;
import io.flinkops.model.Logging;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.model.RepositorySpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.render.mapping.MappingTable;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The changed inputs of one Deployment or SessionCluster, each with the file:line that set it (provenance of the
 * resolve stage): its effective spec — so a change to a defaults file shows up in every deployment it reaches,
 * naming the defaults file —, its DeploymentTarget, and, when its objects change, the parts of flinkops.yaml,
 * its Namespace and its logging profile file that rendering reads.
 */
final class InputChanges {
    private static final int MAX_VALUE = 60;

    private InputChanges() {
    }

    static List<FieldChange> of(SubjectPair pair) {
        List<FieldChange> out = new ArrayList<>();
        SubjectSide base = pair.base();
        SubjectSide head = pair.head();
        Optional<Resolved<?>> b = base.source();
        Optional<Resolved<?>> h = head.source();
        if (b.isEmpty() || h.isEmpty()) return out;
        boolean deployment = !pair.subject().isSessionCluster();

        // The effective spec.
        new Walk(null, deployment ? Display.DEPLOYMENT : Display.SESSION_CLUSTER, h.get(), out)
                .diff(b.get().effective().get("spec"), h.get().effective().get("spec"), DocumentFields.SPEC, "");

        // The DeploymentTarget (placement), when both name the same one.
        String bt = targetName(b.get());
        String ht = targetName(h.get());
        if (bt != null && bt.equals(ht)) {
            Optional<Resolved<?>> btd = target(base.repo(), pair.subject().namespace(), bt);
            Optional<Resolved<?>> htd = target(head.repo(), pair.subject().namespace(), ht);
            if (btd.isPresent() && htd.isPresent()) {
                new Walk("DeploymentTarget `" + bt + "`", Display.PLAIN, htd.get(), out)
                        .diff(btd.get().effective().get("spec"), htd.get().effective().get("spec"), DocumentFields.SPEC, "");
            }
        }

        if (pair.objectsEqual()) return out;
        // What rendering reads from flinkops.yaml and the Namespace; only worth naming when the objects changed.
        var br = base.repo().repository();
        var hr = head.repo().repository();
        if (br.isPresent() && hr.isPresent()) {
            Walk repo = new Walk("flinkops.yaml", Display.PLAIN, hr.get(), out);
            repo.diffAt(br.get(), RepositorySpec.OPERATOR, "operator");
            Set<String> versions = new LinkedHashSet<>();
            flinkVersion(b.get()).ifPresent(versions::add);
            flinkVersion(h.get()).ifPresent(versions::add);
            for (String v : versions) repo.diffAt(br.get(), RepositorySpec.DEFAULT_IMAGES.child(v), "defaultImages." + v);
            if (isSqlScript(b.get()) || isSqlScript(h.get())) repo.diffAt(br.get(), RepositorySpec.SQL_RUNNER, "sqlRunner");
            Set<String> profiles = new LinkedHashSet<>();
            profile(b.get()).ifPresent(profiles::add);
            profile(h.get()).ifPresent(profiles::add);
            for (String p : profiles) {
                repo.diffAt(br.get(), RepositorySpec.LOGGING_PROFILES.child(p), "loggingProfiles." + p);
                profileFile(base, head, p).ifPresent(out::add);
            }
        }
        ResolvedNamespace bn = base.repo().namespaces().get(pair.subject().namespace());
        ResolvedNamespace hn = head.repo().namespaces().get(pair.subject().namespace());
        if (bn != null && hn != null && bn.namespace().isPresent() && hn.namespace().isPresent()) {
            new Walk("Namespace `" + pair.subject().namespace() + "`", Display.PLAIN, hn.namespace().get(), out)
                    .diffAt(bn.namespace().get(), NamespaceSpec.SECRETS, "secrets");
        }
        return out;
    }

    private static String targetName(Resolved<?> r) {
        if (!r.isTyped()) return null;
        if (r.spec() instanceof DeploymentSpec d) return d.sessionClusterName() == null ? d.deploymentTargetName() : null;
        if (r.spec() instanceof SessionClusterSpec c) return c.deploymentTargetName();
        return null;
    }

    private static Optional<Resolved<?>> target(ResolvedRepo repo, String namespace, String name) {
        ResolvedNamespace ns = repo.namespaces().get(namespace);
        return ns == null ? Optional.empty() : Optional.ofNullable(ns.targets().get(name));
    }

    private static Optional<String> flinkVersion(Resolved<?> r) {
        if (!r.isTyped()) return Optional.empty();
        if (r.spec() instanceof DeploymentSpec d && d.templateSpec().artifact() != null) {
            return Optional.ofNullable(d.templateSpec().artifact().flinkVersion());
        }
        if (r.spec() instanceof SessionClusterSpec c) return Optional.ofNullable(c.flinkVersion());
        return Optional.empty();
    }

    private static boolean isSqlScript(Resolved<?> r) {
        return r.isTyped() && r.spec() instanceof DeploymentSpec d && d.templateSpec().artifact() != null
                && "SQLSCRIPT".equals(d.templateSpec().artifact().kind());
    }

    private static Optional<String> profile(Resolved<?> r) {
        if (!r.isTyped()) return Optional.empty();
        Logging logging = r.spec() instanceof DeploymentSpec d ? d.templateSpec().logging()
                : r.spec() instanceof SessionClusterSpec c ? c.logging() : null;
        if (logging != null && logging.log4j2ConfigurationTemplate() != null) return Optional.empty();
        String name = logging == null || logging.loggingProfile() == null ? "default" : logging.loggingProfile();
        return Optional.of(name);
    }

    /** A declared profile whose template file changed, located at its first changed line. */
    private static Optional<FieldChange> profileFile(SubjectSide base, SubjectSide head, String name) {
        // The profiles each revision's plan stage read (once per compilation).
        var bp = base.snapshot().compilation().plan().logConfigurations().profiles().get(name);
        var hp = head.snapshot().compilation().plan().logConfigurations().profiles().get(name);
        if (hp.isEmpty() || hp.get().origin() != LoggingProfiles.Origin.REPOSITORY || !hp.get().readable()) return Optional.empty();
        String after = hp.get().text().get();
        String before = bp.flatMap(LoggingProfiles.Profile::text).orElse(null);
        if (after.equals(before)) return Optional.empty();
        String path = hp.get().path();
        int line = firstDifferentLine(before == null ? "" : before, after);
        return Optional.of(new FieldChange("logging profile `" + name + "`", path,
                before == null ? FieldChange.Kind.SET : FieldChange.Kind.CHANGED, null, null,
                new Location(path, line, 1), FieldChange.Category.SPEC));
    }

    static int firstDifferentLine(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        int i = 0;
        while (i < x.size() && i < y.size() && x.get(i).equals(y.get(i))) i++;
        return Math.min(i, Math.max(y.size() - 1, 0)) + 1;
    }

    /** How a field is named in a reason. */
    private enum Display {
        /** Relative to {@code spec.template.spec}; other Deployment fields relative to {@code spec}. */
        DEPLOYMENT,
        /** Relative to {@code spec}. */
        SESSION_CLUSTER,
        /** Relative to {@code spec}, or named by the caller. */
        PLAIN
    }

    /** Compares two effective trees leaf by leaf; a mapping or list that is only on one side is one change. */
    private record Walk(String owner, Display display, Resolved<?> headDoc, List<FieldChange> out) {

        void diffAt(Resolved<?> baseDoc, FieldPath path, String name) {
            diff(baseDoc.at(path), headDoc.at(path), path, name);
        }

        void diff(YNode a, YNode b, FieldPath path, String name) {
            if (a != null && a.isNull()) a = null;
            if (b != null && b.isNull()) b = null;
            if (a == null && b == null) return;
            // A mapping on one side only is compared with an empty one, so each of its values is named.
            if (a == null && b instanceof YMap) a = new YMap(java.util.Map.of(), b.location());
            if (b == null && a instanceof YMap) b = new YMap(java.util.Map.of(), a.location());
            if (a instanceof YMap am && b instanceof YMap bm) {
                Set<String> keys = new LinkedHashSet<>(am.entries().keySet());
                keys.addAll(bm.entries().keySet());
                for (String k : keys) {
                    diff(am.get(k), bm.get(k), path.child(k), join(name, path, k));
                }
                return;
            }
            if (a instanceof YSeq as && b instanceof YSeq bs) {
                for (int i = 0; i < Math.max(as.items().size(), bs.items().size()); i++) {
                    YNode x = i < as.items().size() ? as.items().get(i) : null;
                    YNode y = i < bs.items().size() ? bs.items().get(i) : null;
                    diff(x, y, path.index(i), name + "[" + i + "]");
                }
                return;
            }
            if (a instanceof YScalar x && b instanceof YScalar y && x.text().equals(y.text())) return;
            String field = name.isEmpty() ? path.pointer() : name;
            FieldChange.Category category = owner == null ? category(field) : FieldChange.Category.SPEC;
            if (a == null) {
                out.add(new FieldChange(owner, field, FieldChange.Kind.SET, null, shown(b), b.location(), category));
            } else if (b == null) {
                Optional<Location> nulled = nullAt(path);
                out.add(new FieldChange(owner, field, nulled.isPresent() ? FieldChange.Kind.REMOVED_BY_NULL : FieldChange.Kind.REMOVED,
                        shown(a), null, nulled.orElse(a.location()), category));
            } else {
                out.add(new FieldChange(owner, field, FieldChange.Kind.CHANGED, shown(a), shown(b), b.location(), category));
            }
        }

        /** The field name of {@code key} below {@code path}; a Deployment's template fields drop `template.spec`. */
        private String join(String name, FieldPath path, String key) {
            if (display == Display.DEPLOYMENT && path.equals(DeploymentSpec.TEMPLATE_SPEC)) return key;
            return name.isEmpty() ? key : name + "." + key;
        }

        /** An explicit {@code null} in the head document itself at the path or above it. */
        private Optional<Location> nullAt(FieldPath path) {
            for (FieldPath p = path; !p.isRoot(); p = p.parent()) {
                YNode n = headDoc.document().at(p);
                if (n != null && n.isNull() && !(n instanceof YScalar s && s.isAliasPlaceholder())) return Optional.of(n.location());
            }
            return Optional.empty();
        }
    }

    private static String shown(YNode node) {
        if (!(node instanceof YScalar s)) return null;
        String t = s.text();
        return t.contains("\n") || t.length() > MAX_VALUE ? null : t;
    }

    /** What a change of a field of the spec does: the category of the mapping table row that names it. */
    static FieldChange.Category category(String field) {
        return FieldChange.Category.of(MappingTable.categoryOf(field));
    }
}
