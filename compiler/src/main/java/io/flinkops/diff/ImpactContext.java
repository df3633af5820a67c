package io.flinkops.diff;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.diff.live.LiveJob;
import io.flinkops.diff.live.LiveState;
import io.flinkops.model.FieldPath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the rules share: every pair, the impacts already worked out (session clusters first), what runs now (the
 * status branch, when known) and the diagnostics.
 */
public final class ImpactContext {
    private final SortedMap<Subject, SubjectPair> pairs;
    private final Map<Subject, Impact> impacts = new HashMap<>();
    private final Diagnostics diagnostics = new Diagnostics();
    private final LiveState live;

    ImpactContext(SortedMap<Subject, SubjectPair> pairs, LiveState live) {
        this.pairs = pairs;
        this.live = live;
    }

    /** The status branch's view of what runs now, or why it is not known. */
    public LiveState live() {
        return live;
    }

    /** The agent's last observation of a Deployment; empty when the live state or its status file is missing. */
    public Optional<LiveJob> liveJob(Subject subject) {
        return live.job(subject);
    }

    public Optional<SubjectPair> pair(Subject subject) {
        return Optional.ofNullable(pairs.get(subject));
    }

    /** The impact on an already analysed subject (every SessionCluster is, before any Deployment). */
    public Optional<Impact> impact(Subject subject) {
        return Optional.ofNullable(impacts.get(subject));
    }

    void done(Impact impact) {
        impacts.put(impact.pair().subject(), impact);
    }

    /** The Deployments that run as session jobs on {@code cluster} in the base revision and stay there. */
    public List<SubjectPair> sessionJobsOn(Subject cluster) {
        return pairs.values().stream()
                .filter(p -> !p.subject().isSessionCluster() && p.subject().namespace().equals(cluster.namespace()))
                .filter(p -> p.base().isSessionJob() && p.base().sessionClusterName().orElse("").equals(cluster.name()))
                .toList();
    }

    /** Reports a change the operator would refuse, at the head revision's value that makes it. */
    public void report(Code code, Location at, FieldPath path, String message, String hint) {
        diagnostics.report(code, at, path, message, hint);
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }
}
