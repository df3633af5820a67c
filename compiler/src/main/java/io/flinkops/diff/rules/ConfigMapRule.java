package io.flinkops.diff.rules;

import io.flinkops.diff.FieldChange;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.ObjectDelta;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;
import io.flinkops.plan.ArtifactPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * The ConfigMaps a deployment mounts (the SQL script, flinkops' entrypoint). The operator does not watch them, so
 * render puts a hash of their data in the pod template ({@link ObjectDelta#CONFIG_HASH}): a change restarts the job
 * with its upgrade mode, which this rule names as the cause. A ConfigMap that changes without restarting anything
 * reaches the job only when its pods start again, although pods Flink starts before then (a replacement
 * TaskManager) already see it. A session cluster's ConfigMap of SQL scripts is not in the hash: its jobs read their
 * scripts when they are submitted.
 */
public final class ConfigMapRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        ObjectDelta delta = pair.delta().orElseThrow();
        if (!delta.configMapsDiffer()) return;
        List<String> names = new ArrayList<>(delta.configMapsChanged());
        names.addAll(delta.configMapsAdded());
        names.addAll(delta.configMapsRemoved());
        String which = "ConfigMap" + (names.size() == 1 ? " " : "s ") + Wording.list(names, 3) + (names.size() == 1 ? " changes" : " change");
        List<FieldChange> script = pair.inputs().stream().filter(c -> c.field().startsWith("artifact.sqlScript")).toList();
        String cause = Causes.causedBy(script.isEmpty() ? Causes.specInputs(pair) : script);
        boolean running = pair.headJob().map(JobView::running).orElse(pair.subject().isSessionCluster());
        if (pair.subject().isSessionCluster() && !impact.restart()
                && names.equals(List.of(ArtifactPlan.sqlConfigMapName(pair.subject().name())))) {
            // The scripts of its SQL session jobs: read when a job is submitted, and a changed script changes its job's
            // FlinkSessionJob (the file name carries the script's hash), which that job's own entry reports.
            impact.reason(which + ": it holds the SQL scripts of the cluster's session jobs, which read their script when they are "
                    + "submitted; the cluster does not restart, and a job whose script changes is submitted again (see its entry).");
            return;
        }
        if (impact.restart() && delta.configHashChanged()) {
            impact.reason(which + cause + ": the pods read " + (names.size() == 1 ? "it" : "them")
                    + " when they start and the operator does not watch ConfigMaps, so the hash in the pod template (`"
                    + ObjectDelta.CONFIG_HASH + "`) changes with " + (names.size() == 1 ? "it" : "them") + " and the restart picks "
                    + (names.size() == 1 ? "it" : "them") + " up.");
        } else if (impact.restart()) {
            impact.reason(which + cause + "; the restart picks " + (names.size() == 1 ? "it" : "them") + " up.");
        } else if (running) {
            impact.reason(which + cause + ", but the operator does not watch ConfigMaps: the running job keeps what it started with, and the change takes effect on its next restart (pods started before then, such as a replacement TaskManager, already see it).");
        } else {
            impact.reason(which + cause + "; it takes effect when the job runs again.");
        }
    }
}
