package io.flinkops.diff;

import io.flinkops.diff.rules.ClusterKindSwitchRule;
import io.flinkops.diff.rules.ConfigMapRule;
import io.flinkops.diff.rules.FieldChangesRule;
import io.flinkops.diff.rules.JobStateRule;
import io.flinkops.diff.rules.LifecycleRule;
import io.flinkops.diff.rules.MaintenanceSwitchRule;
import io.flinkops.diff.rules.OperatorRefusalRule;
import io.flinkops.diff.rules.RedeployRule;
import io.flinkops.diff.rules.RestartRule;
import io.flinkops.diff.rules.SavepointRule;
import io.flinkops.diff.rules.RestoreRule;
import io.flinkops.diff.rules.SessionClusterRule;
import io.flinkops.diff.rules.StateCompatibilityRule;
import io.flinkops.diff.rules.StateStorageRule;
import io.flinkops.diff.rules.UpgradeModeRule;
import io.flinkops.diff.live.LiveState;
import io.flinkops.diff.rules.LiveStateRule;
import io.flinkops.source.SourceTree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The library behind {@code flinkops diff}: compiles two revisions with the same {@link io.flinkops.Compiler},
 * pairs what they render per flinkops namespace and Deployment or SessionCluster, and runs the impact rules on
 * each pair. The head revision must compile without errors (the caller checks); the base revision may have errors
 * and is then compared as far as it renders (see {@link Snapshot}).
 */
public final class ImpactAnalysis {

    /** The impact rules, in the order they run; see docs/diff.md for the table of what each decides. */
    public static final List<ImpactRule> RULES = List.of(
            new LifecycleRule(),
            new JobStateRule(),
            new RedeployRule(),
            new RestartRule(),
            new SavepointRule(),
            new SessionClusterRule(),
            new UpgradeModeRule(),
            new StateStorageRule(),
            new RestoreRule(),
            new StateCompatibilityRule(),
            new ConfigMapRule(),
            new OperatorRefusalRule(),
            new ClusterKindSwitchRule(),
            new MaintenanceSwitchRule(),
            new LiveStateRule(),
            new FieldChangesRule());

    private ImpactAnalysis() {
    }

    /** Compiles both trees and compares them, without knowing what runs now. */
    public static DiffReport diff(SourceTree base, SourceTree head) {
        return analyse(Snapshot.of(base), Snapshot.of(head));
    }

    public static DiffReport analyse(Snapshot base, Snapshot head) {
        return analyse(base, head, LiveState.unknown());
    }

    /** Compares two compiled revisions and weighs the changes against what the status branch says runs now. */
    public static DiffReport analyse(Snapshot base, Snapshot head, LiveState live) {
        SortedSet<Subject> subjects = new TreeSet<>(base.sides().keySet());
        subjects.addAll(head.sides().keySet());
        SortedMap<Subject, SubjectPair> pairs = new TreeMap<>();
        for (Subject s : subjects) pairs.put(s, new SubjectPair(s, base.side(s), head.side(s)));

        ImpactContext context = new ImpactContext(pairs, live);
        // Session clusters first: a session job's impact depends on whether its cluster restarts.
        List<SubjectPair> order = new ArrayList<>(pairs.values());
        order.sort(Comparator.comparing((SubjectPair p) -> !p.subject().isSessionCluster()).thenComparing(SubjectPair::subject));
        List<DeploymentChange> changes = new ArrayList<>();
        for (SubjectPair pair : order) {
            Impact impact = new Impact(pair);
            for (ImpactRule rule : RULES) rule.apply(pair, context, impact);
            context.done(impact);
            changes.add(impact.build());
        }
        changes.sort(Comparator.comparing(DeploymentChange::subject));
        return new DiffReport(base.tree().label(), head.tree().label(), changes, ManifestDiffs.of(base, head),
                context.diagnostics().sorted(), base.compilation().diagnostics().errorCount(), live);
    }
}
