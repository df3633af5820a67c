package io.flinkops.diag;

import java.util.List;

/** How diagnostic messages phrase lists and counts, so that every rule says them the same way. */
public final class Phrases {
    private Phrases() {
    }

    /** "a", "a and b", "a, b and c". */
    public static String and(List<String> items) {
        if (items.size() <= 1) return String.join("", items);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** "a, b, c". */
    public static String list(List<String> items) {
        return String.join(", ", items);
    }

    /** "`a`, `b`, `c`": values as written, each in backticks. */
    public static String quoted(List<String> items) {
        return String.join(", ", items.stream().map(i -> "`" + i + "`").toList());
    }

    /** "1 TaskManager", "2 TaskManagers". */
    public static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
