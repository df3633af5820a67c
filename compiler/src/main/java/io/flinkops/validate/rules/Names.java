package io.flinkops.validate.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The name rules of VVP and of the Flink Kubernetes Operator, with readable explanations of a violation. */
public final class Names {
    /** VVP's rule for Deployment, SessionCluster and Namespace names (a Kubernetes DNS label). */
    public static final int DNS_LABEL_MAX = 63;
    /** VVP's rule for DeploymentTarget names. */
    public static final int TARGET_NAME_MAX = 250;
    /** The operator's rule for FlinkDeployment names (and a session job's deploymentName). */
    public static final int OPERATOR_NAME_MAX = 45;
    public static final Pattern OPERATOR_NAME = Pattern.compile("[a-z]([-a-z\\d]{0,43}[a-z\\d])?");

    private Names() {
    }

    /** What is wrong with {@code name} as a DNS label of at most 63 characters, or empty when it is one. */
    public static Optional<String> dnsLabelProblem(String name) {
        List<String> problems = new ArrayList<>();
        if (name.length() > DNS_LABEL_MAX) {
            problems.add("has " + name.length() + " characters (at most " + DNS_LABEL_MAX + " are allowed)");
        }
        firstBad(name, c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-').ifPresent(problems::add);
        if (name.startsWith("-")) problems.add("starts with `-`");
        if (name.endsWith("-") && name.length() > 1) problems.add("ends with `-`");
        return join(problems);
    }

    /** What is wrong with {@code name} as a DeploymentTarget name, or empty when it is valid. */
    public static Optional<String> targetNameProblem(String name) {
        List<String> problems = new ArrayList<>();
        if (name.length() > TARGET_NAME_MAX) {
            problems.add("has " + name.length() + " characters (at most " + TARGET_NAME_MAX + " are allowed)");
        }
        firstBad(name, c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
                .ifPresent(problems::add);
        return join(problems);
    }

    /**
     * What keeps a VVP-valid name from being a FlinkDeployment name (at most 45 characters, starting with a
     * letter), or empty when the operator accepts it.
     */
    public static Optional<String> operatorNameProblem(String name) {
        if (OPERATOR_NAME.matcher(name).matches()) return Optional.empty();
        List<String> problems = new ArrayList<>();
        if (!name.isEmpty() && !(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) problems.add("starts with `" + name.charAt(0) + "`, not a letter");
        if (name.length() > OPERATOR_NAME_MAX) problems.add("has " + name.length() + " characters");
        return join(problems);
    }

    /** A DNS label close to {@code name} (lower-cased, other characters turned into `-`), or empty. */
    public static Optional<String> dnsLabelLike(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (s.length() > DNS_LABEL_MAX) s = s.substring(0, DNS_LABEL_MAX);
        s = s.replaceAll("^-+|-+$", "");
        return s.isEmpty() || s.equals(name) ? Optional.empty() : Optional.of(s);
    }

    private interface CharTest {
        boolean ok(char c);
    }

    /** "contains `_`, spaces and upper-case letters" for the characters {@code test} rejects, or empty. */
    private static Optional<String> firstBad(String name, CharTest test) {
        Set<String> others = new LinkedHashSet<>();
        Set<String> upper = new LinkedHashSet<>();
        int spaces = 0;
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int cp = name.codePointAt(i);
            if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT && test.ok((char) cp)) continue;
            if (Character.isWhitespace(cp)) spaces++;
            else if (Character.isUpperCase(cp)) upper.add(new String(Character.toChars(cp)));
            else others.add("`" + new String(Character.toChars(cp)) + "`");
        }
        List<String> parts = new ArrayList<>(others);
        if (spaces > 0) parts.add(spaces == 1 ? "a space" : "spaces");
        if (!upper.isEmpty()) parts.add(upper.size() == 1 ? "the upper-case letter `" + upper.iterator().next() + "`" : "upper-case letters");
        if (parts.isEmpty()) return Optional.empty();
        String list = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return Optional.of("contains " + list);
    }

    private static Optional<String> join(List<String> problems) {
        if (problems.isEmpty()) return Optional.empty();
        if (problems.size() == 1) return Optional.of(problems.get(0));
        return Optional.of(String.join(", ", problems.subList(0, problems.size() - 1)) + ", and " + problems.get(problems.size() - 1));
    }
}
