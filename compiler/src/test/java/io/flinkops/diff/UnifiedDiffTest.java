package io.flinkops.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UnifiedDiffTest {
    @TempDir
    Path tmp;

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n"));
    }

    @Test
    void aNewFileIsAllAdditions() {
        assertEquals("--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.of("a", null, "b", "x\ny\n"));
        assertEquals("--- a\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\n", UnifiedDiff.of("a", "x\ny\n", "b", null));
    }

    @Test
    void oneChangedLineWithContext() {
        String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertEquals("--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", UnifiedDiff.of("a", a, "b", b));
    }

    /** Applying the hunks of every diff to the old text gives the new one (random texts). */
    @Test
    void hunksReproduceTheNewText() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            String a = randomText(random);
            String b = mutate(a, random);
            String diff = UnifiedDiff.of("a", a, "b", b);
            assertEquals(b.lines().toList(), apply(a.lines().toList(), diff), "round " + round + "\n" + a + "---\n" + b + "---\n" + diff);
        }
    }

    /** Same hunks as GNU diff -u, where it is installed (both find a shortest edit script). */
    @Test
    void agreesWithGnuDiffOnSizes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/diff")));
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            String a = randomText(random);
            String b = mutate(a, random);
            Path fa = tmp.resolve("a" + round);
            Path fb = tmp.resolve("b" + round);
            Files.writeString(fa, a, StandardCharsets.UTF_8);
            Files.writeString(fb, b, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("/usr/bin/diff", "-u", fa.toString(), fb.toString()).redirectErrorStream(true).start();
            String gnu = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String ours = UnifiedDiff.of("a", a, "b", b);
            assertEquals(count(gnu, '+') - 1, count(ours, '+') - 1, "added lines, round " + round + "\n" + gnu + "\n" + ours);
            assertEquals(count(gnu, '-') - 1, count(ours, '-') - 1, "removed lines, round " + round + "\n" + gnu + "\n" + ours);
        }
    }

    private static long count(String diff, char sign) {
        return diff.lines().filter(l -> !l.isEmpty() && l.charAt(0) == sign).count();
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) s.append("line ").append(random.nextInt(8)).append('\n');
        return s.toString();
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int edits = random.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int op = random.nextInt(3);
            if (op == 0 || lines.isEmpty()) lines.add(random.nextInt(lines.size() + 1), "new " + random.nextInt(5));
            else if (op == 1) lines.remove(random.nextInt(lines.size()));
            else lines.set(random.nextInt(lines.size()), "changed " + random.nextInt(5));
        }
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l).append('\n'));
        return s.toString();
    }

    /** Applies a unified diff (as produced here) to {@code old}. */
    private static List<String> apply(List<String> old, String diff) {
        List<String> out = new ArrayList<>();
        int next = 0;
        List<String> lines = diff.lines().toList();
        for (int i = 2; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("@@")) {
                String range = l.substring(4, l.indexOf(' ', 4));
                int start = Integer.parseInt(range.split(",")[0]);
                int count = range.contains(",") ? Integer.parseInt(range.split(",")[1]) : 1;
                int from = count == 0 ? start : start - 1;
                while (next < from) out.add(old.get(next++));
                continue;
            }
            char c = l.charAt(0);
            if (c == ' ') {
                assertEquals(old.get(next), l.substring(1));
                out.add(old.get(next++));
            } else if (c == '-') {
                assertEquals(old.get(next), l.substring(1));
                next++;
            } else {
                assertTrue(c == '+', l);
                out.add(l.substring(1));
            }
        }
        while (next < old.size()) out.add(old.get(next++));
        return out;
    }
}
