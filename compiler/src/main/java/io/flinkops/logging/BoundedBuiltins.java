package io.flinkops.logging;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pebble's built-in filters and functions (core, escaper, i18n), each charging the {@link TemplateBudget} for the work it
 * is about to do: the characters and items of its input and arguments, times how much the filter can grow them, charged
 * before it runs, so a filter never makes a value the budget has not paid for. Where that bound would be loose or the
 * work is not linear, the filter is Pebble's own rewritten or given its own estimate:
 *
 * <ul>
 *   <li>{@code range} (also behind {@code ..}): at most {@link TemplateBudget#MAX_RANGE} values, counted before any is
 *       made, so {@code range(0, 2000000000)} is refused instead of filling the heap;</li>
 *   <li>{@code replace}: the growth of each replacement is counted before it is made (one character replaced by a long
 *       string would otherwise multiply the input);</li>
 *   <li>{@code split}: at the literal delimiter, as in Twig (Pebble's takes a regular expression, which could backtrack
 *       for hours);</li>
 *   <li>{@code format}: the widths and precisions of the format ({@code %999999999d}) count;</li>
 *   <li>{@code join} and {@code sort}: the joined text; the comparisons of sorting.</li>
 * </ul>
 *
 * Tests ({@code is empty}, {@code is defined}…) look at a value without copying it and are left as they are, as are
 * {@code default} (it returns one of its operands) and {@code raw} (which validation refuses).
 */
final class BoundedBuiltins extends ExtensionCustomizer {

    /** How much a filter can grow its input: upper-casing `ß` gives `SS`, URL-encoding a character up to 9. */
    private static final Map<String, Integer> GROWTH = Map.of(
            "upper", 3, "lower", 3, "capitalize", 3, "title", 3,
            "urlencode", 9, "base64encode", 4, "nl2br", 6, "escape", 6, "date", 16);

    /** Output a filter adds whatever its input: a SHA-256 in hex, a formatted number. */
    private static final Map<String, Integer> EXTRA = Map.of("sha256", 64, "numberformat", 400, "date", 64);

    BoundedBuiltins(Extension delegate) {
        super(delegate);
    }

    @Override
    public Map<String, Filter> getFilters() {
        Map<String, Filter> filters = super.getFilters();
        if (filters == null) return null;
        Map<String, Filter> out = new HashMap<>();
        filters.forEach((name, filter) -> out.put(name, bounded(name, filter)));
        return out;
    }

    @Override
    public Map<String, Function> getFunctions() {
        Map<String, Function> functions = super.getFunctions();
        if (functions == null) return null;
        Map<String, Function> out = new HashMap<>();
        functions.forEach((name, function) -> out.put(name, name.equals("range") ? new BoundedRange() : new ChargedFunction(function)));
        return out;
    }

    private static Filter bounded(String name, Filter filter) {
        return switch (name) {
            case "default", "raw" -> filter;
            case "escape" -> new ChargedEscape((EscapeFilter) filter);
            case "replace" -> new BoundedReplace();
            case "split" -> new LiteralSplit();
            case "format" -> new ChargedFilter(filter, BoundedBuiltins::formatCost);
            case "join" -> new ChargedFilter(filter, BoundedBuiltins::joinCost);
            case "sort", "rsort" -> new ChargedFilter(filter, BoundedBuiltins::sortCost);
            default -> {
                int growth = GROWTH.getOrDefault(name, 1);
                int extra = EXTRA.getOrDefault(name, 0);
                yield new ChargedFilter(filter, (input, args) ->
                        TemplateBounds.saturatedProduct(inputSize(input, args), growth) + extra);
            }
        };
    }

    /** The work of a filter call, from its input and arguments. */
    private interface Cost {
        long of(Object input, Map<String, Object> args);
    }

    private static long inputSize(Object input, Map<String, Object> args) {
        return 1 + TemplateBudget.weight(input) + TemplateBudget.weight(args.values());
    }

    /** A filter that charges its cost before it runs. */
    private static final class ChargedFilter implements Filter {
        private final Filter filter;
        private final Cost cost;

        ChargedFilter(Filter filter, Cost cost) {
            this.filter = filter;
            this.cost = cost;
        }

        @Override
        public List<String> getArgumentNames() {
            return filter.getArgumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            TemplateBudget.charge(cost.of(input, args), line);
            return filter.apply(input, args, self, context, line);
        }
    }

    /** Escaping is recognised by its class (Pebble does not escape a value twice), so this one extends it. */
    private static final class ChargedEscape extends EscapeFilter {
        private final EscapeFilter filter;

        ChargedEscape(EscapeFilter filter) {
            this.filter = filter;
        }

        @Override
        public List<String> getArgumentNames() {
            return filter.getArgumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            TemplateBudget.charge(TemplateBounds.saturatedProduct(inputSize(input, args), GROWTH.get("escape")), line);
            return filter.apply(input, args, self, context, line);
        }
    }

    private static final class ChargedFunction implements Function {
        private final Function function;

        ChargedFunction(Function function) {
            this.function = function;
        }

        @Override
        public List<String> getArgumentNames() {
            return function.getArgumentNames();
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            TemplateBudget.charge(1 + TemplateBudget.weight(args.values()), line);
            return function.execute(args, self, context, line);
        }
    }

    // ---- estimates

    /** A conversion such as {@code %-20s} or {@code %.3f}: its width and precision. */
    private static final Pattern CONVERSION = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(<]*(\\d+)?(?:\\.(\\d+))?[tT]?[a-zA-Z%]");

    /** {@code "pattern" | format(args)}: the pattern, and per conversion its width, precision and the largest argument. */
    private static long formatCost(Object input, Map<String, Object> args) {
        long cost = inputSize(input, args);
        if (input == null) return cost;
        long largest = 0;
        for (Object arg : args.values()) largest = Math.max(largest, TemplateBudget.weight(arg));
        Matcher m = CONVERSION.matcher(input.toString());
        while (m.find()) {
            cost = saturatedSum(cost, 32 + largest, digits(m.group(1)), digits(m.group(2)));
        }
        return cost;
    }

    private static long digits(String number) {
        if (number == null) return 0;
        return number.length() > 18 ? Long.MAX_VALUE : Long.parseLong(number);
    }

    private static long saturatedSum(long... values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
            if (sum < 0 || v == Long.MAX_VALUE) return Long.MAX_VALUE;
        }
        return sum;
    }

    /** The joined text: every item, and the separator between each two. */
    private static long joinCost(Object input, Map<String, Object> args) {
        long items = input instanceof Collection<?> c ? c.size() : input != null && input.getClass().isArray() ? Array.getLength(input) : 0;
        return saturatedSum(inputSize(input, args), TemplateBounds.saturatedProduct(items, TemplateBudget.weight(args.get("separator"))));
    }

    /** Sorting compares each item about log2(n) times. */
    private static long sortCost(Object input, Map<String, Object> args) {
        long items = input instanceof Collection<?> c ? c.size() : 1;
        return TemplateBounds.saturatedProduct(inputSize(input, args), 2 + 64 - Long.numberOfLeadingZeros(items));
    }

    // ---- rewritten filters and functions

    /** Pebble's {@code range(start, end, increment)}, counting the values before making them. */
    private static final class BoundedRange implements Function {
        private static final List<String> ARGUMENTS = List.of("start", "end", "increment");

        @Override
        public List<String> getArgumentNames() {
            return ARGUMENTS;
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            Object start = args.get("start");
            Object end = args.get("end");
            Object increment = args.get("increment");
            if (increment == null) {
                increment = 1L;
            } else if (!(increment instanceof Number)) {
                throw new PebbleException(null, "The increment of the range function must be a number " + increment, line, self.getName());
            }
            long step = ((Number) increment).longValue();
            if (step == 0) {
                throw new PebbleException(null, "The increment of the range function must be different than 0", line, self.getName());
            }
            List<Object> values = new ArrayList<>();
            if (start instanceof Number s && end instanceof Number e) {
                long from = s.longValue();
                long count = count(from, e.longValue(), step, line);
                for (long i = 0; i < count; i++) values.add(from + i * step);
            } else if (start instanceof String s && end instanceof String e && s.length() == 1 && e.length() == 1) {
                char from = s.charAt(0);
                long count = count(from, e.charAt(0), step, line);
                for (long i = 0; i < count; i++) values.add((char) (from + i * step));
            } else {
                throw new PebbleException(null, "Arguments of range function must be of type Number or String with a length of 1", line, self.getName());
            }
            return values;
        }

        /** How many values from {@code from} to {@code to} (inclusive) by {@code step}; refused and charged before any is made. */
        private static long count(long from, long to, long step, int line) {
            BigInteger distance = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from));
            long count;
            if (distance.signum() != 0 && distance.signum() != Long.signum(step)) {
                count = 0;
            } else {
                BigInteger n = distance.divide(BigInteger.valueOf(step)).add(BigInteger.ONE);
                count = n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
            }
            TemplateBudget.checkRange(count, line);
            TemplateBudget.charge(1 + count, line);
            return count;
        }
    }

    /** Pebble's {@code replace(pairs)}: each pair replaced in turn, its search and growth charged before it is made. */
    private static final class BoundedReplace implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("replace_pairs");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            if (input == null) return null;
            if (args.get("replace_pairs") == null) {
                throw new PebbleException(null, "The argument 'replace_pairs' is required.", line, self.getName());
            }
            Map<?, ?> pairs = (Map<?, ?>) args.get("replace_pairs");
            TemplateBudget.charge(inputSize(input, args), line);
            String data = input.toString();
            for (Map.Entry<?, ?> pair : pairs.entrySet()) {
                String target = pair.getKey().toString();
                String replacement = pair.getValue().toString();
                // Finding the targets compares up to the whole target at every position.
                TemplateBudget.charge(TemplateBounds.saturatedProduct(data.length() + 1L, target.length() + 1L), line);
                long occurrences = occurrences(data, target);
                TemplateBudget.charge(saturatedSum(data.length(), TemplateBounds.saturatedProduct(occurrences, replacement.length())), line);
                data = data.replace(target, replacement);
            }
            return data;
        }

        /** Non-overlapping occurrences, as {@link String#replace} finds them; an empty target is found between all characters. */
        private static long occurrences(String text, String target) {
            if (target.isEmpty()) return text.length() + 1L;
            long n = 0;
            for (int i = text.indexOf(target); i >= 0; i = text.indexOf(target, i + target.length())) n++;
            return n;
        }
    }

    /**
     * {@code split(delimiter, limit)} at the literal delimiter, as Twig's {@code split} does. Pebble's reads the delimiter
     * as a regular expression: a trap for Twig templates ({@code split('.')} splits at every character) and, since the
     * template writes the expression, an invitation to patterns that backtrack for hours.
     */
    private static final class LiteralSplit implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("delimiter", "limit");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            if (input == null) return null;
            String delimiter = (String) args.get("delimiter");
            Number limit = (Number) args.get("limit");
            if (delimiter == null) {
                throw new PebbleException(null, "missing delimiter parameter in split filter", line, self.getName());
            }
            String text = (String) input;
            TemplateBudget.charge(TemplateBounds.saturatedProduct(text.length() + 1L, delimiter.length() + 1L) + text.length(), line);
            Pattern literal = Pattern.compile(Pattern.quote(delimiter));
            return limit == null ? literal.split(text) : literal.split(text, limit.intValue());
        }
    }
}
