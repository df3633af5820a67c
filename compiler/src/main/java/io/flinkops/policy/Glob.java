package io.flinkops.policy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The glob patterns of flinkops.yaml's policy: {@code *} stands for any run of characters (also none), everything
 * else is literal. Compiled patterns are remembered, since one policy is matched against every target.
 */
public final class Glob {
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private Glob() {
    }

    public static boolean matches(String pattern, String value) {
        return pattern != null && value != null && COMPILED.computeIfAbsent(pattern, Glob::compile).matcher(value).matches();
    }

    /** Whether one of {@code patterns} matches. */
    public static boolean anyMatches(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> matches(p, value));
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int i = pattern.indexOf('*'); i >= 0; i = pattern.indexOf('*', start)) {
            if (i > start) regex.append(Pattern.quote(pattern.substring(start, i)));
            regex.append(".*");
            start = i + 1;
        }
        if (start < pattern.length()) regex.append(Pattern.quote(pattern.substring(start)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
