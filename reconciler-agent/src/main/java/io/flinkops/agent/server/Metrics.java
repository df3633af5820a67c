package io.flinkops.agent.server;

import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.cycle.Outcome;
import io.flinkops.agent.cycle.Problem;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.Step;
import io.flinkops.agent.cycle.StepReport;
import io.flinkops.status.DeploymentStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The agent's Prometheus metrics, kept with the Prometheus Java client in a registry of this agent's own (not the
 * client's static default registry: two agents in one JVM, as in the tests, never count into each other), and served
 * by {@link HealthServer} on {@code /metrics}. The names are documented in docs/agent.md ("Metrics") and never change
 * meaning; every {@code flinkops_} metric carries the label {@code cluster}. Label values of reasons, recoveries,
 * outcomes and steps are the enum names in lower case, as the agent has always exposed them.
 */
public final class Metrics {
    /**
     * Cycles last from a fraction of a second (nothing changed) to minutes (a slow API server, a large repo), bounded by
     * {@code --cycle-timeout} (10 min by default): buckets from 0.1 s to 10 min.
     */
    static final double[] CYCLE_BUCKETS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};
    /** A step is one Git or Kubernetes round trip or a compile: from milliseconds up to the Git and API timeouts. */
    static final double[] STEP_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
    /**
     * The states the status file knows (DeploymentStatus#state). Each deployment has one series per state, 1 for the
     * current one and 0 for the others, as kube-state-metrics does for pod phases: {@code == 1} selects, and a
     * deployment leaving a state turns its series to 0 instead of leaving a stale 1 behind.
     */
    static final List<String> DEPLOYMENT_STATES = List.of("RUNNING", "SUSPENDED", "CANCELLED", "TRANSITIONING", "FAILED", "FINISHED", "UNKNOWN");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter cycles;
    private final Histogram cycleDuration;
    private final Histogram stepDuration;
    private final Gauge lastCycleDuration;
    private final Counter applied;
    private final Counter pruned;
    private final Counter errors;
    private final Counter errorsByReason;
    private final Info lastSuccessfulRevisionInfo;
    private final Gauge lastSuccessTime;
    private final Gauge leader;
    private final Gauge drifted;
    /** The deployments of the last observation, read at scrape time; replaced whole, never mutated. */
    private volatile List<DeploymentStatus> deployments = List.of();

    public Metrics(String cluster) {
        Labels c = Labels.of("cluster", cluster);
        cycles = Counter.builder().name("flinkops_agent_cycles_total").help("Cycles run, by outcome.")
                .constLabels(c).labelNames("outcome").register(registry);
        cycleDuration = Histogram.builder().name("flinkops_agent_cycle_duration_seconds").unit(Unit.SECONDS)
                .help("Duration of the reconcile cycles, by outcome.").constLabels(c).labelNames("outcome")
                // Classic buckets only: what every Prometheus scrapes, in every exposition format alike.
                .classicOnly().classicUpperBounds(CYCLE_BUCKETS).register(registry);
        stepDuration = Histogram.builder().name("flinkops_agent_step_duration_seconds").unit(Unit.SECONDS)
                .help("Duration of each step of a cycle, its retries included (skipped steps are not observed).")
                .constLabels(c).labelNames("step").classicOnly().classicUpperBounds(STEP_BUCKETS).register(registry);
        lastCycleDuration = Gauge.builder().name("flinkops_agent_last_cycle_duration_seconds").unit(Unit.SECONDS)
                .help("Duration of the last cycle.").constLabels(c).register(registry);
        applied = Counter.builder().name("flinkops_agent_applied_objects_total").help("Objects sent with server-side apply.")
                .constLabels(c).register(registry);
        pruned = Counter.builder().name("flinkops_agent_pruned_objects_total")
                .help("Managed objects deleted because they left the desired set.").constLabels(c).register(registry);
        errors = Counter.builder().name("flinkops_agent_errors_total").help("Step problems, by what recovers them.")
                .constLabels(c).labelNames("recovery").register(registry);
        errorsByReason = Counter.builder().name("flinkops_agent_errors_by_reason_total")
                .help("Step problems, by reason (git_*, api_*, ...) and the one recovery each reason has.")
                .constLabels(c).labelNames("reason", "recovery").register(registry);
        lastSuccessfulRevisionInfo = Info.builder().name("flinkops_agent_last_successful_revision_info")
                .help("The config commit of the last successful cycle.").constLabels(c).labelNames("revision").register(registry);
        lastSuccessTime = Gauge.builder().name("flinkops_agent_last_success_timestamp_seconds").unit(Unit.SECONDS)
                .help("When the last successful cycle ended, in seconds since the epoch (0: none yet).").constLabels(c).register(registry);
        leader = Gauge.builder().name("flinkops_agent_leader").help("1 while this replica holds the Lease and runs cycles.")
                .constLabels(c).register(registry);
        drifted = Gauge.builder().name("flinkops_agent_drifted_objects")
                .help("Objects the last cycle found changed outside the repo (and put back).").constLabels(c).register(registry);
        GaugeWithCallback.builder().name("flinkops_deployment_state")
                .help("1 for the deployment's current state in the status file (from the last observation), 0 for the other states.")
                .constLabels(c).labelNames("namespace", "deployment", "state")
                .callback(cb -> {
                    for (DeploymentStatus d : deployments) {
                        Set<String> states = new LinkedHashSet<>(DEPLOYMENT_STATES);
                        String current = d.state() != null ? d.state() : "UNKNOWN";
                        states.add(current); // a state newer than this list still shows
                        for (String s : states) cb.call(s.equals(current) ? 1 : 0, d.namespace(), d.deployment(), s);
                    }
                }).register(registry);

        // Every label value exists from the first scrape on, at 0: rate() and increase() see the first problem of a
        // kind as an increase, and a dashboard shows 0 instead of "no data".
        for (Outcome o : Outcome.values()) {
            cycles.initLabelValues(lower(o));
            cycleDuration.initLabelValues(lower(o));
        }
        for (Recovery r : Recovery.values()) errors.initLabelValues(lower(r));
        for (Reason r : Reason.values()) errorsByReason.initLabelValues(lower(r), lower(r.recovery()));
        for (Step s : Step.values()) stepDuration.initLabelValues(s.label());
        lastSuccessTime.set(0);
        leader.set(0);
        drifted.set(0);

        JvmMetrics.builder().register(registry);
    }

    /** The registry {@code /metrics} exposes. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Counts one cycle that ended at {@code epochMillis}. */
    public void record(CycleReport report, long epochMillis) {
        String outcome = lower(report.outcome());
        double seconds = report.duration().toNanos() / 1e9;
        cycles.labelValues(outcome).inc();
        cycleDuration.labelValues(outcome).observe(seconds);
        lastCycleDuration.set(seconds);
        for (StepReport s : report.steps()) {
            if (s.status() != StepReport.Status.SKIPPED) stepDuration.labelValues(s.step().label()).observe(s.duration().toNanos() / 1e9);
        }
        drift(report.driftedObjects());
        for (Problem p : report.summary().problems()) {
            // Informational entries (drift put back, a paused deployment) are not errors; drift has its own gauge.
            if (p.recovery() == io.flinkops.agent.cycle.Recovery.NONE) continue;
            errors.labelValues(lower(p.recovery())).inc();
            errorsByReason.labelValues(lower(p.reason()), lower(p.recovery())).inc();
        }
        report.state().applied().ifPresent(a -> applied.inc(a.applied().size()));
        report.state().pruned().ifPresent(p -> pruned.inc(p.deleted().size()));
        // A failed observe step keeps the last states seen: the status file, too, keeps them until the next observation.
        report.state().observation().ifPresent(o -> deployments = List.copyOf(o.statuses().values()));
        if (report.succeeded()) {
            if (report.sourceCommit() != null) lastSuccessfulRevisionInfo.setLabelValues(report.sourceCommit());
            lastSuccessTime.set(epochMillis / 1000.0);
        }
    }

    /** How many objects the last cycle found drifted (changed outside the repo); 0 until the apply step reports drift. */
    public void drift(int objects) {
        drifted.set(objects);
    }

    public void leader(boolean leader) {
        this.leader.set(leader ? 1 : 0);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
