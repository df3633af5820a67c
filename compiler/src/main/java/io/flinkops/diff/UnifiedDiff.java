package io.flinkops.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Line diffs in the unified format ({@code diff -u}, {@code git diff}), computed with Myers' algorithm, so the
 * same two texts always give the same bytes. Texts over {@link #MAX_LINES} lines are shown as replaced whole.
 */
public final class UnifiedDiff {
    static final int CONTEXT = 3;
    static final int MAX_LINES = 20_000;

    private UnifiedDiff() {
    }

    private enum Op { EQUAL, DELETE, INSERT }

    private record Edit(Op op, int a, int b) {
    }

    /**
     * The unified diff of {@code before} and {@code after} (null for a file that does not exist), or "" when they
     * are equal.
     */
    public static String of(String beforeName, String before, String afterName, String after) {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after == null ? List.of() : after.lines().toList();
        if (a.equals(b) && (before == null) == (after == null)) return "";
        List<Edit> edits = a.size() + b.size() > MAX_LINES ? replaceAll(a, b) : myers(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : beforeName).append('\n');
        out.append("+++ ").append(after == null ? "/dev/null" : afterName).append('\n');
        hunks(edits, a, b, out);
        return out.toString();
    }

    private static List<Edit> replaceAll(List<String> a, List<String> b) {
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) edits.add(new Edit(Op.DELETE, i, -1));
        for (int j = 0; j < b.size(); j++) edits.add(new Edit(Op.INSERT, -1, j));
        return edits;
    }

    /** Myers' O((N+M)D) shortest edit script. */
    private static List<Edit> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? v[k + 1 + offset] : v[k - 1 + offset] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[k + offset] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        List<Edit> edits = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = trace.size() - 1; d >= 0; d--) {
            int[] prev = trace.get(d);
            int k = x - y;
            int prevK = (k == -d || (k != d && prev[k - 1 + offset] < prev[k + 1 + offset])) ? k + 1 : k - 1;
            int prevX = prev[prevK + offset];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                edits.add(new Edit(Op.EQUAL, x - 1, y - 1));
                x--;
                y--;
            }
            if (d > 0) {
                if (x == prevX) edits.add(new Edit(Op.INSERT, -1, y - 1));
                else edits.add(new Edit(Op.DELETE, x - 1, -1));
            }
            x = prevX;
            y = prevY;
        }
        Collections.reverse(edits);
        return edits;
    }

    private static void hunks(List<Edit> edits, List<String> a, List<String> b, StringBuilder out) {
        int i = 0;
        while (i < edits.size()) {
            while (i < edits.size() && edits.get(i).op() == Op.EQUAL) i++;
            if (i >= edits.size()) break;
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend over changes separated by at most 2 × CONTEXT unchanged lines.
            while (true) {
                while (end < edits.size() && edits.get(end).op() != Op.EQUAL) end++;
                int equal = end;
                while (equal < edits.size() && edits.get(equal).op() == Op.EQUAL) equal++;
                if (equal < edits.size() && equal - end <= 2 * CONTEXT) {
                    end = equal;
                } else {
                    end = Math.min(edits.size(), end + CONTEXT);
                    break;
                }
            }
            int aStart = -1;
            int bStart = -1;
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int j = start; j < end; j++) {
                Edit e = edits.get(j);
                switch (e.op()) {
                    case EQUAL -> {
                        if (aStart < 0) aStart = e.a();
                        if (bStart < 0) bStart = e.b();
                        aCount++;
                        bCount++;
                        body.append(' ').append(a.get(e.a())).append('\n');
                    }
                    case DELETE -> {
                        if (aStart < 0) aStart = e.a();
                        aCount++;
                        body.append('-').append(a.get(e.a())).append('\n');
                    }
                    case INSERT -> {
                        if (bStart < 0) bStart = e.b();
                        bCount++;
                        body.append('+').append(b.get(e.b())).append('\n');
                    }
                }
            }
            if (aStart < 0) aStart = lineBefore(edits, start, true);
            if (bStart < 0) bStart = lineBefore(edits, start, false);
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
            out.append(body);
            i = end;
        }
    }

    /** For a hunk without lines on one side: the 0-based index of the line it follows there. */
    private static int lineBefore(List<Edit> edits, int start, boolean sideA) {
        for (int j = start - 1; j >= 0; j--) {
            Edit e = edits.get(j);
            int index = sideA ? e.a() : e.b();
            if (index >= 0) return index + 1;
        }
        return 0;
    }

    /** "start,count" with 1-based start; an empty range names the line before it (diff -u convention). */
    private static String range(int start0, int count) {
        if (count == 0) return start0 + ",0";
        return (start0 + 1) + (count == 1 ? "" : "," + count);
    }
}
