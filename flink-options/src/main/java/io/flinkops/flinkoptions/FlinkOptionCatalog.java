package io.flinkops.flinkoptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink configuration keys known to the Flink versions catalogued at build time (see this
 * module's README). Reads the classpath resource {@value #RESOURCE} once; instances are immutable
 * and thread-safe. No dependency on Flink.
 *
 * <p>Keys are case-sensitive, as in Flink. A key segment written {@code <name>} (e.g. {@code
 * metrics.reporter.<name>.factory.class}) is a placeholder: it matches any one segment, and, as the
 * last segment, any non-empty rest of the key ({@code metrics.reporter.<name>.<parameter>}).
 *
 * <p>Flink versions are written {@code major.minor} ({@code "1.20"}); {@code "1.20.3"} and the
 * operator's {@code "v1_20"} are accepted too. A version that is not catalogued is answered with the
 * nearest catalogued one of the same major (e.g. 2.4 with 2.3), else the nearest overall.
 */
public final class FlinkOptionCatalog {

    /** Classpath location of the generated catalogue. */
    public static final String RESOURCE = "/io/flinkops/flinkoptions/flink-options.tsv";

    private static final Comparator<String> VERSION_ORDER =
            Comparator.comparingInt((String v) -> versionKey(v)[0]).thenComparingInt(v -> versionKey(v)[1]);
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>.]+>");

    /** @param oldNameIn the versions in which the key is only the fallback/deprecated name of another key */
    private record Entry(String key, Set<String> versions, Set<String> oldNameIn, String canonical, Pattern pattern,
            List<String> names, Shape shape) {
        boolean isPlaceholder() {
            return pattern != null;
        }
    }

    /** A key prepared for similarity scoring: lower case, and its segments without '-' and '_'. */
    private record Shape(String lower, String[] segments) {
        static Shape of(String key) {
            String lower = key.toLowerCase(Locale.ROOT);
            String[] segments = lower.split("\\.", -1);
            for (int i = 0; i < segments.length; i++) {
                segments[i] = segments[i].replace("-", "").replace("_", "");
            }
            return new Shape(lower, segments);
        }
    }

    private static final class Holder {
        static final FlinkOptionCatalog INSTANCE = readResource();
    }

    private final Map<String, Entry> entries;
    private final List<Entry> placeholders;
    /** {@link #matches} by key: the catalogue is immutable, and matching a key runs every placeholder's regex. */
    private final Map<String, List<Entry>> matchesByKey = new ConcurrentHashMap<>();
    private static final int MATCHES_KEPT = 100_000;
    private final Set<String> versions;
    private final Collection<String> keys;
    /** canonical key -> the keys that are its old names (exact keys only). */
    private final Map<String, List<String>> oldNames;

    private FlinkOptionCatalog(Map<String, Entry> entries) {
        this.entries = entries;
        List<Entry> ph = new ArrayList<>();
        Set<String> vs = new TreeSet<>(VERSION_ORDER);
        for (Entry e : entries.values()) {
            vs.addAll(e.versions());
            if (e.isPlaceholder()) {
                ph.add(e);
            }
        }
        ph.sort(Comparator.comparingInt(FlinkOptionCatalog::specificity).thenComparing(Entry::key));
        this.placeholders = List.copyOf(ph);
        this.versions = Collections.unmodifiableSet(new LinkedHashSet<>(vs));
        this.keys = Collections.unmodifiableCollection(entries.keySet());
        Map<String, List<String>> old = new TreeMap<>();
        for (Entry e : entries.values()) {
            if (e.canonical() != null && !e.isPlaceholder()) {
                old.computeIfAbsent(e.canonical(), k -> new ArrayList<>()).add(e.key());
            }
        }
        this.oldNames = old;
    }

    /** The catalogue shipped in this jar, read on first use. */
    public static FlinkOptionCatalog load() {
        return Holder.INSTANCE;
    }

    /** Parses a catalogue in the TSV format (for tests and tools); {@link #load()} is the normal entry point. */
    public static FlinkOptionCatalog parse(Reader tsv) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        BufferedReader in = tsv instanceof BufferedReader b ? b : new BufferedReader(tsv);
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
                throw new IOException("flink-options.tsv line " + lineNo + ": expected key<TAB>versions<TAB>canonicalKey");
            }
            Set<String> vs = new TreeSet<>(VERSION_ORDER);
            Set<String> old = new TreeSet<>(VERSION_ORDER);
            for (String v : f[1].split(",")) {
                try {
                    boolean oldName = v.endsWith("*");
                    String version = normalizeVersion(oldName ? v.substring(0, v.length() - 1) : v);
                    vs.add(version);
                    if (oldName) {
                        old.add(version);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException("flink-options.tsv line " + lineNo + ": " + e.getMessage(), e);
                }
            }
            String canonical = f[2].equals("-") ? null : f[2];
            Pattern pattern = null;
            List<String> names = List.of();
            if (PLACEHOLDER.matcher(f[0]).find()) {
                names = new ArrayList<>();
                pattern = toPattern(f[0], names);
            }
            if (!old.isEmpty() && canonical == null) {
                throw new IOException("flink-options.tsv line " + lineNo + ": versions marked '*' need a canonical key");
            }
            entries.put(f[0], new Entry(f[0], Collections.unmodifiableSet(vs),
                    old.isEmpty() ? Set.of() : Collections.unmodifiableSet(old), canonical, pattern, List.copyOf(names),
                    Shape.of(f[0])));
        }
        return new FlinkOptionCatalog(entries);
    }

    private static FlinkOptionCatalog readResource() {
        InputStream in = FlinkOptionCatalog.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath (built by flinkops-flink-options)");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The catalogued Flink versions, {@code major.minor}, oldest first. */
    public Set<String> versions() {
        return versions;
    }

    /**
     * Every catalogued key, sorted, including fallback/deprecated keys and placeholder keys such as
     * {@code metrics.reporter.<name>.factory.class}.
     */
    public Collection<String> keys() {
        return keys;
    }

    /** Whether any catalogued Flink version accepts {@code key} (as a primary or fallback/deprecated key). */
    public boolean isKnown(String key) {
        return !matches(key).isEmpty();
    }

    /** Whether the given Flink version (see {@link #catalogueVersionFor}) accepts {@code key}. */
    public boolean isKnown(String key, String flinkMajorMinor) {
        String version = catalogueVersionFor(flinkMajorMinor);
        return matches(key).stream().anyMatch(e -> e.versions().contains(version));
    }

    /** The catalogued versions that accept {@code key}, oldest first (empty if unknown). */
    public Set<String> versionsOf(String key) {
        List<Entry> matches = matches(key);
        if (matches.size() == 1) {
            return matches.get(0).versions();
        }
        Set<String> union = new TreeSet<>(VERSION_ORDER);
        matches.forEach(e -> union.addAll(e.versions()));
        return Collections.unmodifiableSet(union);
    }

    /**
     * The primary key that {@code key} is a fallback/deprecated name of (as of the newest catalogued
     * version knowing {@code key}); empty for primary keys and unknown keys.
     */
    public Optional<String> canonicalKeyOf(String key) {
        List<Entry> matches = matches(key);
        return matches.isEmpty() ? Optional.empty() : canonicalOf(matches.get(0), key);
    }

    /**
     * The key that Flink {@code flinkVersion} (see {@link #catalogueVersionFor}) reads {@code key} as, when {@code key}
     * is there only the fallback or deprecated name of another key that this version knows; empty when it is a
     * primary key of that version, or unknown to it. For example {@code state.savepoints.dir} in 1.20 gives {@code
     * execution.checkpointing.savepoint-dir}; in 1.19, where it is the primary key, nothing.
     */
    public Optional<String> canonicalKeyOf(String key, String flinkVersion) {
        String version = catalogueVersionFor(flinkVersion);
        for (Entry e : matches(key)) {
            if (!e.versions().contains(version)) {
                continue;
            }
            if (!e.oldNameIn().contains(version)) {
                return Optional.empty();
            }
            return canonicalOf(e, key).filter(c -> isKnown(c, version));
        }
        return Optional.empty();
    }

    private static Optional<String> canonicalOf(Entry e, String key) {
        if (e.canonical() == null) {
            return Optional.empty();
        }
        if (!e.isPlaceholder() || e.key().equals(key)) {
            return Optional.of(e.canonical());
        }
        // Fill the canonical key's placeholders with the segments the key matched.
        Matcher m = e.pattern().matcher(key);
        m.matches();
        String canonical = e.canonical();
        for (int i = 0; i < e.names().size(); i++) {
            canonical = canonical.replace(e.names().get(i), m.group(i + 1));
        }
        return Optional.of(canonical);
    }

    /**
     * The name under which Flink {@code flinkVersion} knows the option of {@code key}: {@code key} itself if that
     * version knows it; else the key's canonical key (a name removed in that version, replaced by its new name); else
     * an old name of the key or of its canonical key that the version knows (a name newer than that version, e.g.
     * {@code state.checkpoints.dir} for {@code execution.checkpointing.dir} in 1.19); empty when the version has no
     * such option under any catalogued name.
     */
    public Optional<String> nameIn(String key, String flinkVersion) {
        String version = catalogueVersionFor(flinkVersion);
        if (isKnown(key, version)) {
            return Optional.of(key);
        }
        Optional<String> canonical = canonicalKeyOf(key);
        if (canonical.isPresent() && isKnown(canonical.get(), version)) {
            return canonical;
        }
        // Among the old names the version knows, the one that is its primary key there (state.checkpoints.dir in 1.19,
        // not the older state.backend.fs.checkpointdir, which 1.19 reads as an old name of it).
        String option = canonical.orElse(key);
        String fallback = null;
        for (String old : oldNames.getOrDefault(option, List.of())) {
            if (old.equals(key) || !isKnown(old, version)) {
                continue;
            }
            if (entries.get(old).oldNameIn().contains(version)) {
                fallback = fallback == null ? old : fallback;
            } else {
                return Optional.of(old);
            }
        }
        return Optional.ofNullable(fallback);
    }

    /**
     * Maps a Flink version to the catalogued version used to answer for it: itself if catalogued, else
     * the nearest catalogued version of the same major (ties: the newer), else the nearest overall.
     *
     * @param flinkVersion {@code "1.20"}, {@code "1.20.3"} or {@code "v1_20"}
     * @throws IllegalArgumentException if it is not a version
     */
    public String catalogueVersionFor(String flinkVersion) {
        String v = normalizeVersion(flinkVersion);
        if (versions.contains(v)) {
            return v;
        }
        int[] want = versionKey(v);
        String best = null;
        int[] bestRank = null;
        for (String candidate : versions) { // oldest first
            int[] have = versionKey(candidate);
            int majorDistance = Math.abs(have[0] - want[0]);
            // Same major: nearest minor. Other major: its newest minor if older than wanted, else its oldest.
            int minorRank = have[0] == want[0] ? Math.abs(have[1] - want[1])
                    : have[0] < want[0] ? -have[1] : have[1];
            int[] rank = {majorDistance, minorRank};
            if (bestRank == null || rank[0] < bestRank[0] || (rank[0] == bestRank[0] && rank[1] <= bestRank[1])) {
                best = candidate; // "<=": on ties the newer wins
                bestRank = rank;
            }
        }
        return best;
    }

    /**
     * "Did you mean" candidates for an unknown key, best first, at most {@code max}. Combines the edit
     * distance of the whole key (case-insensitive) with matching trailing segments (so {@code
     * checkpointing.interval} finds {@code execution.checkpointing.interval}); primary keys rank before
     * fallback/deprecated ones. Placeholder keys are suggested filled in with the unknown key's segments
     * (catch-all ones such as {@code metrics.reporter.<name>.<parameter>} are never suggested).
     */
    public List<String> suggestions(String unknownKey, int max) {
        if (unknownKey == null || max <= 0 || unknownKey.isBlank()) {
            return List.of();
        }
        String u = unknownKey.trim();
        String[] uRaw = u.split("\\.", -1);
        Shape us = Shape.of(u);
        int cap = Math.max(2, us.lower().length() / 5 + 1);
        Map<String, Double> scores = new TreeMap<>();
        for (Entry e : entries.values()) {
            String candidate = e.key();
            Shape cs = e.shape();
            if (e.isPlaceholder()) {
                candidate = fill(e.key(), uRaw);
                if (candidate == null) {
                    continue;
                }
                cs = Shape.of(candidate);
            }
            if (candidate.equals(u)) {
                continue;
            }
            double score = score(us, cs, cap);
            if (score <= cap) {
                if (e.canonical() != null) {
                    score += 0.25;
                }
                scores.merge(candidate, score, Math::min);
            }
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(max)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static double score(Shape u, Shape c, int cap) {
        String[] us = u.segments();
        String[] cs = c.segments();
        int k = 0; // equal trailing segments, ignoring case, '-' and '_'
        while (k < us.length && k < cs.length && us[us.length - 1 - k].equals(cs[cs.length - 1 - k])) {
            k++;
        }
        if (k == us.length && k == cs.length) {
            return 0.5; // differs only in case, '-' or '_'
        }
        double best = Double.MAX_VALUE;
        String ul = u.lower();
        String cl = c.lower();
        if (Math.abs(ul.length() - cl.length()) <= cap) {
            best = levenshtein(ul, cl, cap);
        }
        if (k >= 2 || (k == 1 && (us.length == 1 || cs.length == 1))) {
            // One key is (nearly) a tail of the other: checkpointing.interval, numberOfTaskSlots.
            best = Math.min(best, 1 + 0.1 * Math.abs(cs.length - us.length));
        } else if (k == 1 && best > 1) {
            // Same last segment: compare what comes before it.
            String up = ul.substring(0, ul.lastIndexOf('.'));
            String cp = cl.substring(0, cl.lastIndexOf('.'));
            if (Math.abs(up.length() - cp.length()) <= 2 * cap) {
                best = Math.min(best, 1 + levenshtein(up, cp, 2 * cap) / 2.0);
            }
        }
        return best;
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it must exceed {@code limit}. */
    static int levenshtein(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit + 1);
    }

    /**
     * A placeholder key with its placeholder segments taken from {@code segs}; null if the segment counts
     * differ or the key ends in a catch-all placeholder.
     */
    private static String fill(String key, String[] segs) {
        String[] k = key.split("\\.", -1);
        if (k.length != segs.length || PLACEHOLDER.matcher(k[k.length - 1]).matches()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k.length; i++) {
            sb.append(i == 0 ? "" : ".").append(PLACEHOLDER.matcher(k[i]).matches() ? segs[i] : k[i]);
        }
        return sb.toString();
    }

    /** The entries accepting {@code key}: the exact one, then placeholder ones, most specific first. */
    private List<Entry> matches(String key) {
        if (key == null) {
            return List.of();
        }
        List<Entry> known = matchesByKey.get(key);
        if (known != null) {
            return known;
        }
        List<Entry> result = matchesUncached(key);
        // A repo uses a few hundred distinct keys, each on thousands of deployments; the cap only guards a
        // long-running process against unbounded growth.
        if (matchesByKey.size() < MATCHES_KEPT) {
            matchesByKey.put(key, result);
        }
        return result;
    }

    /** Every entry matching {@code key}: its exact entry first, then the placeholder patterns (a regex each). */
    private List<Entry> matchesUncached(String key) {
        Entry exact = entries.get(key);
        List<Entry> result = null;
        for (Entry p : placeholders) {
            if (p != exact && p.pattern().matcher(key).matches()) {
                if (result == null) {
                    result = new ArrayList<>();
                    if (exact != null) {
                        result.add(exact);
                    }
                }
                result.add(p);
            }
        }
        if (result == null) {
            return exact == null ? List.of() : List.of(exact);
        }
        return List.copyOf(result);
    }

    /** Placeholder entries ending in a catch-all segment match the most keys: try them last. */
    private static int specificity(Entry e) {
        String[] segs = e.key().split("\\.", -1);
        boolean catchAll = PLACEHOLDER.matcher(segs[segs.length - 1]).matches();
        return (catchAll ? 1000 : 0) + e.names().size();
    }

    private static Pattern toPattern(String key, List<String> names) {
        String[] segs = key.split("\\.", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            if (i > 0) {
                re.append("\\.");
            }
            Matcher m = PLACEHOLDER.matcher(segs[i]);
            int last = 0;
            while (m.find()) {
                re.append(Pattern.quote(segs[i].substring(last, m.start())));
                boolean wholeLastSegment = i == segs.length - 1 && m.start() == 0 && m.end() == segs[i].length();
                re.append(wholeLastSegment ? "(.+)" : "([^.]+)");
                names.add(m.group());
                last = m.end();
            }
            re.append(Pattern.quote(segs[i].substring(last)));
        }
        return Pattern.compile(re.toString());
    }

    /**
     * Parsed versions, by the text asked for: lookups name the same few versions millions of times (every key of every
     * deployment), so each is parsed once. Only valid versions are kept, so the maps hold at most the versions in use.
     */
    private static final Map<String, String> NORMALIZED = new ConcurrentHashMap<>();
    private static final Map<String, int[]> KEYS = new ConcurrentHashMap<>();

    private static String normalizeVersion(String version) {
        if (version == null) {
            throw new IllegalArgumentException("Flink version is null");
        }
        String cached = NORMALIZED.get(version);
        if (cached != null) {
            return cached;
        }
        String normalized = parseVersion(version);
        NORMALIZED.putIfAbsent(version, normalized);
        return normalized;
    }

    private static String parseVersion(String version) {
        String v = version.trim();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1).replace('_', '.');
        }
        String[] parts = v.split("\\.");
        if (parts.length < 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            throw new IllegalArgumentException("not a Flink version (major.minor): " + version);
        }
        return Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]);
    }

    private static int[] versionKey(String majorMinor) {
        int[] key = KEYS.get(majorMinor);
        if (key == null) {
            String[] p = majorMinor.split("\\.");
            key = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
            KEYS.putIfAbsent(majorMinor, key);
        }
        return key;
    }
}
