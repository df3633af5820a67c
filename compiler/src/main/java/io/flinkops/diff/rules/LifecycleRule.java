package io.flinkops.diff.rules;

import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Location;
import io.flinkops.diff.ChangeKind;
import io.flinkops.diff.FieldChange;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.SubjectSide;
import io.flinkops.diff.Wording;
import io.flinkops.flinkconfig.ConfigValues;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.model.DocumentFields;

import java.util.List;
import java.util.Optional;

/**
 * Whether the object is added, removed, moved (deleted and created elsewhere), the same or unknown; and what
 * creating or deleting does to a job's state. Deleting a running job loses its state: the operator cancels it
 * without a savepoint (unless {@code kubernetes.operator.job.savepoint-on-deletion} is set) and deletes its HA
 * metadata, and nothing would restore a savepoint anyway when the deployment is created again.
 */
public final class LifecycleRule implements ImpactRule {
    static final String SAVEPOINT_ON_DELETION = FlinkOptions.SAVEPOINT_ON_DELETION.current();

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        SubjectSide base = pair.base();
        SubjectSide head = pair.head();
        head.job().or(base::job).ifPresent(j -> impact.upgradeMode(j.upgradeMode()));
        String what = pair.subject().isSessionCluster() ? "session cluster" : "deployment";
        switch (pair.transition()) {
            case NEITHER -> neither(pair, impact);
            case ADDED -> {
                impact.change(ChangeKind.ADDED);
                String origin = base.source().isPresent()
                        ? stateChange(pair).orElse("Now rendered")
                        : "New " + what + " (" + head.source().map(s -> Wording.at(s.document().locate(DocumentFields.METADATA_NAME))).orElse("?") + ")";
                Optional<JobView> job = head.job();
                String consequence = job.isEmpty() ? "the operator creates " + Causes.object(head)
                        : job.get().running() ? "the operator creates " + Causes.object(head) + " and starts the job from empty state"
                        : "the operator creates " + Causes.object(head) + " without starting the job (it is " + job.get().vvpState() + ")";
                impact.reason(origin + ": " + consequence + ".");
            }
            case REMOVED -> removed(pair, impact, what);
            case MOVED -> moved(pair, impact);
            case SAME -> impact.change(pair.delta().orElseThrow().equal() ? ChangeKind.UNCHANGED : ChangeKind.CHANGED);
            case BASE_UNKNOWN -> {
                impact.change(ChangeKind.CHANGED);
                if (head.job().map(JobView::running).orElse(pair.subject().isSessionCluster())) impact.restarts();
                impact.risk(StateRisk.POSSIBLE);
                impact.reason("The base revision has errors that keep it from rendering this " + what + " (" + firstBaseError(pair)
                        + "), so flinkops cannot tell what runs now; count on a restart.");
            }
        }
    }

    private static void neither(SubjectPair pair, Impact impact) {
        SubjectSide base = pair.base();
        SubjectSide head = pair.head();
        if (base.source().isPresent() && head.source().isEmpty() && !base.snapshot().complete()) {
            impact.change(ChangeKind.REMOVED);
            impact.risk(StateRisk.POSSIBLE);
            impact.reason("It is deleted, and the base revision has errors that keep it from rendering (" + firstBaseError(pair)
                    + "), so flinkops cannot tell whether it runs now; if it does, deleting it loses its state.");
            return;
        }
        impact.change(ChangeKind.UNCHANGED); // a SessionCluster STOPPED in both revisions: nothing is deployed
    }

    private static void removed(SubjectPair pair, Impact impact, String what) {
        SubjectSide base = pair.base();
        impact.change(ChangeKind.REMOVED);
        String origin = pair.head().source().isPresent()
                ? stateChange(pair).orElse("No longer rendered")
                : "Deleted (it was defined at " + base.source().map(s -> Wording.at(s.document().locate(DocumentFields.METADATA_NAME))).orElse("?") + ")";
        Optional<JobView> job = base.job();
        if (job.isEmpty()) {
            impact.reason(origin + ": the operator deletes " + Causes.object(base) + ".");
            return;
        }
        JobView j = job.get();
        if (j.running()) {
            FlinkConfiguration config = base.config();
            boolean savepointOnDeletion = ConfigValues.isTrue(config.asMap().get(SAVEPOINT_ON_DELETION));
            if (savepointOnDeletion) {
                impact.risk(StateRisk.POSSIBLE);
                impact.reason(origin + ": the operator deletes " + Causes.object(base) + " after a final savepoint (`" + SAVEPOINT_ON_DELETION
                        + "` at " + base.locateConfig(FlinkOptions.SAVEPOINT_ON_DELETION).map(Wording::at).orElse("?")
                        + "), but nothing restores that savepoint: created again, the " + what + " starts from empty state.");
            } else {
                impact.risk(StateRisk.LOSS);
                impact.reason(origin + ": the operator cancels the running job without a savepoint and deletes " + Causes.object(base)
                        + (base.isSessionJob() ? "" : " with its HA metadata") + ", so the job's state is lost.");
            }
        } else if (j.suspendedWithState()) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason(origin + ": the operator deletes " + Causes.object(base) + "; the savepoint taken when it was suspended stays in "
                    + base.emittedConfig(FlinkOptions.SAVEPOINT_DIR).map(Wording::code).orElse("the savepoint directory")
                    + ", but nothing restores it: created again, the " + what + " starts from empty state.");
        } else {
            impact.reason(origin + ": the operator deletes " + Causes.object(base) + "; the job was cancelled, so no state is kept.");
        }
    }

    private static void moved(SubjectPair pair, Impact impact) {
        SubjectSide base = pair.base();
        SubjectSide head = pair.head();
        impact.change(ChangeKind.CHANGED);
        List<FieldChange> cause = pair.inputs().stream()
                .filter(c -> c.field().equals("deploymentTargetName") || c.field().equals("sessionClusterName")
                        || (c.owner() != null && c.owner().startsWith("DeploymentTarget")))
                .toList();
        String sentence = "Moves from " + Causes.object(base) + " to " + Causes.object(head)
                + Causes.causedBy(cause.isEmpty() ? Causes.specInputs(pair) : cause)
                + ": the operator deletes the old object and creates the new one";
        Optional<JobView> b = base.job();
        Optional<JobView> h = head.job();
        if (b.isEmpty()) {
            if (base.rendered() && head.rendered()) impact.restarts();
            impact.reason(sentence + "; its session jobs move with it.");
            return;
        }
        JobView bj = b.get();
        if (bj.running() && h.map(JobView::running).orElse(false)) impact.restarts();
        if (bj.running() && bj.configuredStateful()) {
            impact.risk(StateRisk.LOSS);
            impact.reason(sentence + ", so the running job is cancelled without a savepoint and the new one starts from empty state.");
        } else if (bj.running()) {
            impact.reason(sentence + ", which starts from empty state; the job keeps no state across upgrades anyway (upgrade mode `stateless`).");
        } else if (bj.suspendedWithState()) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason(sentence + ", which does not know the savepoint taken when the job was suspended: it starts from empty state.");
        } else {
            impact.reason(sentence + "; the job was cancelled, so no state is kept.");
        }
    }

    /** "`state` changes from `STOPPED` to `RUNNING` (file:line)" when the state input changed. */
    private static Optional<String> stateChange(SubjectPair pair) {
        return pair.inputs(FieldChange.Category.STATE).stream().findFirst().map(c -> {
            String s = c.sentence();
            return s.substring(0, s.length() - 1);
        });
    }

    private static String firstBaseError(SubjectPair pair) {
        List<Diagnostic> errors = pair.base().snapshot().compilation().diagnostics().sorted().stream().filter(Diagnostic::isError).toList();
        String file = pair.base().source().map(s -> s.document().file()).orElse("");
        Optional<Location> own = errors.stream().filter(d -> d.file().equals(file)).map(Diagnostic::location).findFirst();
        Optional<Diagnostic> first = own.isPresent() ? errors.stream().filter(d -> d.file().equals(file)).findFirst() : errors.stream().findFirst();
        return first.map(d -> d.code().id() + " at " + Wording.at(d.location())).orElse("no location");
    }
}
