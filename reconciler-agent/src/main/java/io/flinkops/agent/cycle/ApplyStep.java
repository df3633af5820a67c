package io.flinkops.agent.cycle;

import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.status.DeploymentStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Apply: the valid desired state, to the cluster, unless flinkops.yaml suspends the cluster. Objects the agent's rules
 * refuse are problems, and so are session jobs waiting for their session cluster; the rest is applied. What the status
 * must show although nothing failed is information ({@link Recovery#NONE}): each object put back after drift, each
 * resource paused in the repo, a suspended cluster.
 */
record ApplyStep(ClusterSteps kube, Supplier<Map<String, DeploymentStatus>> recorded) implements CycleStep {
    /** Without recorded statuses. */
    ApplyStep(ClusterSteps kube) {
        this(kube, Map::of);
    }

    @Override
    public Step id() {
        return Step.APPLY;
    }

    @Override
    public Optional<String> skipReason(CycleState state) {
        return Needs.validAndNotSuspended(state);
    }

    @Override
    public List<Problem> skipNotes(CycleState state) {
        if (Needs.validCommit(state).isPresent()) return List.of();
        return state.validDesired().filter(DesiredState::suspended).map(d -> List.of(new Problem(Step.APPLY, Reason.CLUSTER_SUSPENDED,
                "Cluster " + d.cluster() + " is suspended in flinkops.yaml (spec.clusters[].suspend: true): the agent applies and prunes "
                        + "nothing, so what runs is left as it is, and it keeps observing and recording status. Remove `suspend` (or set it "
                        + "to false) to let the agent apply the repo again; the next cycle applies whatever changed meanwhile.")))
                .orElse(List.of());
    }

    @Override
    public StepResult run(CycleState state) throws StepFailure {
        DesiredState desired = state.validDesired().orElseThrow();
        ApplyResult result = kube.apply(desired, recorded);
        state.applied(result);
        String verb = result.dryRun() ? "would put" : "put";
        List<Problem> problems = new ArrayList<>();
        result.refused().forEach(m -> problems.add(new Problem(Step.APPLY, Reason.OBJECT_REFUSED, "Refused " + m)));
        result.waiting().forEach(m -> problems.add(new Problem(Step.APPLY, Reason.WAITING_FOR_SESSION_CLUSTER, "Not applied yet: " + m + ".")));
        for (ApplyResult.Drift d : result.drifted()) {
            problems.add(new Problem(Step.APPLY, Reason.DRIFT_CORRECTED, d.object() + " was changed outside the repo (" + String.join(", ", d.fields())
                    + "); the agent " + verb + " the repo's values back. If another controller owns a field, list it in --ignore-differences "
                    + "(for example " + d.object().substring(0, d.object().indexOf(' ')) + ":" + d.fields().get(0) + ")."));
        }
        for (Map.Entry<String, String> p : desired.pauses().subjects().entrySet()) {
            problems.add(new Problem(Step.APPLY, Reason.RECONCILE_DISABLED, p.getKey() + " is paused (flinkops.io/reconcile: disabled"
                    + (p.getValue().isEmpty() ? "" : " in " + p.getValue()) + "): its objects were neither applied nor pruned, and what runs is "
                    + "left as it is. Remove the annotation to let the agent apply it again."));
        }
        return new StepResult(problems);
    }
}
