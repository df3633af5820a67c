package io.flinkops.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A state location ({@code s3://bucket/team/checkpoints}) as Flink resolves it, for comparison with the storage
 * prefixes of a fence: the scheme and authority in lower case, with {@code s3a}/{@code s3p} read as {@code s3} and the
 * TLS variants of Azure's schemes as the plain ones (they address the same bucket or container), and the path
 * normalized the way Flink's {@code Path} normalizes it ({@code .} and {@code ..} segments resolved, repeated
 * {@code /} collapsed), so that {@code s3://state/analytics/../payments} is seen where it lands.
 *
 * @param scheme    normalized scheme; empty for a path without one (the pod's file system)
 * @param authority lower-case authority (bucket, host:port); empty when there is none
 * @param segments  the path's segments after normalization
 */
public record StoragePath(String scheme, String authority, List<String> segments) {
    private static final Map<String, String> SAME_STORE = Map.of("s3a", "s3", "s3p", "s3", "wasbs", "wasb", "abfss", "abfs",
            "file", "");

    /** The path, or empty when {@code text} is not one that can be judged (a reference, a query, a relative path). */
    public static Optional<StoragePath> parse(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.contains("${") || t.contains("{{") || t.contains("?") || t.contains("#") || t.contains("\\")) return Optional.empty();
        String scheme = "";
        String rest = t;
        int colon = t.indexOf(':');
        int slash = t.indexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash)) {
            scheme = t.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.matches("[a-z][a-z0-9+.-]*")) return Optional.empty();
            rest = t.substring(colon + 1);
        }
        scheme = SAME_STORE.getOrDefault(scheme, scheme);
        String authority = "";
        if (rest.startsWith("//")) {
            int end = rest.indexOf('/', 2);
            authority = (end < 0 ? rest.substring(2) : rest.substring(2, end)).toLowerCase(Locale.ROOT);
            rest = end < 0 ? "" : rest.substring(end);
        }
        if (!rest.isEmpty() && !rest.startsWith("/")) return Optional.empty(); // relative: depends on the working directory
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (!segments.isEmpty()) segments.remove(segments.size() - 1);
                continue;
            }
            segments.add(s);
        }
        return Optional.of(new StoragePath(scheme, authority, List.copyOf(segments)));
    }

    /** Whether this path is {@code prefix} or below it, segment by segment ({@code /team} does not hold {@code /team-b}). */
    public boolean isWithin(StoragePath prefix) {
        return scheme.equals(prefix.scheme) && authority.equals(prefix.authority) && segments.size() >= prefix.segments.size()
                && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    @Override
    public String toString() {
        String path = "/" + String.join("/", segments);
        return scheme.isEmpty() ? path : scheme + "://" + authority + path;
    }
}
