package io.flinkops.load;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a check covers: every namespace, or only some. The repo-wide files (flinkops.yaml,
 * global-defaults.yaml, the other files at the root, stray files under namespaces/) are always checked,
 * since they are few and apply to every namespace. A check of some namespaces reports their problems
 * exactly as a check of everything would, including conflicts with objects of other namespaces (FO203).
 *
 * @param everything    every namespace is checked ({@code namespaces} is then empty)
 * @param namespaces    the namespaces checked when not everything
 * @param allNamespaces the namespace folders of the tree (for "2 of 14")
 * @param changes       the changed files this scope was derived from (repo-relative), empty when none were given
 * @param because       why everything is checked ("staged change to flinkops.yaml", say), when it is and a reason is known
 */
public record Scope(boolean everything, SortedSet<String> namespaces, SortedSet<String> allNamespaces,
                    List<String> changes, Optional<String> because) {

    /** Everything, no reason recorded: a plain full check. */
    public static final Scope EVERYTHING = new Scope(true, new TreeSet<>(), new TreeSet<>(), List.of(), Optional.empty());

    public Scope {
        namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
        allNamespaces = Collections.unmodifiableSortedSet(new TreeSet<>(allNamespaces));
        changes = List.copyOf(changes);
    }

    public static Scope everything(SortedSet<String> allNamespaces, List<String> changes, String because) {
        return new Scope(true, new TreeSet<>(), allNamespaces, changes, Optional.of(because));
    }

    public static Scope of(SortedSet<String> namespaces, SortedSet<String> allNamespaces, List<String> changes) {
        return new Scope(false, namespaces, allNamespaces, changes, Optional.empty());
    }

    public boolean includes(String namespace) {
        return everything || namespaces.contains(namespace);
    }

    /** The namespaces of the tree that are checked. */
    public SortedSet<String> checked() {
        if (everything) return allNamespaces;
        SortedSet<String> out = new TreeSet<>(namespaces);
        out.retainAll(allNamespaces);
        return Collections.unmodifiableSortedSet(out);
    }
}
