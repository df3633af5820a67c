package io.flinkops.validate.rules;

import java.util.List;
import java.util.Optional;

/** Where the rules get their {@link KnownFlinkOptions} from. */
final class FlinkOptions {
    private FlinkOptions() {
    }

    /** The catalogue of Flink's option definitions, or null while none is available (FO402 is skipped then). */
    static KnownFlinkOptions catalogue() {
        return null;
    }
}
