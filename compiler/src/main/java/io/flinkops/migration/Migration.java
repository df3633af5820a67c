package io.flinkops.migration;

import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.resolve.Resolved;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link MigrationReport} from two runs of the rules over the same resolved repo: one with the Flink versions
 * written ({@code current}), one with every resource planned at the target version ({@code moved}). A problem of the
 * second run is new when the first has no problem of the same code at the same place; it belongs to every resource
 * whose effective spec reads the value at that place (the plan's resolved tree knows where each value was written),
 * so a problem in a defaults file is listed with each Deployment that inherits it.
 */
public final class Migration {
    private Migration() {
    }

    private record Place(String code, String file, int line, String pointer) {
        static Place of(Diagnostic d) {
            return new Place(d.code().id(), d.file(), d.line(), d.pointer());
        }
    }

    public static MigrationReport report(String flinkVersion, RepoPlan current, Diagnostics currentDiagnostics, RepoPlan moved,
                                         Diagnostics movedDiagnostics) {
        Set<Place> known = new HashSet<>();
        currentDiagnostics.sorted().forEach(d -> known.add(Place.of(d)));
        List<Diagnostic> fresh = movedDiagnostics.sorted().stream().filter(d -> !known.contains(Place.of(d))).toList();

        Map<ResourcePlan, List<Diagnostic>> byResource = new LinkedHashMap<>();
        moved.plans().forEach(p -> byResource.put(p, new ArrayList<>()));
        List<Diagnostic> elsewhere = new ArrayList<>();
        for (Diagnostic d : fresh) {
            boolean placed = false;
            for (ResourcePlan p : moved.plans()) {
                if (reads(p, d)) {
                    byResource.get(p).add(d);
                    placed = true;
                }
            }
            if (!placed) elsewhere.add(d);
        }
        List<MigrationReport.Resource> resources = new ArrayList<>();
        byResource.forEach((p, problems) -> {
            if (problems.isEmpty()) return;
            String now = current.of(p.source()).map(ResourcePlan::flinkVersion).orElse(null);
            resources.add(new MigrationReport.Resource(p.namespace(), p.kind().resourceKind(), p.name(), now, problems));
        });
        long errors = currentDiagnostics.errorCount();
        return new MigrationReport(flinkVersion, moved.plans().size(), resources, elsewhere, errors, currentDiagnostics.warningCount());
    }

    /** Whether the problem is at a value (or key) that the resource's effective spec, or its session cluster's, reads there. */
    private static boolean reads(ResourcePlan p, Diagnostic d) {
        if (!sameNamespaceOrShared(p, d.file())) return false;
        FieldPath path;
        try {
            path = FieldPath.parse(d.pointer());
        } catch (RuntimeException e) {
            return false;
        }
        List<Resolved<?>> sources = new ArrayList<>();
        sources.add(p.source());
        p.sessionCluster().ifPresent(sources::add);
        for (Resolved<?> r : sources) {
            if (d.pointer().isEmpty()) {
                if (r.document().file().equals(d.file())) return true;
                continue;
            }
            if (at(r.locate(path), d) || at(r.locateKey(path), d)) return true;
        }
        return false;
    }

    private static boolean at(Location l, Diagnostic d) {
        return l != null && l.file().equals(d.file()) && l.line() == d.line();
    }

    /** A resource reads files of its own namespace folder and the repo-wide files, never another namespace's. */
    private static boolean sameNamespaceOrShared(ResourcePlan p, String file) {
        if (!file.startsWith("namespaces/")) return true;
        return file.startsWith("namespaces/" + p.namespace() + "/")
                || p.sessionCluster().map(c -> file.equals(c.document().file())).orElse(false);
    }

    /** The minor version in {@code text} ("2.0"), or empty when it is not one. */
    public static Optional<String> minorVersion(String text) {
        return text != null && text.matches("[0-9]+\\.[0-9]+") ? Optional.of(text) : Optional.empty();
    }
}
