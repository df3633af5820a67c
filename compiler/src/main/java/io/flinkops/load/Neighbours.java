package io.flinkops.load;

import io.flinkops.diag.Diagnostics;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.model.Kind;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YamlDocument;
import io.flinkops.yaml.YamlLimits;
import io.flinkops.yaml.YamlReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * For a check of some namespaces: the other namespaces whose objects could collide with theirs (FO203: same
 * kind and name in the same Kubernetes namespace of the same cluster). Objects are placed by the
 * DeploymentTargets of their own namespace and named after their Deployment or SessionCluster, so only a
 * namespace that has both a DeploymentTarget for a Kubernetes namespace that a checked namespace's target uses
 * and a Deployment or SessionCluster with the name of a checked one can collide.
 *
 * <p>The other namespaces are searched, not loaded: a file can hold such a target or resource only if its text
 * contains {@code DeploymentTarget} and the Kubernetes namespace's name, or the resource's name, or a backslash
 * (only escape sequences, which need one, could spell them otherwise). Only those files are parsed, by the
 * loader's own YAML reader, to see what they really hold. The result may name a namespace that places nothing
 * there after all (an invalid target, a resource on another target; the compiler then loads it for nothing),
 * but never misses one.
 */
public final class Neighbours {
    private static final String TARGET_KIND = Kind.DEPLOYMENT_TARGET.kindName();
    private static final Set<String> OBJECT_KINDS = Set.of(Kind.DEPLOYMENT.kindName(), Kind.SESSION_CLUSTER.kindName());

    private Neighbours() {
    }

    /**
     * @param loaded  the checked namespaces (and the repo-wide files)
     * @param checked which namespaces are checked; the others are searched
     */
    public static SortedSet<String> of(SourceTree source, LoadedRepo loaded, Predicate<String> checked) {
        Set<String> kubernetesNamespaces = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (Document d : loaded.documents()) {
            if (d.kind() == Kind.DEPLOYMENT_TARGET) kubernetesNamespace(d.root()).ifPresent(kubernetesNamespaces::add);
            if ((d.kind() == Kind.DEPLOYMENT || d.kind() == Kind.SESSION_CLUSTER) && !d.name().isEmpty()) names.add(d.name());
        }
        SortedSet<String> out = new TreeSet<>();
        if (kubernetesNamespaces.isEmpty() || names.isEmpty()) return out;
        Search targets = new Search(kubernetesNamespaces);
        Search objects = new Search(names);
        // Entries are sorted by path, so each namespace's files come together.
        String current = null;
        List<Candidate> files = new ArrayList<>();
        for (SourceTree.Entry e : source.entries()) {
            if (!Loader.isConfigPath(e.path())) continue;
            String ns = Loader.namespaceOf(e.path());
            if (ns == null || ns.isEmpty() || checked.test(ns)) continue;
            if (!ns.equals(current)) {
                if (current != null && collides(files, kubernetesNamespaces, names)) out.add(current);
                current = ns;
                files.clear();
            }
            if (!(source.read(e.path(), YamlLimits.DEFAULT.maxFileBytes()) instanceof SourceTree.Bytes b)) continue;
            String text = new String(b.bytes(), StandardCharsets.ISO_8859_1); // one char per byte: UTF-8 text searchable as is
            boolean escapes = text.indexOf('\\') >= 0;
            boolean mayPlace = escapes || (text.contains(TARGET_KIND) && targets.foundIn(text));
            boolean mayName = escapes || objects.foundIn(text);
            if (mayPlace || mayName) files.add(new Candidate(e.path(), b.bytes(), mayPlace, mayName));
        }
        if (current != null && collides(files, kubernetesNamespaces, names)) out.add(current);
        return out;
    }

    /** A file of a namespace that the text search could not rule out. */
    private record Candidate(String path, byte[] bytes, boolean mayPlace, boolean mayName) {
    }

    /** Whether the namespace's candidate files hold both a target for one of the Kubernetes namespaces and an object with one of the names. */
    private static boolean collides(List<Candidate> files, Set<String> kubernetesNamespaces, Set<String> names) {
        if (files.stream().noneMatch(Candidate::mayPlace) || files.stream().noneMatch(Candidate::mayName)) return false;
        boolean place = false;
        boolean name = false;
        for (Candidate f : files) {
            if ((place || !f.mayPlace()) && (name || !f.mayName())) continue;
            for (YamlDocument doc : new YamlReader(YamlLimits.DEFAULT).read(f.path(), f.bytes(), new Diagnostics())) {
                if (!(doc.root() instanceof YMap map) || !(map.get("kind") instanceof YScalar kind) || kind.isAliasPlaceholder()) continue;
                place |= f.mayPlace() && TARGET_KIND.equals(kind.text()) && kubernetesNamespace(map).filter(kubernetesNamespaces::contains).isPresent();
                name |= f.mayName() && OBJECT_KINDS.contains(kind.text()) && map.map("metadata").flatMap(m -> m.text("name")).filter(names::contains).isPresent();
            }
            if (place && name) return true;
        }
        return false;
    }

    private static Optional<String> kubernetesNamespace(YNode target) {
        return JsonPointers.find(target, DeploymentTargetSpec.KUBERNETES_NAMESPACE.tokens()) instanceof YScalar s && s.type() != YScalar.Type.NULL && !s.text().isEmpty()
                ? Optional.of(s.text()) : Optional.empty();
    }

    /** Words searched in text decoded as ISO-8859-1 (so the words are their UTF-8 bytes, one char per byte). */
    private record Search(Set<String> words) {
        Search {
            Set<String> latin1 = new TreeSet<>();
            words.forEach(w -> latin1.add(new String(w.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
            words = latin1;
        }

        boolean foundIn(String text) {
            for (String w : words) {
                if (text.contains(w)) return true;
            }
            return false;
        }
    }
}
