package io.flinkops.load;

import io.flinkops.diag.Diagnostics;
import io.flinkops.model.Kind;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YamlDocument;
import io.flinkops.yaml.YamlLimits;
import io.flinkops.yaml.YamlReader;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * For a check of some namespaces: the other namespaces whose objects could collide with theirs (FO203, same
 * kind and name in the same Kubernetes namespace of the same cluster). Objects are placed by the
 * DeploymentTargets of their own namespace, so only a namespace with a DeploymentTarget for a Kubernetes
 * namespace that a checked namespace's target uses can collide.
 *
 * <p>The other namespaces are searched, not loaded: a file can hold such a target only if its text contains
 * {@code DeploymentTarget} and the Kubernetes namespace's name, or a backslash (only escape sequences, which
 * need one, could spell them otherwise). Only those files are parsed, by the loader's own YAML reader, to see
 * whether they really hold such a target. The result may name a namespace whose target is invalid (so that it
 * places nothing after all; the compiler then loads it for nothing), but never misses one.
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
        Set<String> kubernetesSearch = new TreeSet<>();
        kubernetesNamespaces.forEach(k -> kubernetesSearch.add(latin1(k)));
        SortedSet<String> out = new TreeSet<>();
        if (kubernetesNamespaces.isEmpty()) return out;
        for (SourceTree.Entry e : source.entries()) {
            if (!Loader.isConfigPath(e.path())) continue;
            String ns = Loader.namespaceOf(e.path());
            if (ns == null || ns.isEmpty() || checked.test(ns) || out.contains(ns)) continue;
            if (source.read(e.path(), YamlLimits.DEFAULT.maxFileBytes()) instanceof SourceTree.Bytes b
                    && mayHoldTarget(b.bytes(), kubernetesSearch) && holdsTarget(e.path(), b.bytes(), kubernetesNamespaces)) {
                out.add(ns);
            }
        }
        return out;
    }

    private static boolean mayHoldTarget(byte[] bytes, Set<String> kubernetesNamespaces) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: UTF-8 text searchable as is
        if (text.indexOf('\\') >= 0) return true;
        if (!text.contains(TARGET_KIND)) return false;
        for (String k : kubernetesNamespaces) {
            if (text.contains(k)) return true;
        }
        return false;
    }

    /** Whether the file, read as the loader reads it, has a DeploymentTarget for one of {@code kubernetesNamespaces}. */
    private static boolean holdsTarget(String path, byte[] bytes, Set<String> kubernetesNamespaces) {
        for (YamlDocument doc : new YamlReader(YamlLimits.DEFAULT).read(path, bytes, new Diagnostics())) {
            if (doc.root() instanceof YMap map && map.get("kind") instanceof YScalar kind && !kind.isAliasPlaceholder()
                    && TARGET_KIND.equals(kind.text()) && kubernetesNamespace(map).filter(kubernetesNamespaces::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> kubernetesNamespace(YNode target) {
        return target.at("/spec/kubernetes/namespace") instanceof YScalar s && s.type() != YScalar.Type.NULL && !s.text().isEmpty()
                ? Optional.of(s.text()) : Optional.empty();
    }

    /** The UTF-8 bytes of {@code s}, one char per byte, to search texts decoded as ISO-8859-1. */
    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
