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
 * For a check of some namespaces: the other namespaces that could place objects into a Kubernetes namespace a
 * checked one uses, since sharing one is a problem of its own (FO211) and objects there could collide (FO203: same
 * kind and name in the same Kubernetes namespace of the same cluster). Objects are placed by the DeploymentTargets
 * of their own namespace, so only a namespace with a DeploymentTarget for a Kubernetes namespace that a checked
 * namespace's target uses is a neighbour.
 *
 * <p>The other namespaces are searched, not loaded: a file can hold such a target only if its text contains
 * {@code DeploymentTarget} and the Kubernetes namespace's name, or a backslash
 * (only escape sequences, which need one, could spell them otherwise). Only those files are parsed, by the
 * loader's own YAML reader, to see what they really hold. The result may name a namespace that places nothing
 * there after all (an invalid target, a resource on another target; the compiler then loads it for nothing),
 * but never misses one.
 */
public final class Neighbours {
    private static final String TARGET_KIND = Kind.DEPLOYMENT_TARGET.kindName();

    private Neighbours() {
    }

    /**
     * @param loaded  the checked namespaces (and the repo-wide files)
     * @param checked which namespaces are checked; the others are searched
     */
    public static SortedSet<String> of(SourceTree source, LoadedRepo loaded, Predicate<String> checked) {
        Set<String> kubernetesNamespaces = new TreeSet<>();
        for (Document d : loaded.documents()) {
            if (d.kind() == Kind.DEPLOYMENT_TARGET) kubernetesNamespace(d.root()).ifPresent(kubernetesNamespaces::add);
        }
        SortedSet<String> out = new TreeSet<>();
        if (kubernetesNamespaces.isEmpty()) return out;
        Search targets = new Search(kubernetesNamespaces);
        for (SourceTree.Entry e : source.entries()) {
            if (!Loader.isConfigPath(e.path())) continue;
            String ns = Loader.namespaceOf(e.path());
            if (ns == null || ns.isEmpty() || checked.test(ns) || out.contains(ns)) continue;
            if (!(source.read(e.path(), YamlLimits.DEFAULT.maxFileBytes()) instanceof SourceTree.Bytes b)) continue;
            String text = new String(b.bytes(), StandardCharsets.ISO_8859_1); // one char per byte: UTF-8 text searchable as is
            boolean escapes = text.indexOf('\\') >= 0;
            if (!escapes && !(text.contains(TARGET_KIND) && targets.foundIn(text))) continue;
            if (places(e.path(), b.bytes(), kubernetesNamespaces)) out.add(ns);
        }
        return out;
    }

    /** Whether the file holds a target for one of the Kubernetes namespaces. */
    private static boolean places(String path, byte[] bytes, Set<String> kubernetesNamespaces) {
        for (YamlDocument doc : new YamlReader(YamlLimits.DEFAULT).read(path, bytes, new Diagnostics())) {
            if (!(doc.root() instanceof YMap map) || !(map.get("kind") instanceof YScalar kind) || kind.isAliasPlaceholder()) continue;
            if (TARGET_KIND.equals(kind.text()) && kubernetesNamespace(map).filter(kubernetesNamespaces::contains).isPresent()) return true;
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
