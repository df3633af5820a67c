package io.flinkops.diff;

import io.flinkops.diff.live.LiveView;

import java.util.ArrayList;
import java.util.List;

/**
 * The impact of one Deployment or SessionCluster while the {@link ImpactRule}s work it out; {@link #build()} makes
 * the immutable {@link DeploymentChange}. Rules only add: a restart stays a restart, the state risk only rises —
 * except where the live state settles what Git could only guess ({@link #riskFromLiveState}).
 */
public final class Impact {
    private final SubjectPair pair;
    private ChangeKind change = ChangeKind.UNCHANGED;
    private boolean restart;
    private String upgradeMode;
    private StateRisk risk = StateRisk.NONE;
    private final List<String> reasons = new ArrayList<>();
    private boolean restoresState;
    private boolean takesSavepoint;
    private LiveView live;
    private String redeployFrom;

    Impact(SubjectPair pair) {
        this.pair = pair;
    }

    public SubjectPair pair() {
        return pair;
    }

    public ChangeKind change() {
        return change;
    }

    public void change(ChangeKind kind) {
        this.change = kind;
    }

    public boolean restart() {
        return restart;
    }

    /** The running job (or cluster) is stopped and started again. */
    public void restarts() {
        this.restart = true;
    }

    public String upgradeMode() {
        return upgradeMode;
    }

    public void upgradeMode(String mode) {
        this.upgradeMode = mode;
    }

    public StateRisk risk() {
        return risk;
    }

    public void risk(StateRisk atLeast) {
        risk = risk.max(atLeast);
    }

    /**
     * Sets the risk from what the status branch says runs now, also below what the rules guessed from Git: a change
     * that would lose the state of a running job loses less when the job does not run and its savepoint is kept.
     * Only {@code LiveStateRule} uses it, after every rule that weighs the change itself.
     */
    public void riskFromLiveState(StateRisk risk) {
        this.risk = risk;
    }

    /** Adds a reason: one sentence naming the field and the file:line behind it. */
    public void reason(String sentence) {
        reasons.add(sentence);
    }

    public List<String> reasons() {
        return List.copyOf(reasons);
    }

    /** The job restores state in this change (a stateful upgrade, a resume, a recovery after its cluster restarts). */
    public boolean restoresState() {
        return restoresState;
    }

    public void restoresState(boolean value) {
        restoresState = restoresState || value;
    }

    /** The operator takes a savepoint of the running job in this change (to upgrade or suspend it). */
    public boolean takesSavepoint() {
        return takesSavepoint;
    }

    public void takesSavepoint(boolean value) {
        takesSavepoint = takesSavepoint || value;
    }

    /**
     * The job is stopped without a savepoint and started from the Savepoint of this name (a redeploy): the state
     * newer than that savepoint is discarded.
     */
    public void redeploysFrom(String savepoint) {
        this.redeployFrom = savepoint;
    }

    /** The Savepoint a redeploy starts from, null when the change is no redeploy. */
    public String redeployFrom() {
        return redeployFrom;
    }

    /** What runs now as this change meets it; null while the live state is not known. */
    public LiveView live() {
        return live;
    }

    public void live(LiveView view) {
        this.live = view;
    }

    public DeploymentChange build() {
        return new DeploymentChange(pair.subject(), change, restart, upgradeMode, risk, reasons, live);
    }
}
