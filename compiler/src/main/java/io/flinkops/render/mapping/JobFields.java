package io.flinkops.render.mapping;

import io.flinkops.model.DeploymentSpec;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.JobPlan;
import io.flinkops.plan.ResourcePlan;

import java.util.Optional;

/**
 * The writers of the rows that map to {@code spec.job}, the same for an application-mode FlinkDeployment and a
 * FlinkSessionJob. An object with a job is rendered only when its artifact gives the job's parts.
 */
final class JobFields {
    private JobFields() {
    }

    /** Row 1: a running job. */
    static void runningState(ResourcePlan plan, OperatorObject object) {
        JobPlan job = job(plan);
        if (job.running()) object.job().put("state", job.state().state());
    }

    /** Row 4: the upgrade mode of a running job, which its strategies give. */
    static void runningUpgradeMode(ResourcePlan plan, OperatorObject object) {
        JobPlan job = job(plan);
        if (job.running()) object.job().put("upgradeMode", job.state().upgradeMode());
    }

    /** Rows 2 and 3: a job in VVP state {@code vvpState} is suspended, with the upgrade mode of that state. */
    static FieldWriter suspended(String vvpState) {
        return (plan, object) -> {
            JobPlan job = job(plan);
            if (job.vvpState().equals(vvpState)) object.job().put("state", job.state().state()).put("upgradeMode", job.state().upgradeMode());
        };
    }

    /** Row 5. */
    static void allowNonRestoredState(ResourcePlan plan, OperatorObject object) {
        DeploymentSpec.RestoreStrategy restore = job(plan).restore();
        if (restore != null && restore.allowNonRestoredState() != null) object.job().put("allowNonRestoredState", restore.allowNonRestoredState());
    }

    /** Row 7. */
    static void parallelism(ResourcePlan plan, OperatorObject object) {
        object.job().put("parallelism", job(plan).parallelism().job());
    }

    /** Row 16 (and part of rows 19 and 20): the jar and main class of an artifact of {@code kind}. */
    static FieldWriter entryPoint(String kind) {
        return (plan, object) -> parts(plan, kind).ifPresent(parts -> {
            object.job().put("jarURI", parts.jarUri());
            if (parts.entryClass() != null) object.job().put("entryClass", parts.entryClass());
        });
    }

    /** Row 17 (and part of rows 19 and 20): the program arguments of an artifact of {@code kind}. */
    static FieldWriter arguments(String kind) {
        return (plan, object) -> parts(plan, kind).filter(parts -> !parts.args().isEmpty())
                .ifPresent(parts -> parts.args().forEach(object.job().putArray("args")::add));
    }

    /** Rows 19 and 20: what runs an artifact of {@code kind}: jar, main class and arguments. */
    static FieldWriter program(String kind) {
        return entryPoint(kind).andThen(arguments(kind));
    }

    private static JobPlan job(ResourcePlan plan) {
        return plan.job().orElseThrow();
    }

    /** The job's parts when its artifact is of {@code kind}. */
    private static Optional<ArtifactPlan.JobParts> parts(ResourcePlan plan, String kind) {
        ArtifactPlan artifact = job(plan).artifact();
        return kind.equals(artifact.kind()) ? artifact.parts() : Optional.empty();
    }
}
