package io.flinkops.diff.live;

import io.flinkops.diff.Wording;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How the report words what runs now: ages, savepoints, the one-line summary of an observation. */
public final class LiveWording {
    private LiveWording() {
    }

    /** "45 seconds", "12 minutes", "3 hours", "2 days": coarse on purpose, a reviewer wants the order of magnitude. */
    public static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) return s + (s == 1 ? " second" : " seconds");
        if (s < 2 * 3600) return s / 60 + " minutes";
        if (s < 2 * 86400) return s / 3600 + " hours";
        return s / 86400 + " days";
    }

    /** "3 hours ago (2026-12-04T19:10:00Z)", or "at an unknown time". */
    public static String when(LiveJob job, String isoInstant) {
        Optional<Duration> age = job.age(isoInstant);
        return age.map(a -> age(a) + " ago (" + isoInstant + ")").orElse("at an unknown time");
    }

    /** "`s3://…/savepoint-1` (fraud-20261204, taken 3 hours ago (2026-12-04T19:10:00Z))". */
    public static String savepoint(LiveJob job, LiveJob.SavepointSeen s) {
        return Wording.code(s.location()) + " (" + (s.name() == null ? "" : Wording.code(s.name()) + ", ") + "taken " + when(job, s.takenAt()) + ")";
    }

    /** "observed 4 minutes ago (2026-12-04T22:11:00Z)". */
    public static String observed(LiveJob job) {
        return "observed " + (job.observedAt() == null ? "at an unknown time" : when(job, job.observedAt()));
    }

    /**
     * The one line the text and markdown formats show: "RUNNING, observed 4 minutes ago (…) by the agent of cluster
     * `default` at commit 1a2b3c4 (the base revision); last savepoint `…` (taken …); last checkpoint 40 seconds ago (…)".
     */
    public static String summary(LiveView view) {
        LiveJob job = view.job();
        List<String> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder(job.state());
        if (job.desiredState() != null && !job.desiredState().equals(job.state())) head.append(" (desired ").append(job.desiredState()).append(')');
        head.append(", ").append(observed(job));
        if (job.cluster() != null) head.append(" by the agent of cluster `").append(job.cluster()).append('`');
        if (view.baseCluster() != null) head.append(" (the base revision places it on cluster `").append(view.baseCluster()).append("`)");
        if (job.sourceCommit() != null) {
            head.append(" at commit ").append(shortCommit(job.sourceCommit())).append(view.ofBaseRevision() ? " (the base revision)" : " (not the base revision)");
        }
        parts.add(head.toString());
        parts.add(job.lastSavepoint() == null ? "no savepoint known" : "last savepoint " + savepoint(job, job.lastSavepoint()));
        if (job.lastCheckpoint() != null) parts.add("last checkpoint " + when(job, job.lastCheckpoint().takenAt()));
        if (job.error() != null) parts.add("error: " + job.error());
        return String.join("; ", parts);
    }

    public static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}
