package io.flinkops.diff;

import io.flinkops.diag.Location;
import io.flinkops.render.mapping.ChangeCategory;

/**
 * One changed input value of a Deployment or SessionCluster: a field of its effective spec (defaults merged in),
 * of its DeploymentTarget, of flinkops.yaml or of its Namespace, or a logging profile file, with the place that
 * set it.
 *
 * @param owner    null for the subject's own effective spec; else what the field belongs to, e.g.
 *                 "DeploymentTarget `prod`" or "flinkops.yaml"
 * @param field    the field as a reader writes it: {@code parallelism}, {@code flinkConfiguration.state.backend.type},
 *                 {@code kubernetes.pods.tolerations[0].key}
 * @param before   the old value as written, null when it was not set (or is not a short scalar)
 * @param after    the new value, likewise
 * @param at       where the change is: the new value's file:line, or for a removed value the {@code null} that
 *                 removed it, else where the old value was written
 */
public record FieldChange(String owner, String field, Kind kind, String before, String after, Location at, Category category) {

    public enum Kind { SET, CHANGED, REMOVED, REMOVED_BY_NULL }

    /**
     * What the operator makes of a change of the field, for choosing which fields explain a restart: the
     * {@link ChangeCategory} of the mapping table row that names the field, under the names diff's rules use.
     */
    public enum Category {
        METADATA, MODE, STATE, NOT_MAPPED, OPERATOR_CONFIG, SPEC;

        /** The category of the same name. */
        public static Category of(ChangeCategory category) {
            return valueOf(category.name());
        }
    }

    /** One sentence for a reason. */
    public String sentence() {
        String name = "`" + field + "`" + (owner == null ? "" : " of " + owner);
        String where = Wording.at(at);
        String text = switch (kind) {
            case CHANGED -> before != null && after != null
                    ? name + " changes from " + Wording.code(before) + " to " + Wording.code(after) + " (" + where + ")"
                    : name + " changes (" + where + ")";
            case SET -> after != null ? name + " is set to " + Wording.code(after) + " (" + where + ")" : name + " is set (" + where + ")";
            case REMOVED_BY_NULL -> name + " is removed by `null` at " + where + (before != null ? " (was " + Wording.code(before) + ")" : "");
            case REMOVED -> name + " is no longer set" + (before != null ? " (was " + Wording.code(before) + " from " + where + ")" : " (was set at " + where + ")");
        };
        if (category == Category.NOT_MAPPED) text += "; flinkops does not map it to the operator, so it has no effect";
        return text + ".";
    }
}
