package io.flinkops.flinkoptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flinkops.flinkoptions.generator.GenerateCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout, order and reproducibility of the generated flink-options.tsv. */
class CatalogFileTest {

    private static byte[] resourceBytes() throws IOException {
        try (InputStream in = FlinkOptionCatalog.class.getResourceAsStream(FlinkOptionCatalog.RESOURCE)) {
            assertNotNull(in, FlinkOptionCatalog.RESOURCE);
            return in.readAllBytes();
        }
    }

    private static String decodeStrictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    @Test
    void headerThenSortedUniqueThreeColumnLines() throws IOException {
        String text = decodeStrictUtf8(resourceBytes());
        assertTrue(text.endsWith("\n"));
        assertFalse(text.contains("\r"));
        List<String> lines = text.lines().toList();

        int i = 0;
        List<String> header = new ArrayList<>();
        while (lines.get(i).startsWith("#")) {
            header.add(lines.get(i++));
        }
        assertTrue(header.get(0).contains("GenerateCatalog"), header.get(0));
        assertTrue(header.get(1).startsWith("# Flink 1.15 = org.apache.flink 1.15."), header.get(1));
        assertTrue(header.get(1).contains("flink-core") && header.get(1).contains("flink-kubernetes"), header.get(1));
        int versionLines = (int) header.stream().filter(h -> h.matches("# Flink \\d+\\.\\d+ = .*")).count();
        assertEquals(FlinkOptionCatalog.load().versions().size(), versionLines);
        assertTrue(header.get(versionLines).startsWith("# Flink 2."), header.get(versionLines));
        for (String h : header.subList(1, versionLines + 1)) {
            // Every catalogued version has the option classes of the same artifacts (possibly of another release).
            for (String artifact : List.of("flink-core ", "flink-runtime ", "flink-kubernetes", "flink-python", "flink-statebackend-rocksdb")) {
                assertTrue(h.contains(artifact), artifact + " in " + h);
            }
        }
        for (String h : header) {
            // Reproducible: no machine-specific paths, no timestamps.
            assertFalse(h.contains("/root") || h.contains(".m2") || h.contains("target/") || h.contains(":\\"), h);
        }

        FlinkOptionCatalog catalog = FlinkOptionCatalog.load();
        Set<String> versions = catalog.versions();
        String previous = null;
        Set<String> keys = new HashSet<>();
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            assertFalse(line.startsWith("#"), "comments only in the header: " + line);
            String[] f = line.split("\t", -1);
            assertEquals(3, f.length, line);
            if (previous != null) {
                assertTrue(previous.compareTo(f[0]) < 0, "not sorted/unique: " + previous + " then " + f[0]);
            }
            previous = f[0];
            keys.add(f[0]);
            assertTrue(f[0].matches("\\S+"), line);
            List<String> vs = List.of(f[1].replace("*", "").split(","));
            assertTrue(!f[1].contains("*") || !f[2].equals("-"), "an old name has a canonical key: " + line);
            assertTrue(versions.containsAll(vs), line);
            assertEquals(new ArrayList<>(versions).stream().filter(vs::contains).toList(), vs, "versions ordered: " + line);
            assertTrue(f[2].equals("-") || !f[2].equals(f[0]), line);
        }
        // Every canonical key is itself catalogued.
        for (String line : lines) {
            if (!line.startsWith("#")) {
                String canonical = line.split("\t")[2];
                assertTrue(canonical.equals("-") || keys.contains(canonical), line);
            }
        }
        assertEquals(keys.size(), catalog.keys().size());
    }

    /**
     * Runs the generator again on the same Flink classpaths (prepared by the build, passed by surefire)
     * and expects the very same bytes.
     */
    @Test
    void regeneratingGivesTheSameBytes(@TempDir Path tmp) throws Exception {
        String deps = System.getProperty("flinkops.deps.directory");
        String versions = System.getProperty("flinkops.flink.versions");
        assumeTrue(deps != null && versions != null, "run by Maven (surefire passes the generator inputs)");
        List<String> args = new ArrayList<>(List.of("--output", tmp.resolve("again.tsv").toString(), "--deps", deps));
        for (String v : versions.split(",")) {
            args.add("--flink");
            args.add(v.trim());
        }
        GenerateCatalog.run(args.toArray(String[]::new));
        assertArrayEquals(resourceBytes(), Files.readAllBytes(tmp.resolve("again.tsv")));
    }
}
