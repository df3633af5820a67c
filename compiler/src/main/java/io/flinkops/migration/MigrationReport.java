package io.flinkops.migration;

import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;

import java.util.List;

/**
 * What would break if every Deployment and SessionCluster of a repo ran another Flink version
 * ({@code flinkops validate --flink-version}): the problems that the rules find with that version and not with the
 * versions written, by resource. Problems the repo already has are not in it (they are counted).
 *
 * @param flinkVersion     the version evaluated
 * @param checked          how many Deployments and SessionClusters were evaluated
 * @param resources        the resources with a problem, in emitting order (namespace, session clusters, deployments)
 * @param elsewhere        new problems that no single resource's effective spec reads (e.g. a defaults key no
 *                         deployment inherits)
 * @param currentErrors    errors the repo has with the versions written
 * @param currentWarnings  warnings the repo has with the versions written
 */
public record MigrationReport(String flinkVersion, int checked, List<Resource> resources, List<Diagnostic> elsewhere,
                              long currentErrors, long currentWarnings) {

    public MigrationReport {
        resources = List.copyOf(resources);
        elsewhere = List.copyOf(elsewhere);
    }

    /**
     * One Deployment or SessionCluster and what would break for it.
     *
     * @param kind           {@code Deployment} or {@code SessionCluster}
     * @param currentVersion the Flink version it runs now, as written (may be null)
     * @param problems       sorted; a problem in a defaults file is listed with every resource that inherits the value
     */
    public record Resource(String namespace, String kind, String name, String currentVersion, List<Diagnostic> problems) {
        public Resource {
            problems = List.copyOf(problems);
        }

        public long errors() {
            return problems.stream().filter(Diagnostic::isError).count();
        }

        public long warnings() {
            return problems.size() - errors();
        }
    }

    /** Every new problem once (a defaults problem shared by several resources counts once). */
    public Diagnostics problems() {
        Diagnostics all = new Diagnostics();
        resources.forEach(r -> r.problems().forEach(all::add));
        elsewhere.forEach(all::add);
        return all;
    }
}
