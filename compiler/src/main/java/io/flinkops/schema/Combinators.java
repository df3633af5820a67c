package io.flinkops.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the errors worth reporting out of a validator's error list. A failing {@code oneOf}/{@code anyOf}
 * yields the errors of every branch (plus a summary error for oneOf); reported as they are, a value that
 * almost matches one branch also gets the complaints of all other branches. Instead, the branch the value
 * was evidently meant for is chosen and only its errors are kept:
 * <ol>
 *   <li>a branch whose type matches the value beats one that fails on the value's type;</li>
 *   <li>then the branch with the fewest errors, then the first.</li>
 * </ol>
 * When every branch fails on the value's type, one type error remains, listing every expected type.
 * {@code if}/{@code then}/{@code else} need no selection: only the branch that applies is evaluated.
 */
final class Combinators {
    private Combinators() {
    }

    /** A validator error as far as selection is concerned. */
    record Item<T>(T error, String keyword, String instancePointer, List<String> evaluationPath) {
    }

    /**
     * A kept error. {@code typeErrors} is non-empty when the error stands for the type errors of all branches
     * of a combinator (the value has none of the expected types); it then holds one type error per branch.
     */
    record Selected<T>(T error, List<T> typeErrors) {
    }

    private static final java.util.Set<String> COMBINATORS = java.util.Set.of("oneOf", "anyOf");

    static <T> List<Selected<T>> select(List<Item<T>> items) {
        return select(items, 0);
    }

    private static <T> List<Selected<T>> select(List<Item<T>> items, int from) {
        List<Selected<T>> out = new ArrayList<>();
        // Errors under a oneOf/anyOf, grouped by the path up to the combinator, then by branch.
        Map<String, Map<Integer, List<Item<T>>>> groups = new LinkedHashMap<>();
        Map<String, Integer> combinatorEnd = new LinkedHashMap<>();
        List<Item<T>> summaries = new ArrayList<>();
        for (Item<T> item : items) {
            List<String> path = item.evaluationPath();
            int at = -1;
            for (int i = from; i + 1 < path.size(); i++) {
                if (COMBINATORS.contains(path.get(i)) && isIndex(path.get(i + 1))) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                if (COMBINATORS.contains(item.keyword())) summaries.add(item);
                else out.add(new Selected<>(item.error(), List.of()));
                continue;
            }
            String key = String.join("/", path.subList(0, at + 1));
            groups.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(path.get(at + 1)), k -> new ArrayList<>()).add(item);
            combinatorEnd.put(key, at + 2);
        }
        for (Item<T> summary : summaries) {
            // Kept only when no branch error explains it (oneOf with more than one matching branch).
            if (!groups.containsKey(String.join("/", summary.evaluationPath()))) out.add(new Selected<>(summary.error(), List.of()));
        }
        groups.forEach((key, branches) -> {
            int next = combinatorEnd.get(key);
            List<Integer> shapeMatches = new ArrayList<>();
            List<T> typeErrors = new ArrayList<>();
            for (Map.Entry<Integer, List<Item<T>>> branch : branches.entrySet()) {
                Item<T> typeError = rootTypeError(branch.getValue(), next);
                if (typeError == null) shapeMatches.add(branch.getKey());
                else typeErrors.add(typeError.error());
            }
            if (shapeMatches.isEmpty()) {
                out.add(new Selected<>(typeErrors.get(0), List.copyOf(typeErrors)));
                return;
            }
            int best = shapeMatches.get(0);
            for (int b : shapeMatches) {
                if (branches.get(b).size() < branches.get(best).size()) best = b;
            }
            out.addAll(select(branches.get(best), next));
        });
        return out;
    }

    /**
     * The branch's type error on the combinator's own value, if the branch failed on the value's type: a
     * {@code type} keyword directly in the branch (possibly through {@code $ref}s), not in a sub-schema.
     */
    private static <T> Item<T> rootTypeError(List<Item<T>> branch, int next) {
        for (Item<T> item : branch) {
            List<String> path = item.evaluationPath();
            if (!item.keyword().equals("type") || path.isEmpty() || !path.get(path.size() - 1).equals("type")) continue;
            boolean direct = true;
            for (int i = next; i < path.size() - 1; i++) {
                if (!path.get(i).equals("$ref")) direct = false;
            }
            if (direct) return item;
        }
        return null;
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return true;
    }
}
