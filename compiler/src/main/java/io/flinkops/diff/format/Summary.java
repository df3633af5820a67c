package io.flinkops.diff.format;

import io.flinkops.diff.ChangeKind;
import io.flinkops.diff.DeploymentChange;
import io.flinkops.diff.DiffReport;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.live.LiveState;
import io.flinkops.diff.live.LiveWording;

import java.util.ArrayList;
import java.util.List;

/** Counts and labels shared by the text and markdown formats. */
final class Summary {
    private Summary() {
    }

    static String name(DeploymentChange c) {
        return c.namespace() + "/" + c.deployment();
    }

    static String kind(DeploymentChange c) {
        return c.isSessionCluster() ? "session cluster" : "deployment";
    }

    /** "2 changed, 1 added, 4 unchanged; state risk: 1 loss, 1 possible" (or "no state risk"). */
    static String counts(DiffReport report) {
        List<String> parts = new ArrayList<>();
        for (ChangeKind k : List.of(ChangeKind.CHANGED, ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.UNCHANGED)) {
            long n = report.changes().stream().filter(c -> c.change() == k).count();
            if (n > 0) parts.add(n + " " + k.id());
        }
        long restarts = report.changes().stream().filter(DeploymentChange::restart).count();
        String head = parts.isEmpty() ? "no deployments" : String.join(", ", parts);
        if (restarts > 0) head += "; " + restarts + (restarts == 1 ? " restart" : " restarts");
        List<String> risks = new ArrayList<>();
        for (StateRisk r : List.of(StateRisk.LOSS, StateRisk.POSSIBLE)) {
            long n = report.changes().stream().filter(c -> c.stateRisk() == r).count();
            if (n > 0) risks.add(n + " " + r.id());
        }
        return head + "; " + (risks.isEmpty() ? "no state risk" : "state risk: " + String.join(", ", risks));
    }

    /**
     * The one statement about the live state: which status commit the report was weighed against, or that the live
     * state was not known and the risks are read from Git alone.
     */
    static String liveNote(DiffReport report) {
        LiveState live = report.live();
        if (!live.known()) {
            return "The live state is not known: " + live.unknownWhy() + "; what runs now is taken from the base revision.";
        }
        String note = "What runs now is read from status branch `" + live.ref() + "` at " + LiveWording.shortCommit(live.statusCommit())
                + "; ages are as of " + live.now() + ".";
        if (!live.unreadable().isEmpty()) {
            note += " " + live.unreadable().size() + (live.unreadable().size() == 1 ? " status file is" : " status files are")
                    + " unreadable: " + String.join("; ", live.unreadable()) + ".";
        }
        return note;
    }

    static String baseErrorsNote(DiffReport report) {
        if (report.baseErrors() == 0) return null;
        boolean one = report.baseErrors() == 1;
        return "The base revision has " + report.baseErrors() + (one ? " error" : " errors") + " (`flinkops validate --rev` lists "
                + (one ? "it" : "them") + "); it is compared as far as it renders, and deployments it does not render are counted as possibly losing state.";
    }
}
