package io.flinkops.diff;

import io.flinkops.diag.Location;
import io.flinkops.plan.JobModes;

import java.util.List;

/** Shared phrasing of the reasons, so every rule words places, values and modes the same way. */
public final class Wording {
    private Wording() {
    }

    /** {@code file:line} (the column is noise in a sentence); just the file for a whole-file location. */
    public static String at(Location location) {
        if (location == null) return "unknown location";
        return location.line() == 0 ? location.file() : location.file() + ":" + location.line();
    }

    /** A value in backticks (backticks inside are replaced, so the markdown stays intact). */
    public static String code(String value) {
        return "`" + value.replace('`', '\'') + "`";
    }

    /** How the operator carries state across an upgrade in {@code mode}. */
    public static String how(String mode) {
        return switch (mode) {
            case JobModes.SAVEPOINT -> "stops the job with a savepoint and starts it with the new spec from that savepoint (upgrade mode `savepoint`)";
            case JobModes.LAST_STATE -> "stops the job and starts it with the new spec from its latest checkpoint (upgrade mode `last-state`)";
            default -> "cancels the job without a savepoint and starts it with the new spec from empty state (upgrade mode `stateless`)";
        };
    }

    /** "`a`, `b` and 3 more". */
    public static String list(List<String> items, int max) {
        List<String> quoted = items.stream().limit(max).map(i -> "`" + i + "`").toList();
        String head = String.join(", ", quoted);
        if (items.size() > max) return head + " and " + (items.size() - max) + " more";
        if (quoted.size() <= 1) return head;
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    /** "`parallelism` (namespaces/team/job.yaml:14)", for naming the inputs behind a consequence. */
    public static String cause(FieldChange c) {
        return "`" + c.field() + "`" + (c.owner() == null ? "" : " of " + c.owner()) + " at " + at(c.at());
    }

    public static String causes(List<FieldChange> changes, int max) {
        List<String> parts = changes.stream().limit(max).map(Wording::cause).toList();
        String text = String.join(", ", parts);
        return changes.size() > max ? text + " and " + (changes.size() - max) + " more" : text;
    }
}
