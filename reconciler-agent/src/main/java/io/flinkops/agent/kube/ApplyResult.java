package io.flinkops.agent.kube;

import java.util.List;

/**
 * What the apply step did (or, in a dry run, would do). Objects are named "Kind namespace/name".
 *
 * @param applied   objects sent with server-side apply (in a dry run: sent with {@code dryRun=All}, so that the API
 *                  server checked them, and would be applied)
 * @param unchanged objects whose desired content matched the last applied one and were not re-sent
 * @param refused   objects refused by the agent's own safety rules (namespace not allowed, kind not on the allowlist),
 *                  each with the reason
 * @param paused    objects left alone because their Deployment or SessionCluster is paused in the repo
 *                  ({@code flinkops.io/reconcile: disabled}), each with the reason; what runs is not touched
 * @param drifted   objects sent again because a field the agent sets had been changed live (the hash annotation
 *                  still matched), each with the fields; a subset of {@code applied}
 * @param waiting   FlinkSessionJobs not applied because their session cluster is not ready yet, each with the reason;
 *                  they are applied in a later cycle and are not pruned meanwhile
 * @param changes   for each object of {@code applied}: created, or which fields the API server's answer changes
 * @param dryRun    nothing was persisted: every write carried {@code dryRun=All}
 * @param notRecreated FlinkStateSnapshots of the repo that are not in the cluster and are not created again, because
 *                  the deployment's status records them (the operator deleted them when it cleaned up its snapshot
 *                  history): each with the reason. Created once means one savepoint per request.
 */
public record ApplyResult(List<String> applied, List<String> unchanged, List<String> refused, List<String> paused,
                          List<Drift> drifted, List<String> waiting, List<Change> changes, boolean dryRun, List<String> notRecreated) {
    public ApplyResult {
        notRecreated = List.copyOf(notRecreated);
        applied = List.copyOf(applied);
        unchanged = List.copyOf(unchanged);
        refused = List.copyOf(refused);
        paused = List.copyOf(paused);
        drifted = List.copyOf(drifted);
        waiting = List.copyOf(waiting);
        changes = List.copyOf(changes);
    }

    /** Without create-once objects left out. */
    public ApplyResult(List<String> applied, List<String> unchanged, List<String> refused, List<String> paused,
                       List<Drift> drifted, List<String> waiting, List<Change> changes, boolean dryRun) {
        this(applied, unchanged, refused, paused, drifted, waiting, changes, dryRun, List.of());
    }

    /** A result with nothing paused, drifted or waiting, and no field lists. */
    public ApplyResult(List<String> applied, List<String> unchanged, List<String> refused) {
        this(applied, unchanged, refused, List.of(), List.of(), List.of(), List.of(), false);
    }

    /**
     * An object that was changed outside the repo.
     *
     * @param object "Kind namespace/name"
     * @param fields JSON pointers of the fields the agent sets whose live value differed ({@code /spec/job/parallelism});
     *               an array is named as a whole
     */
    public record Drift(String object, List<String> fields) {
        public Drift {
            fields = List.copyOf(fields);
        }
    }

    /**
     * What one apply changes on the cluster, from the API server's answer compared with the live object before it.
     *
     * @param created the object did not exist
     * @param fields  JSON pointers of the fields that differ (empty when created, or when only the agent's own
     *                annotations move)
     */
    public record Change(String object, boolean created, List<String> fields) {
        public Change {
            fields = List.copyOf(fields);
        }
    }
}
