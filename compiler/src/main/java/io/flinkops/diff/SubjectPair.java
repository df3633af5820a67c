package io.flinkops.diff;

import java.util.List;
import java.util.Optional;

/**
 * One Deployment or SessionCluster in both revisions, and what happens to its main object between them.
 */
public final class SubjectPair {

    /** What happens to the main object (FlinkDeployment or FlinkSessionJob). */
    public enum Transition {
        /** Rendered by neither revision (a SessionCluster STOPPED in both). */
        NEITHER,
        /** Rendered only by the head revision. */
        ADDED,
        /** Rendered only by the base revision. */
        REMOVED,
        /** Rendered by both, in a different place or as a different kind: deleted and created anew. */
        MOVED,
        /** Rendered by both as the same object. */
        SAME,
        /**
         * The base revision has errors and did not render it although it has the document: what runs now is not
         * known.
         */
        BASE_UNKNOWN
    }

    private final Subject subject;
    private final SubjectSide base;
    private final SubjectSide head;
    private final Transition transition;
    private ObjectDelta delta;
    private List<FieldChange> inputs;

    SubjectPair(Subject subject, SubjectSide base, SubjectSide head) {
        this.subject = subject;
        this.base = base;
        this.head = head;
        this.transition = transition(base, head);
    }

    private static Transition transition(SubjectSide base, SubjectSide head) {
        if (!base.rendered() && !base.snapshot().complete() && base.source().isPresent() && head.rendered()) {
            return Transition.BASE_UNKNOWN;
        }
        if (!base.rendered()) return head.rendered() ? Transition.ADDED : Transition.NEITHER;
        if (!head.rendered()) return Transition.REMOVED;
        return base.identity().equals(head.identity()) ? Transition.SAME : Transition.MOVED;
    }

    public Subject subject() {
        return subject;
    }

    public SubjectSide base() {
        return base;
    }

    public SubjectSide head() {
        return head;
    }

    public Transition transition() {
        return transition;
    }

    /** How the objects differ; only for {@link Transition#SAME}. */
    public Optional<ObjectDelta> delta() {
        if (transition != Transition.SAME) return Optional.empty();
        if (delta == null) delta = ObjectDelta.between(base, head);
        return Optional.of(delta);
    }

    /** The rendered objects are the same in both revisions. */
    public boolean objectsEqual() {
        return transition == Transition.NEITHER || (transition == Transition.SAME && delta().orElseThrow().equal());
    }

    /** The changed inputs (effective spec, target, flinkops.yaml, Namespace, logging profile), with their places. */
    public List<FieldChange> inputs() {
        if (inputs == null) inputs = InputChanges.of(this);
        return inputs;
    }

    /** The first changed inputs of {@code categories}, for naming the cause of a consequence. */
    public List<FieldChange> inputs(FieldChange.Category... categories) {
        List<FieldChange.Category> wanted = List.of(categories);
        return inputs().stream().filter(c -> wanted.contains(c.category())).toList();
    }

    /** Both sides' jobs, when both revisions render the same object with a job. */
    public Optional<JobView> baseJob() {
        return base.job();
    }

    public Optional<JobView> headJob() {
        return head.job();
    }
}
