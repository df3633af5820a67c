package io.flinkops.agent.testing;

import io.flinkops.agent.cycle.ClusterSteps;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.flinkops.status.DeploymentStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for the Kubernetes side in cycle tests: remembers what it was asked to apply, reports every desired
 * FlinkDeployment / FlinkSessionJob as a configurable state, and fails on demand.
 */
public final class FakeClusterSteps implements ClusterSteps {
    /** A crash of the agent process (not an Exception, so the cycle does not catch it). */
    public static final class Killed extends Error {
        public Killed() {
            super("agent killed");
        }
    }

    public final List<String> appliedCommits = new ArrayList<>();
    public final List<String> observedCommits = new ArrayList<>();
    public final Map<String, String> live = new TreeMap<>();
    public int applyFailuresLeft;
    public Reason applyFailure = Reason.API_UNAVAILABLE;
    public boolean killInObserve;
    public String state = "RUNNING";

    @Override
    public ApplyResult apply(DesiredState desired) throws StepFailure {
        if (applyFailuresLeft > 0) {
            applyFailuresLeft--;
            throw new StepFailure(applyFailure, "The API server answered 503. The agent retries.");
        }
        appliedCommits.add(desired.sourceCommit());
        List<String> applied = new ArrayList<>();
        for (RenderedObject o : desired.objects()) {
            String key = o.kind() + " " + o.namespace() + "/" + o.name();
            live.put(key, desired.sourceCommit());
            applied.add(key);
        }
        return new ApplyResult(applied, List.of(), List.of());
    }

    @Override
    public PruneResult prune(DesiredState desired, ApplyResult applied) {
        List<String> deleted = new ArrayList<>();
        for (String key : List.copyOf(live.keySet())) {
            if (!applied.applied().contains(key)) {
                live.remove(key);
                deleted.add(key);
            }
        }
        return new PruneResult(deleted, List.of(), List.of());
    }

    @Override
    public Map<String, DeploymentStatus> observe(DesiredState desired, Instant now) {
        observedCommits.add(desired.sourceCommit());
        if (killInObserve) {
            killInObserve = false;
            throw new Killed();
        }
        Map<String, DeploymentStatus> out = new TreeMap<>();
        for (RenderedObject o : desired.objects()) {
            if (!o.kind().equals("FlinkDeployment") && !o.kind().equals("FlinkSessionJob")) continue;
            var labels = o.content().path("metadata").path("labels");
            String ns = labels.path(Ownership.NAMESPACE).asText(null);
            String dep = labels.path(Ownership.DEPLOYMENT).asText(null);
            if (ns == null || dep == null) continue;
            out.put(ns + "/" + dep, new DeploymentStatus(ns, dep, desired.sourceCommit(), "RUNNING", state, "job-" + dep,
                    List.of(), null, null, now.toString()));
        }
        return out;
    }
}
