package io.flinkops.flinkconfig;

import io.flinkops.flinkoptions.FlinkOptionCatalog;

import java.util.List;
import java.util.Optional;

/** The {@link KnownOptions} generated from Flink's own option definitions (module flink-options), loaded once. */
public final class OptionCatalogue implements KnownOptions {
    private final FlinkOptionCatalog catalog;

    private OptionCatalogue(FlinkOptionCatalog catalog) {
        this.catalog = catalog;
    }

    private static final class Holder {
        static final Optional<KnownOptions> CATALOGUE = load();
    }

    /** The catalogue, or empty if it cannot be read (FO402 is skipped then). */
    public static Optional<KnownOptions> get() {
        return Holder.CATALOGUE;
    }

    private static Optional<KnownOptions> load() {
        try {
            return Optional.of(new OptionCatalogue(FlinkOptionCatalog.load()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

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

    @Override
    public List<String> versions() {
        return List.copyOf(catalog.versions());
    }

    @Override
    public Optional<String> canonicalKeyOf(String key, String flinkMajorMinor) {
        return catalog.canonicalKeyOf(key, flinkMajorMinor);
    }

    @Override
    public Optional<String> nameIn(String key, String flinkMajorMinor) {
        return catalog.nameIn(key, flinkMajorMinor);
    }
}
