package io.flinkops.flinkconfig;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} references (VVP syntax): a value filled in from a Namespace secret or an environment variable of
 * the pods when Flink starts. NAME is letters, digits and {@code _ - .}; other {@code ${…}} forms such as log4j's
 * {@code ${sys:x}} or {@code ${env:X:-d}} are not references and are left alone.
 */
public final class SecretReferences {
    /** One reference; group 1 is the name. */
    public static final Pattern PATTERN = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    /** A value made of references only, e.g. {@code ${S3_SECRET}}. */
    public static final Pattern ONLY_REFERENCES = Pattern.compile("(\\s*\\$\\{[A-Za-z0-9_.-]+}\\s*)+");
    /** Kubernetes' rule for environment variable names: the form in which a reference reaches Flink. */
    public static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private SecretReferences() {
    }

    public static boolean has(String value) {
        return value != null && value.contains("${") && PATTERN.matcher(value).find();
    }

    /** The names referenced in {@code value}, sorted. */
    public static SortedSet<String> names(String value) {
        SortedSet<String> out = new TreeSet<>();
        if (value == null) return out;
        Matcher m = PATTERN.matcher(value);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** True when the value holds nothing but references (and blanks). */
    public static boolean onlyReferences(String value) {
        return ONLY_REFERENCES.matcher(value).matches();
    }

    /** Whether a referenced name can be an environment variable, and so reach Flink. */
    public static boolean isEnvName(String name) {
        return ENV_NAME.matcher(name).matches();
    }
}
