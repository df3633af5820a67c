package io.flinkops.flinkconfig;

import io.flinkops.flinkoptions.FlinkOptionCatalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/** The {@link KnownOptions} generated from Flink's own option definitions (module flink-options), loaded once. */
public final class OptionCatalogue implements KnownOptions {
    /**
     * How many answers per question are remembered: the keys of a repo repeat in every deployment (defaults), so each
     * (key, version) is looked up once; a repo with more distinct keys than this is still answered, just not remembered.
     */
    private static final int MEMO_LIMIT = 100_000;

    private final FlinkOptionCatalog catalog;
    private final List<String> versions;
    private final Map<String, Boolean> knownIn = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> canonicalIn = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> namesIn = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> removedIn = new ConcurrentHashMap<>();

    private OptionCatalogue(FlinkOptionCatalog catalog) {
        this.catalog = catalog;
        this.versions = List.copyOf(catalog.versions());
    }

    /** {@code compute(key, version)}, remembered in {@code memo} while it has room. */
    private static <T> T memo(Map<String, T> memo, String key, String version, BiFunction<String, String, T> compute) {
        String id = version + '\u0000' + key;
        T known = memo.get(id);
        if (known != null) return known;
        T answer = compute.apply(key, version);
        if (memo.size() < MEMO_LIMIT) memo.putIfAbsent(id, answer);
        return answer;
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
        return memo(knownIn, key, flinkMajorMinor, catalog::isKnown);
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
        return versions;
    }

    @Override
    public Optional<String> canonicalKeyOf(String key, String flinkMajorMinor) {
        return memo(canonicalIn, key, flinkMajorMinor, catalog::canonicalKeyOf);
    }

    @Override
    public Optional<String> nameIn(String key, String flinkMajorMinor) {
        return memo(namesIn, key, flinkMajorMinor, catalog::nameIn);
    }

    @Override
    public Optional<String> removedIn(String key, String flinkMajorMinor) {
        if (flinkMajorMinor == null) return Optional.empty();
        return memo(removedIn, key, flinkMajorMinor, KnownOptions.super::removedIn);
    }
}
