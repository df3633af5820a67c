package io.flinkops.load;

import io.flinkops.diag.Diagnostics;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.source.Change;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YamlDocument;
import io.flinkops.yaml.YamlReader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which namespaces a set of changed files can affect, for checking only those (pre-commit):
 * <ul>
 *   <li>flinkops.yaml, global-defaults.yaml and the logging profile files flinkops.yaml declares reach every
 *       namespace, so a change to one of them checks everything;</li>
 *   <li>any file in a namespace's folder (a Deployment, DeploymentTarget or SessionCluster, its namespace.yaml
 *       or defaults.yaml, added, changed or deleted) checks that whole namespace: defaults and targets reach
 *       every resource of the namespace, and references never leave it;</li>
 *   <li>a symbolic link counts as changed when the file it leads to changed (in either tree), and when any link
 *       changed every link does, since a link in a chain may have been retargeted;</li>
 *   <li>other files (at the root, under namespaces/ outside a namespace folder, anywhere else) affect no
 *       namespace; the repo-wide checks, which always run, cover the ones flinkops reads.</li>
 * </ul>
 * Objects of other namespaces that could collide with the checked ones (FO203) are the compiler's business:
 * it loads those namespaces too, without reporting their own problems.
 */
public final class ChangeImpact {
    private ChangeImpact() {
    }

    /** The scope that checks what {@code changes} (from {@code base} to {@code head}) can affect in {@code head}. */
    public static Scope of(SourceTree base, SourceTree head, List<Change> changes) {
        SortedSet<String> all = namespaceFolders(head);
        List<String> changedPaths = changes.stream().map(Change::path).toList();
        Set<String> effective = new LinkedHashSet<>(changedPaths);
        Set<String> changedSet = Set.copyOf(changedPaths);
        boolean anyLinkChanged = changes.stream().anyMatch(Change::symlink);
        for (SourceTree.Entry e : head.entries()) {
            if (!e.symlink() || changedSet.contains(e.path())) continue;
            if (anyLinkChanged || leadsTo(head, e.path(), changedSet) || leadsTo(base, e.path(), changedSet)) effective.add(e.path());
        }
        Set<String> global = globalFiles(head);
        SortedSet<String> namespaces = new TreeSet<>();
        for (String path : effective) {
            if (global.contains(path)) {
                return Scope.everything(all, changedPaths, "staged change to " + (changedSet.contains(path) ? path : path + ", a link to a changed file"));
            }
            String ns = Loader.namespaceOf(path);
            if (ns != null && !ns.isEmpty()) namespaces.add(ns);
        }
        return Scope.of(namespaces, all, changedPaths);
    }

    private static boolean leadsTo(SourceTree tree, String link, Set<String> changed) {
        return tree.linkTarget(link).filter(changed::contains).isPresent();
    }

    /** The namespace folders that hold config files. */
    public static SortedSet<String> namespaceFolders(SourceTree tree) {
        SortedSet<String> out = new TreeSet<>();
        for (SourceTree.Entry e : tree.entries()) {
            if (!Loader.isConfigPath(e.path())) continue;
            String ns = Loader.namespaceOf(e.path());
            if (ns != null && !ns.isEmpty()) out.add(ns);
        }
        return out;
    }

    /**
     * The files every namespace depends on: flinkops.yaml, global-defaults.yaml, the template files of the logging
     * profiles and the policy files flinkops.yaml declares (read as written, whether or not the Repository is valid).
     */
    static Set<String> globalFiles(SourceTree tree) {
        Set<String> out = new LinkedHashSet<>(List.of(Loader.REPOSITORY_FILE, Loader.GLOBAL_DEFAULTS_FILE));
        out.addAll(declaredProfileFiles(tree));
        return out;
    }

    static List<String> declaredProfileFiles(SourceTree tree) {
        List<String> out = new ArrayList<>();
        if (!(tree.read(Loader.REPOSITORY_FILE, io.flinkops.yaml.YamlLimits.DEFAULT.maxFileBytes()) instanceof SourceTree.Bytes b)) return out;
        for (YamlDocument doc : new YamlReader(io.flinkops.yaml.YamlLimits.DEFAULT).read(Loader.REPOSITORY_FILE, b.bytes(), new Diagnostics())) {
            if (!(doc.root() instanceof YMap root)) continue;
            Optional<YMap> profiles = root.map("spec").flatMap(s -> s.map("loggingProfiles"));
            profiles.ifPresent(p -> p.entries().values().forEach(entry -> {
                if (entry.value() instanceof YMap profile) {
                    profile.text("file").map(LoggingProfiles::normalize).ifPresent(out::add);
                }
            }));
            if (root.map("spec").map(s -> s.get("policyFiles")).orElse(null) instanceof io.flinkops.yaml.YSeq files) {
                files.items().forEach(f -> {
                    String path = f instanceof io.flinkops.yaml.YScalar s ? LoggingProfiles.normalize(s.text()) : null;
                    if (path != null) out.add(path);
                });
            }
        }
        return out;
    }
}
