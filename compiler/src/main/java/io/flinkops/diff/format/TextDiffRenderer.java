package io.flinkops.diff.format;

import io.flinkops.diff.ChangeKind;
import io.flinkops.diff.DeploymentChange;
import io.flinkops.diff.DiffReport;
import io.flinkops.diff.ManifestDiff;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.live.LiveWording;
import io.flinkops.diag.render.Palette;

import java.util.List;

/**
 * For people at a terminal: one block per deployment that changes (or restarts), its reasons below it, the
 * unchanged ones in one line, the changed manifests by path, and a summary; with a status branch, what runs now.
 * <pre>
 * payments/fraud-scoring: changed, restarts, upgrade mode savepoint, state risk none
 *   live: RUNNING, observed 4 minutes ago (…); last savepoint `s3://…` (taken 3 hours ago (…))
 *   - Restarts: `spec.job.parallelism` changes, so the operator stops the job with a savepoint …
 * </pre>
 */
public final class TextDiffRenderer implements DiffRenderer {
    private final Palette palette;

    /** @param palette colour on a terminal ({@link Palette#NONE} elsewhere): risks, restarts and object changes */
    public TextDiffRenderer(Palette palette) {
        this.palette = palette;
    }

    @Override
    public String render(DiffReport report) {
        StringBuilder out = new StringBuilder();
        out.append("flinkops diff: ").append(report.baseLabel()).append(" -> ").append(report.headLabel()).append("\n\n");
        String note = Summary.baseErrorsNote(report);
        if (note != null) out.append("note: ").append(note).append("\n\n");
        out.append(report.live().known() ? "live: " : "note: ").append(Summary.liveNote(report)).append("\n\n");
        List<DeploymentChange> notable = report.notable();
        for (DeploymentChange c : notable) {
            out.append(palette.bold(Summary.name(c))).append(c.isSessionCluster() ? " (session cluster)" : "").append(": ")
                    .append(c.change().id())
                    .append(", ").append(c.restart() ? palette.caution("restarts") : "no restart");
            if (c.upgradeMode() != null) out.append(", upgrade mode ").append(c.upgradeMode());
            out.append(", ").append(risk(c.stateRisk())).append('\n');
            if (c.live() != null) out.append("  live: ").append(LiveWording.summary(c.live())).append('\n');
            for (String r : c.reasons()) out.append("  - ").append(r).append('\n');
            out.append('\n');
        }
        List<String> unchanged = report.changes().stream()
                .filter(c -> c.change() == ChangeKind.UNCHANGED && !notable.contains(c)).map(Summary::name).toList();
        if (!unchanged.isEmpty()) out.append("Unchanged: ").append(String.join(", ", unchanged)).append(".\n\n");
        if (!report.manifests().isEmpty()) {
            out.append("Changed objects (").append(report.manifests().size()).append("; `--format markdown` shows their diffs):\n");
            for (ManifestDiff m : report.manifests()) {
                out.append("  ").append(change(String.format(java.util.Locale.ROOT, "%-9s", m.change().id()))).append(m.path()).append('\n');
            }
            out.append('\n');
        }
        out.append(capitalize(Summary.counts(report))).append(".\n");
        return out.toString();
    }

    private String risk(StateRisk risk) {
        if (risk == StateRisk.NONE) return "state risk " + palette.fine("none");
        String text = "state risk " + risk.id().toUpperCase(java.util.Locale.ROOT);
        return risk == StateRisk.LOSS ? palette.danger(text) : palette.caution(text);
    }

    /** An object's change, padded: removed in red, added in green, changed in yellow. */
    private String change(String padded) {
        String id = padded.strip();
        String colored = id.equals("removed") ? palette.danger(id) : id.equals("added") ? palette.fine(id) : palette.caution(id);
        return colored + padded.substring(id.length());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
