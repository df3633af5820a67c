package io.flinkops.agent.server;

import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.cycle.Outcome;
import io.flinkops.agent.cycle.Problem;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Recovery;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The agent's Prometheus metrics, kept by hand and written in the text exposition format (no client library). */
public final class Metrics {
    private final String cluster;
    private final Map<Outcome, Long> cycles = new EnumMap<>(Outcome.class);
    private final Map<Recovery, Long> errors = new EnumMap<>(Recovery.class);
    private final Map<Reason, Long> reasons = new EnumMap<>(Reason.class);
    private double durationSum;
    private double lastDuration;
    private long applied;
    private long pruned;
    private String lastSuccessfulRevision;
    private double lastSuccessTime;
    private boolean leader;

    public Metrics(String cluster) {
        this.cluster = cluster;
        for (Outcome o : Outcome.values()) cycles.put(o, 0L);
        for (Recovery r : Recovery.values()) errors.put(r, 0L);
        for (Reason r : Reason.values()) reasons.put(r, 0L);
    }

    public synchronized void record(CycleReport report, long epochMillis) {
        cycles.merge(report.outcome(), 1L, Long::sum);
        lastDuration = report.duration().toNanos() / 1e9;
        durationSum += lastDuration;
        for (Problem p : report.summary().problems()) {
            errors.merge(p.recovery(), 1L, Long::sum);
            reasons.merge(p.reason(), 1L, Long::sum);
        }
        report.state().applied().ifPresent(a -> applied += a.applied().size());
        report.state().pruned().ifPresent(p -> pruned += p.deleted().size());
        if (report.succeeded()) {
            lastSuccessfulRevision = report.sourceCommit();
            lastSuccessTime = epochMillis / 1000.0;
        }
    }

    public synchronized void leader(boolean leader) {
        this.leader = leader;
    }

    public synchronized String lastSuccessfulRevision() {
        return lastSuccessfulRevision;
    }

    public synchronized String text() {
        StringBuilder sb = new StringBuilder();
        String c = "cluster=\"" + escape(cluster) + "\"";
        long total = cycles.values().stream().mapToLong(Long::longValue).sum();
        help(sb, "flinkops_agent_cycles_total", "counter", "Cycles run, by outcome.");
        cycles.forEach((o, n) -> sb.append("flinkops_agent_cycles_total{").append(c).append(",outcome=\"").append(o.name().toLowerCase(Locale.ROOT)).append("\"} ").append(n).append('\n'));
        help(sb, "flinkops_agent_cycle_duration_seconds", "summary", "Duration of the reconcile cycles.");
        sb.append("flinkops_agent_cycle_duration_seconds_sum{").append(c).append("} ").append(fmt(durationSum)).append('\n');
        sb.append("flinkops_agent_cycle_duration_seconds_count{").append(c).append("} ").append(total).append('\n');
        help(sb, "flinkops_agent_last_cycle_duration_seconds", "gauge", "Duration of the last cycle.");
        sb.append("flinkops_agent_last_cycle_duration_seconds{").append(c).append("} ").append(fmt(lastDuration)).append('\n');
        help(sb, "flinkops_agent_applied_objects_total", "counter", "Objects sent with server-side apply.");
        sb.append("flinkops_agent_applied_objects_total{").append(c).append("} ").append(applied).append('\n');
        help(sb, "flinkops_agent_pruned_objects_total", "counter", "Managed objects deleted because they left the desired set.");
        sb.append("flinkops_agent_pruned_objects_total{").append(c).append("} ").append(pruned).append('\n');
        help(sb, "flinkops_agent_errors_total", "counter", "Step problems, by what recovers them.");
        errors.forEach((r, n) -> sb.append("flinkops_agent_errors_total{").append(c).append(",recovery=\"").append(r.name().toLowerCase(Locale.ROOT)).append("\"} ").append(n).append('\n'));
        help(sb, "flinkops_agent_errors_by_reason_total", "counter", "Step problems, by reason (each reason has one recovery).");
        reasons.forEach((r, n) -> sb.append("flinkops_agent_errors_by_reason_total{").append(c).append(",reason=\"").append(r.name().toLowerCase(Locale.ROOT)).append("\"} ").append(n).append('\n'));
        help(sb, "flinkops_agent_last_successful_revision_info", "gauge", "The config commit of the last successful cycle.");
        if (lastSuccessfulRevision != null) {
            sb.append("flinkops_agent_last_successful_revision_info{").append(c).append(",revision=\"").append(escape(lastSuccessfulRevision)).append("\"} 1\n");
        }
        help(sb, "flinkops_agent_last_success_timestamp_seconds", "gauge", "When the last successful cycle ended (0: none yet).");
        sb.append("flinkops_agent_last_success_timestamp_seconds{").append(c).append("} ").append(fmt(lastSuccessTime)).append('\n');
        help(sb, "flinkops_agent_leader", "gauge", "1 while this replica holds the Lease and runs cycles.");
        sb.append("flinkops_agent_leader{").append(c).append("} ").append(leader ? 1 : 0).append('\n');
        return sb.toString();
    }

    private static void help(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
