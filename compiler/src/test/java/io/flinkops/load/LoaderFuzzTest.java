package io.flinkops.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flinkops.diag.Diagnostics;
import io.flinkops.testing.FuzzInvariants;
import io.flinkops.testing.MemorySource;
import io.flinkops.yaml.YamlLimits;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target: the loader, on any set of files, once with the default limits and once with tiny ones (file size,
 * nesting, documents per file), so that every limit is reached. It reports problems as diagnostics and never throws.
 *
 * <p>An input is a bundle of files, readable as text: each file starts with a line {@code ==> path <==} (as
 * {@code tail} prints several files); text before the first such line is {@code flinkops.yaml}. Seeds:
 * LoaderFuzzTestInputs.
 */
class LoaderFuzzTest {
    private static final YamlLimits TINY = new YamlLimits(512, 6, 3);

    @FuzzTest(maxDuration = "5m")
    void loadsAnyFiles(byte[] bundle) {
        Map<String, byte[]> files = files(bundle);
        for (YamlLimits limits : new YamlLimits[] {YamlLimits.DEFAULT, TINY}) {
            Diagnostics diagnostics = new Diagnostics();
            LoadedRepo loaded = FuzzInvariants.quickly(() -> new Loader(limits).load(new MemorySource(files), diagnostics));
            FuzzInvariants.assertSane(diagnostics);
            diagnostics.sorted().forEach(d -> assertTrue(files.containsKey(d.file()) || d.line() == 0, d::toString));
            assertTrue(loaded != null);
        }
    }

    /** The files of a bundle (see the class comment); the bytes of each file are kept as they are. */
    static Map<String, byte[]> files(byte[] bundle) {
        Map<String, byte[]> files = new TreeMap<>();
        String path = "flinkops.yaml";
        int start = 0;
        int i = 0;
        while (i <= bundle.length) {
            int end = indexOf(bundle, i);
            if (end < 0) break;
            int close = indexOfClose(bundle, end + 4);
            if (close < 0) break;
            put(files, path, bundle, start, end);
            path = new String(bundle, end + 4, close - end - 4, StandardCharsets.UTF_8).strip();
            start = Math.min(bundle.length, close + 5);
            i = start;
        }
        put(files, path, bundle, start, bundle.length);
        return files;
    }

    private static void put(Map<String, byte[]> files, String path, byte[] bundle, int from, int to) {
        if (path.isEmpty() || to < from) return;
        byte[] content = new byte[to - from];
        System.arraycopy(bundle, from, content, 0, content.length);
        files.put(path, content);
    }

    /** Where the next line starting with {@code ==> } begins (at the start or after a newline), or -1. */
    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 4 <= b.length; i++) {
            if ((i == 0 || b[i - 1] == '\n') && b[i] == '=' && b[i + 1] == '=' && b[i + 2] == '>' && b[i + 3] == ' ') return i;
        }
        return -1;
    }

    /** Where {@code  <==} followed by a newline (or the end) is, on the same line, or -1. */
    private static int indexOfClose(byte[] b, int from) {
        for (int i = from; i + 4 <= b.length && b[i] != '\n'; i++) {
            if (b[i] == ' ' && b[i + 1] == '<' && b[i + 2] == '=' && b[i + 3] == '=') return i;
        }
        return -1;
    }
}
