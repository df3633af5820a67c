package io.flinkops.diff;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.Renderer;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.source.SourceTree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One revision of the config repo, compiled: its source, its compilation and the objects it renders, grouped
 * by the Deployment or SessionCluster they belong to.
 *
 * <p>A revision with errors renders nothing ({@link Compiler}); for the base revision {@code flinkops diff}
 * still wants to compare what can be compared, so {@link #of} renders such a revision anyway, best effort: the
 * renderers skip what they cannot map, and whatever they emit is what the base meant. Such objects are never
 * applied by anybody; they only stand for the base side of the comparison.
 */
public final class Snapshot {
    private final SourceTree tree;
    private final Compilation compilation;
    private final List<RenderedObject> objects;
    private final boolean complete;
    private final SortedMap<Subject, SubjectSide> sides = new TreeMap<>();
    private final List<RenderedObject> shared = new ArrayList<>();

    private Snapshot(SourceTree tree, Compilation compilation, List<RenderedObject> objects, boolean complete) {
        this.tree = tree;
        this.compilation = compilation;
        this.objects = List.copyOf(objects);
        this.complete = complete;
        group();
    }

    /** Compiles {@code tree} with the {@link Compiler}; a revision with errors is rendered best effort. */
    public static Snapshot of(SourceTree tree) {
        return of(tree, new Compiler().compile(tree));
    }

    public static Snapshot of(SourceTree tree, Compilation compilation) {
        if (compilation.output().isPresent()) {
            return new Snapshot(tree, compilation, all(compilation.output().get()), true);
        }
        List<RenderedObject> bestEffort;
        try {
            RenderOutput output = new Renderer().render(compilation.plan(), new RenderContext(Optional.empty()));
            bestEffort = all(output);
        } catch (RuntimeException e) {
            bestEffort = List.of(); // an invalid repo the renderers cannot map at all: nothing to compare
        }
        return new Snapshot(tree, compilation, bestEffort, false);
    }

    private static List<RenderedObject> all(RenderOutput output) {
        List<RenderedObject> out = new ArrayList<>();
        output.clusters().values().forEach(out::addAll);
        return out;
    }

    public SourceTree tree() {
        return tree;
    }

    public Compilation compilation() {
        return compilation;
    }

    /** True when the revision compiled without errors, so its objects are exactly what the agent applies. */
    public boolean complete() {
        return complete;
    }

    public List<RenderedObject> objects() {
        return objects;
    }

    /** Every Deployment and SessionCluster of the revision: those of its documents and those its objects name. */
    public SortedMap<Subject, SubjectSide> sides() {
        return Collections.unmodifiableSortedMap(sides);
    }

    /** Objects that belong to a flinkops namespace rather than to one deployment (RBAC). */
    public List<RenderedObject> shared() {
        return Collections.unmodifiableList(shared);
    }

    public SubjectSide side(Subject subject) {
        SubjectSide side = sides.get(subject);
        return side != null ? side : new SubjectSide(subject, this, null, null, List.of(), List.of());
    }

    private void group() {
        SortedMap<Subject, Resolved<?>> sources = new TreeMap<>();
        for (ResolvedNamespace ns : compilation.repo().namespaces().values()) {
            ns.deployments().forEach((name, d) -> sources.put(new Subject(ns.name(), name, Subject.Kind.DEPLOYMENT), d));
            ns.sessionClusters().forEach((name, c) -> sources.put(new Subject(ns.name(), name, Subject.Kind.SESSION_CLUSTER), c));
        }
        SortedMap<Subject, RenderedObject> main = new TreeMap<>();
        SortedMap<Subject, List<RenderedObject>> configMaps = new TreeMap<>();
        SortedMap<Subject, List<RenderedObject>> stateSnapshots = new TreeMap<>();
        for (RenderedObject o : objects) {
            Optional<Subject> subject = subjectOf(o);
            if (subject.isEmpty()) {
                shared.add(o);
            } else if (o.kind().equals("ConfigMap")) {
                configMaps.computeIfAbsent(subject.get(), s -> new ArrayList<>()).add(o);
            } else if (o.kind().equals(Operations.KIND_SNAPSHOT)) {
                // A savepoint of the job, not its main object (docs/day-2.md).
                stateSnapshots.computeIfAbsent(subject.get(), s -> new ArrayList<>()).add(o);
            } else {
                main.put(subject.get(), o);
            }
        }
        java.util.SortedSet<Subject> all = new java.util.TreeSet<>(sources.keySet());
        all.addAll(main.keySet());
        all.addAll(configMaps.keySet());
        for (Subject s : all) {
            List<RenderedObject> cms = new ArrayList<>(configMaps.getOrDefault(s, List.of()));
            cms.sort(RenderedObject.ORDER);
            List<RenderedObject> snapshots = new ArrayList<>(stateSnapshots.getOrDefault(s, List.of()));
            snapshots.sort(RenderedObject.ORDER);
            sides.put(s, new SubjectSide(s, this, sources.get(s), main.get(s), cms, snapshots));
        }
    }

    /** The Deployment or SessionCluster an object belongs to, from its ownership labels. */
    static Optional<Subject> subjectOf(RenderedObject o) {
        var labels = o.content().path("metadata").path("labels");
        String ns = labels.path(Ownership.NAMESPACE).asText(null);
        if (ns == null) return Optional.empty();
        if (labels.has(Ownership.DEPLOYMENT)) {
            return Optional.of(new Subject(ns, labels.get(Ownership.DEPLOYMENT).asText(), Subject.Kind.DEPLOYMENT));
        }
        if (labels.has(Ownership.SESSION_CLUSTER)) {
            return Optional.of(new Subject(ns, labels.get(Ownership.SESSION_CLUSTER).asText(), Subject.Kind.SESSION_CLUSTER));
        }
        return Optional.empty();
    }
}
