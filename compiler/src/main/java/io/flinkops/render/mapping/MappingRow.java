package io.flinkops.render.mapping;

import io.flinkops.plan.ResourcePlan;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the {@link MappingTable}: the VVP fields it reads, the operator fields it writes and by what rule, the
 * objects it maps into, and what a change of its fields does.
 *
 * @param number   its number, which other sections of docs/render-mapping.md refer to ("row 4")
 * @param vvp      the VVP field column, markdown
 * @param operator the operator field column, markdown
 * @param rule     the rule column, markdown
 * @param reads    the VVP fields it reads; empty when it reads none (a field the operator needs, a placeholder)
 * @param category what the operator makes of a change of those fields
 * @param objects  the kinds of object it maps into
 * @param writer   writes its operator fields from the plan. Absent where nothing is written for the row itself: a
 *                 field that is not mapped; a value the plan puts into another row's field (the configuration keys
 *                 of rows 9, 18, 22, 23 and 31 are in the plan's emitted configuration, which row 21 writes; the pod
 *                 additions of rows 20 and 23 are in the pod templates of row 27); and the summaries of the session
 *                 cluster and session job (rows 28 and 29), whose fields the rows they name write
 */
public record MappingRow(int number, String vvp, String operator, String rule, List<VvpField> reads, ChangeCategory category,
                         Set<ResourcePlan.Kind> objects, Optional<FieldWriter> writer) {

    public MappingRow {
        reads = List.copyOf(reads);
        objects = Set.copyOf(objects);
    }

    public boolean appliesTo(ResourcePlan.Kind kind) {
        return objects.contains(kind);
    }

    /**
     * How specifically the row names {@code field} (a changed field as diff names it): the length of the fixed part of
     * the longest of its fields that matches, or -1 when none does.
     */
    int specificity(String field) {
        return reads.stream().filter(f -> f.matches(field)).mapToInt(f -> f.fixedPart().length()).max().orElse(-1);
    }
}
