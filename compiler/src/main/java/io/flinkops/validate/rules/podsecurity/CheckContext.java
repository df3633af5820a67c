package io.flinkops.validate.rules.podsecurity;

import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.RuleContext;

/**
 * What a check reports through: one check's code, at the level being enforced, for one resource.
 *
 * @param flinkConfiguration where the resource writes its Flink configuration
 */
record CheckContext(RuleContext rules, Resolved<?> resource, FieldPath flinkConfiguration, Level level, Code code) {

    /** A value that is there: reported where it is written. */
    void report(PodUnit unit, FieldPath renderedPointer, String message, String hint) {
        rules.report(code, resource, unit.origin().apply(renderedPointer), message, hint);
    }

    /**
     * A container setting that is missing: reported where to add it, with {@code hint}; or, when this container
     * cannot get it there (Flink adds it, or the pods come from {@code kubernetes.pods} or from nothing), with how
     * to get it.
     */
    void reportMissing(PodUnit unit, Container c, FieldPath renderedPointer, String message, String hint) {
        boolean template = unit.kind() == PodUnit.Kind.TEMPLATE;
        FieldPath pointer = template && !c.listed() ? FieldPath.of("spec", "containers") : renderedPointer;
        report(unit, pointer, message, template && c.listed() ? hint : Wording.addRestrictedContext(unit));
    }

    /** A Flink configuration option from which Flink sets a pod setting. */
    void reportOption(String option, String message, String hint) {
        rules.report(code, resource, flinkConfiguration.child(option), message, hint);
    }
}
