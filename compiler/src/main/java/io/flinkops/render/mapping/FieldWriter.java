package io.flinkops.render.mapping;

import io.flinkops.plan.ResourcePlan;

/** Writes the operator fields of one {@link MappingRow} from the plan, which has made every decision. */
@FunctionalInterface
public interface FieldWriter {
    void write(ResourcePlan plan, OperatorObject object);

    /** This writer, then {@code next}. */
    default FieldWriter andThen(FieldWriter next) {
        return (plan, object) -> {
            write(plan, object);
            next.write(plan, object);
        };
    }
}
