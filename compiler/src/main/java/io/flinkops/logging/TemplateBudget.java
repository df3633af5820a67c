package io.flinkops.logging;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.escaper.SafeString;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation of a log template may spend, so that no template, however written, can keep validation, rendering
 * or the agent busy for long or fill the heap. The output cap ({@link LogTemplates#MAX_RENDERED_CHARS}) bounds what a
 * template writes; this bounds what it does:
 *
 * <ul>
 *   <li><b>steps</b>: every loop iteration, macro or block call costs the size of its body (nodes, plus the characters of
 *       its text); every filter, function and operator that copies, compares or searches values costs the characters
 *       and items it touches, charged before the work is done; every value a list or map literal holds costs its
 *       printed size. So every value a template makes is no larger than the steps charged for it, and the work
 *       Pebble does on values without asking (a {@code toString}, a hash) is bounded by the budget too;</li>
 *   <li><b>nesting</b>: loops, macro and block calls inside each other (recursion) at most {@link #MAX_NESTING} deep, well
 *       before the thread's stack would overflow;</li>
 *   <li><b>range</b>: {@code range} and {@code ..} make at most {@link #MAX_RANGE} values instead of materialising a
 *       list of any size;</li>
 *   <li><b>time</b>: a deadline, checked with every charge, as a last resort should a charge underestimate some work.</li>
 * </ul>
 *
 * The budget in force is the calling thread's, opened by {@link LogTemplates#render}; outside an evaluation nothing is
 * charged. Running out throws {@link Exceeded}, at the template line of the charge, and every later charge in the same
 * evaluation throws it again, so a Pebble node that wraps or swallows it cannot let the template go on.
 */
final class TemplateBudget implements AutoCloseable {
    /** Steps one evaluation may take. */
    static final long STEPS = 5_000_000;
    /** Wall-clock time one evaluation may take (the steps run out long before on any machine). */
    static final Duration TIME = Duration.ofSeconds(2);
    /** How deep loops, macro calls and block calls may nest. */
    static final int MAX_NESTING = 64;
    /** How many values {@code range} may make. */
    static final int MAX_RANGE = 100_000;

    /** The printed size counted for a value that is neither text, a number nor a collection (its text is not read). */
    private static final int OTHER_SIZE = 32;
    /** What visiting one item of a value costs, besides its characters: walking a list of lists is not free. */
    private static final int ITEM_COST = 8;

    private static final ThreadLocal<TemplateBudget> CURRENT = new ThreadLocal<>();

    /** Which limit a template ran into. */
    enum Limit { STEPS, TIME, NESTING, RANGE, OUTPUT }

    /** The evaluation ran out of budget at {@code line} of the template. */
    static final class Exceeded extends PebbleException {
        private static final long serialVersionUID = 1L;
        private final Limit limit;
        private final long amount;

        Exceeded(Limit limit, long amount, int line) {
            super(null, "log template budget exceeded: " + limit, line, null);
            this.limit = limit;
            this.amount = amount;
        }

        Limit limit() {
            return limit;
        }

        /** For {@link Limit#RANGE}: how many values the range would have made; for {@link Limit#OUTPUT}: the cap. */
        long amount() {
            return amount;
        }

        int line() {
            return lineNumber == null ? 1 : lineNumber;
        }
    }

    private final TemplateBudget outer;
    private final long deadline;
    private long remaining;
    private int nesting;
    private Exceeded exceeded;

    private TemplateBudget(long steps, Duration time) {
        this.outer = CURRENT.get();
        this.remaining = steps;
        this.deadline = System.nanoTime() + time.toNanos();
    }

    /** Opens a budget for the calling thread until {@link #close}. */
    static TemplateBudget open(long steps, Duration time) {
        TemplateBudget budget = new TemplateBudget(steps, time);
        CURRENT.set(budget);
        return budget;
    }

    @Override
    public void close() {
        if (outer == null) CURRENT.remove();
        else CURRENT.set(outer);
    }

    /** Steps left (negative once exceeded). */
    long remaining() {
        return remaining;
    }

    /** Charges {@code steps} to the thread's budget, if one is open. */
    static void charge(long steps, int line) {
        TemplateBudget budget = CURRENT.get();
        if (budget != null) budget.spend(steps, line);
    }

    /** Enters a loop body, macro or block; {@link #leave} when done. */
    static void enter(int line) {
        TemplateBudget budget = CURRENT.get();
        if (budget == null) return;
        if (budget.exceeded != null) throw budget.exceeded;
        if (++budget.nesting > MAX_NESTING) throw budget.fail(Limit.NESTING, MAX_NESTING, line);
    }

    static void leave() {
        TemplateBudget budget = CURRENT.get();
        if (budget != null) budget.nesting--;
    }

    /** Refuses output beyond {@code max} characters (a share of its namespace's, see {@link LogConfigurations}). */
    static Exceeded outputOver(long max) {
        TemplateBudget budget = CURRENT.get();
        Exceeded e = new Exceeded(Limit.OUTPUT, max, 1);
        if (budget != null) {
            budget.remaining = -1;
            budget.exceeded = e;
        }
        return e;
    }

    /** Refuses a range of {@code count} values beyond {@link #MAX_RANGE}. */
    static void checkRange(long count, int line) {
        TemplateBudget budget = CURRENT.get();
        if (budget != null && count > MAX_RANGE) throw budget.fail(Limit.RANGE, count, line);
    }

    private void spend(long steps, int line) {
        if (exceeded != null) throw exceeded;
        remaining -= Math.max(0, steps);
        if (remaining < 0) throw fail(Limit.STEPS, STEPS, line);
        if (System.nanoTime() - deadline > 0) throw fail(Limit.TIME, TIME.toMillis(), line);
    }

    private Exceeded fail(Limit limit, long amount, int line) {
        remaining = -1;
        exceeded = new Exceeded(limit, amount, line);
        return exceeded;
    }

    /**
     * What reading {@code value} costs: an upper bound of the length of its text (what {@code toString} gives a collection
     * or a map), plus {@value #ITEM_COST} for every item visited; counted no further than the steps left, so that finding
     * it costs no more than charging it. 0 outside an evaluation.
     */
    static long weight(Object value) {
        TemplateBudget budget = CURRENT.get();
        if (budget == null) return 0;
        long limit = Math.max(0, budget.remaining) + 1;
        long size = 0;
        Deque<Iterator<?>> pending = new ArrayDeque<>();
        pending.push(List.of(value == null ? "null" : value).iterator());
        while (!pending.isEmpty() && size <= limit) {
            Iterator<?> it = pending.peek();
            if (!it.hasNext()) {
                pending.pop();
                continue;
            }
            Object v = it.next();
            size += ITEM_COST;
            if (v == null) {
                size += 4;
            } else if (v instanceof CharSequence s) {
                size += s.length();
            } else if (v instanceof SafeString s) {
                size += s.toString().length();
            } else if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
                size += 24;
            } else if (v instanceof Collection<?> c) {
                size += 2 + 2L * c.size();
                pending.push(c.iterator());
            } else if (v instanceof Map<?, ?> m) {
                size += 2 + 3L * m.size();
                pending.push(m.entrySet().iterator());
            } else if (v instanceof Map.Entry<?, ?> e) {
                pending.push(java.util.Arrays.asList(e.getKey(), e.getValue()).iterator());
            } else if (v.getClass().isArray()) {
                int n = Array.getLength(v);
                size += 2 + 2L * n;
                if (v instanceof Object[] items) pending.push(java.util.Arrays.asList(items).iterator());
                else size += 24L * n;
            } else {
                size += OTHER_SIZE;
            }
        }
        return size;
    }

    /** Charges the {@link #weight} of {@code value}. */
    static void chargeWeight(Object value, int line) {
        if (CURRENT.get() == null) return;
        charge(weight(value), line);
    }
}
