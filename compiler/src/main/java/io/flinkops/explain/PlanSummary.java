package io.flinkops.explain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.logging.LogConfigurations;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.EmittedObject;
import io.flinkops.plan.Operations;
import io.flinkops.plan.Parallelism;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Deployment becomes, as {@code explain} shows it after the effective spec: the object, where it goes, how the
 * operator runs its job, and the parallelism, image and job id it runs with. Read from the plan, the same one the
 * rules judged and the render stage writes out.
 */
final class PlanSummary {
    private PlanSummary() {
    }

    /** Comment lines ("# becomes: …"). */
    static List<String> lines(ResourcePlan plan) {
        List<String> out = new ArrayList<>();
        Optional<EmittedObject> placed = plan.placement();
        if (placed.isEmpty()) {
            out.add("# becomes: nothing, because its " + (plan.isSessionJob() ? "SessionCluster" : "DeploymentTarget")
                    + " does not resolve (`flinkops validate` says why)");
        } else {
            EmittedObject o = placed.get();
            out.add("# becomes: " + o.kind().kindName() + " `" + o.name() + "`"
                    + (plan.isSessionJob() ? " on session cluster `" + plan.deployment().spec().sessionClusterName() + "`" : "")
                    + " in Kubernetes namespace `" + o.kubernetesNamespace() + "` of cluster `" + o.cluster() + "`");
        }
        plan.job().ifPresent(job -> {
            out.add("#   job: " + job.state().state() + " with upgrade mode " + job.state().upgradeMode()
                    + (job.running() ? "" : " (" + job.runningUpgradeMode() + " when running)"));
            out.add("#   parallelism: " + parallelism(job.parallelism()));
            job.jobId().ifPresent(id -> out.add("#   job id: " + id + " (fixed by flinkops: `{{ jobId }}` is used and every start restores state)"));
        });
        plan.cluster().ifPresent(c -> {
            out.add("#   image: " + c.image().reference() + " (Flink " + plan.flinkVersion() + ")");
            out.add("#   log configuration: " + logging(c));
        });
        operations(plan.operations(), out);
        return out;
    }

    /** The day-2 operations, only when there are any (so that the summary of every other resource stays as it was). */
    private static void operations(Operations ops, List<String> out) {
        if (!ops.savepoints().isEmpty()) {
            long requests = ops.savepoints().stream().filter(Savepoint::isRequest).count();
            out.add("#   savepoints: " + Phrases.plural(requests, "request") + ", "
                    + Phrases.plural(ops.savepoints().size() - requests, "registered savepoint")
                    + (ops.route() == Operations.Route.SNAPSHOTS ? " (a FlinkStateSnapshot each)"
                    : ops.savepointTrigger().map(t -> " (savepointTriggerNonce of `" + t.name() + "`)").orElse("")));
        }
        ops.restart().flatMap(Operations.Restart::text)
                .ifPresent(t -> out.add("#   restart: " + t.trim() + ops.restartNonce().map(n -> " (restartNonce " + n + ")").orElse(" (not a valid time)")));
        ops.redeploy().ifPresent(r -> out.add("#   redeploy from: `" + r.savepointName() + "`"
                + ops.redeployFrom().map(s -> " at " + s.location().orElseThrow()).orElse(" (not rendered: `flinkops validate` says why)")));
    }

    /** The same as a JSON object. */
    static ObjectNode json(ResourcePlan plan) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        plan.placement().ifPresent(o -> {
            node.put("kind", o.kind().kindName());
            node.put("name", o.name());
            node.put("kubernetesNamespace", o.kubernetesNamespace());
            node.put("cluster", o.cluster());
        });
        plan.job().ifPresent(job -> {
            ObjectNode j = node.putObject("job");
            j.put("state", job.state().state());
            j.put("upgradeMode", job.state().upgradeMode());
            j.put("runningUpgradeMode", job.runningUpgradeMode());
            j.put("parallelism", job.parallelism().running());
            job.jobId().ifPresent(id -> j.put("jobId", id));
        });
        plan.cluster().ifPresent(c -> {
            node.put("image", c.image().reference());
            node.put("flinkVersion", plan.flinkVersion());
        });
        return node;
    }

    private static String parallelism(Parallelism p) {
        if (!p.fixedByReplicas()) return String.valueOf(p.job());
        FlinkConfiguration.Slots slots = p.slots().orElse(new FlinkConfiguration.Slots(1, true));
        return p.running() + " (" + Phrases.plural(p.taskManagers(), "TaskManager") + " × " + Phrases.plural(slots.perTaskManager(), "slot")
                + ": the operator runs the job on every slot)";
    }

    private static String logging(ClusterPlan c) {
        LogConfigurations.Outcome outcome = c.logging();
        String source = switch (outcome.source().kind()) {
            case INLINE -> "its `log4j2ConfigurationTemplate`";
            case BUILT_IN_PROFILE -> "built-in logging profile `" + outcome.source().profile() + "`";
            case REPOSITORY_PROFILE -> "logging profile `" + outcome.source().profile() + "`";
        };
        return outcome.ok() ? source : source + ", which does not render (`flinkops validate` says why)";
    }
}
