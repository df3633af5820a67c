package io.flinkops.diff.format;

import io.flinkops.diag.Diagnostic;
import io.flinkops.diff.ChangeKind;
import io.flinkops.diff.DeploymentChange;
import io.flinkops.diff.DiffReport;
import io.flinkops.diff.ManifestDiff;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.live.LiveWording;

import java.util.List;

/**
 * For a pull-request comment: a summary table of the deployments that change (state risk marked 🔴 loss,
 * 🟡 possible; with a status branch, the observed state, ⚠️ when it is not what the repo asks for), the reasons of each
 * folded below it ({@code <details>}), and the manifest diffs last, each folded.
 */
public final class MarkdownDiffRenderer implements DiffRenderer {

    @Override
    public String render(DiffReport report) {
        StringBuilder out = new StringBuilder();
        out.append("### flinkops diff\n\n");
        out.append("`").append(report.baseLabel()).append("` → `").append(report.headLabel()).append("`: ")
                .append(Summary.counts(report)).append(".\n\n");
        String note = Summary.baseErrorsNote(report);
        if (note != null) out.append("> [!NOTE]\n> ").append(note).append("\n\n");
        boolean live = report.live().known();
        if (live) out.append(Summary.liveNote(report)).append("\n\n");
        else out.append("> [!NOTE]\n> ").append(Summary.liveNote(report)).append("\n\n");
        if (!report.diagnostics().isEmpty()) {
            out.append("> [!CAUTION]\n> The operator would refuse parts of this change:\n");
            for (Diagnostic d : report.diagnostics()) {
                out.append("> - **").append(d.severity().label()).append(' ').append(d.code().id()).append("** `")
                        .append(at(d)).append("`: ").append(d.message()).append(d.hint().isEmpty() ? "" : " " + d.hint()).append('\n');
            }
            out.append('\n');
        }
        List<DeploymentChange> notable = report.notable();
        if (notable.isEmpty()) {
            out.append("No deployment changes.\n");
        } else {
            out.append("| Deployment | Change | Restart | Upgrade mode | State risk |").append(live ? " Live |" : "").append('\n');
            out.append("|---|---|---|---|---|").append(live ? "---|" : "").append('\n');
            for (DeploymentChange c : notable) {
                String liveCell = !live ? "" : c.live() == null ? " — |"
                        : " " + c.live().job().state() + (c.live().disagreesWithRepo() ? " ⚠️" : "") + " |";
                out.append("| `").append(Summary.name(c)).append('`').append(c.isSessionCluster() ? " (session cluster)" : "")
                        .append(" | ").append(c.change().id())
                        .append(" | ").append(c.restart() ? "yes" : "no")
                        .append(" | ").append(c.upgradeMode() == null ? "—" : c.upgradeMode())
                        .append(" | ").append(risk(c.stateRisk())).append(" |").append(liveCell).append('\n');
            }
            out.append('\n');
        }
        List<String> unchanged = report.changes().stream()
                .filter(c -> c.change() == ChangeKind.UNCHANGED && !notable.contains(c)).map(c -> "`" + Summary.name(c) + "`").toList();
        if (!unchanged.isEmpty()) out.append("Unchanged: ").append(String.join(", ", unchanged)).append(".\n\n");

        for (DeploymentChange c : notable) {
            if (c.reasons().isEmpty() && c.live() == null) continue;
            out.append("<details><summary><code>").append(html(Summary.name(c))).append("</code> (").append(Summary.kind(c)).append("): ")
                    .append(c.change().id()).append(", ").append(c.restart() ? "restarts" : "no restart")
                    .append(", state risk ").append(c.stateRisk().id()).append("</summary>\n\n");
            if (c.live() != null) out.append("- **Live:** ").append(LiveWording.summary(c.live())).append('\n');
            for (String r : c.reasons()) out.append("- ").append(r).append('\n');
            out.append("\n</details>\n\n");
        }
        if (!report.manifests().isEmpty()) {
            out.append("#### Manifest diffs\n\n");
            for (ManifestDiff m : report.manifests()) {
                String fence = fence(m.diff());
                out.append("<details><summary><code>").append(html(m.path())).append("</code> (").append(m.change().id()).append(")</summary>\n\n");
                out.append(fence).append("diff\n").append(m.diff());
                if (!m.diff().endsWith("\n")) out.append('\n');
                out.append(fence).append("\n\n</details>\n\n");
            }
        }
        String text = out.toString();
        return text.endsWith("\n\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static String risk(StateRisk risk) {
        return switch (risk) {
            case LOSS -> "🔴 **loss**";
            case POSSIBLE -> "🟡 possible";
            case NONE -> "none";
        };
    }

    private static String at(Diagnostic d) {
        return d.line() == 0 ? d.file() : d.file() + ":" + d.line();
    }

    /** A code fence longer than any run of backticks in {@code text}. */
    private static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char ch : text.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
