package io.flinkops.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" candidates by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate within a distance that still reads as a typo, if any. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int budget = Math.max(2, word.length() / 3);
        return candidates.stream()
                .map(c -> new Scored(c, distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= budget)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    /** " Did you mean `x`?" or "". */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "Did you mean `" + c + "`?").orElse("");
    }

    public static List<String> sorted(Collection<String> candidates) {
        return candidates.stream().sorted().toList();
    }

    private record Scored(String candidate, int distance) {
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swapped pair of letters counts once. */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
