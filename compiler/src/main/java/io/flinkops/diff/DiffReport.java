package io.flinkops.diff;

import io.flinkops.diag.Diagnostic;
import io.flinkops.diff.live.LiveState;

import java.util.List;

/**
 * What {@code flinkops diff} found: one entry per Deployment and SessionCluster (sorted by namespace and name),
 * the manifest diffs of every changed object, and the problems that only show when comparing two revisions
 * (changes the operator would refuse).
 *
 * @param baseLabel     the base revision, for headings ("revision 1a2b3c4 (main)")
 * @param headLabel     the head revision ("working tree", "revision …")
 * @param baseErrors    the number of errors of the base revision (it is compared as far as it renders)
 * @param diagnostics   diff-time problems (FO93x), sorted; errors make {@code flinkops diff} exit 1
 * @param live          the status branch the report was weighed against, or why the live state is not known
 */
public record DiffReport(String baseLabel, String headLabel, List<DeploymentChange> changes, List<ManifestDiff> manifests,
                         List<Diagnostic> diagnostics, long baseErrors, LiveState live) {

    public DiffReport {
        changes = List.copyOf(changes);
        manifests = List.copyOf(manifests);
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when some entry's risk is at least {@code threshold} ({@code --fail-on}). */
    public boolean reaches(StateRisk threshold) {
        return changes.stream().anyMatch(c -> c.stateRisk().atLeast(threshold));
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Entries other than {@code unchanged} ones, or with a reason (an unchanged session job whose cluster restarts). */
    public List<DeploymentChange> notable() {
        return changes.stream().filter(c -> c.change() != ChangeKind.UNCHANGED || c.restart() || !c.reasons().isEmpty()).toList();
    }
}
