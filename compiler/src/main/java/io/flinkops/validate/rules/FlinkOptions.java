package io.flinkops.validate.rules;

import io.flinkops.flinkoptions.FlinkOptionCatalog;

import java.util.List;
import java.util.Optional;

/** The {@link KnownFlinkOptions} of the rules: the catalogue generated from Flink's own option definitions. */
final class FlinkOptions {
    private FlinkOptions() {
    }

    private static final class Holder {
        static final KnownFlinkOptions CATALOGUE = load();
    }

    /** The catalogue (module flink-options), or null if it cannot be read (FO402 is skipped then). */
    static KnownFlinkOptions catalogue() {
        return Holder.CATALOGUE;
    }

    private static KnownFlinkOptions load() {
        FlinkOptionCatalog catalog;
        try {
            catalog = FlinkOptionCatalog.load();
        } catch (RuntimeException e) {
            return null;
        }
        return new KnownFlinkOptions() {
            @Override
            public boolean isKnown(String key) {
                return catalog.isKnown(key);
            }

            @Override
            public boolean isKnown(String key, String flinkMajorMinor) {
                return catalog.isKnown(key, flinkMajorMinor);
            }

            @Override
            public Optional<String> canonicalKeyOf(String key) {
                return catalog.canonicalKeyOf(key);
            }

            @Override
            public List<String> suggestions(String unknownKey, int max) {
                return catalog.suggestions(unknownKey, max);
            }
        };
    }
}
