package io.flinkops.schema;

import io.flinkops.yaml.YMap;

import java.util.Set;

/**
 * How a document fared against its schema, as far as the later stages care.
 *
 * @param root    the document as the later stages read it: values VVP reads leniently in their canonical form, and
 *                (unless {@link Verdict#INVALID}) without the values that failed the schema
 * @param dropped pointers of the values taken out because they failed the schema (or were aliases): their problem is
 *                reported, so a later finding about them, or about their absence, is a knock-on
 */
public record SchemaOutcome(Verdict verdict, YMap root, Set<String> dropped) {

    public enum Verdict {
        VALID,
        /**
         * Some values failed the schema and were dropped; what is left passes it, so the document is typed and checked
         * (a bad {@code state} must not hide a missing target), and defaults still pass on their valid values.
         */
        REPAIRED,
        /** The document's structure (kind, name, spec) failed the schema: the typed view cannot be trusted. */
        INVALID
    }

    public boolean usable() {
        return verdict != Verdict.INVALID;
    }
}
