package io.flinkops.testing;

import io.flinkops.diag.Code;
import io.flinkops.source.SourceTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A config repo held in memory: path → bytes. For tests (the fuzz targets) that compile thousands of variants of one repo. */
public final class MemorySource implements SourceTree {
    private final TreeMap<String, byte[]> files;

    public MemorySource(Map<String, byte[]> files) {
        this.files = new TreeMap<>(files);
    }

    /** Every file under {@code dir}, by its path relative to it. */
    public static Map<String, byte[]> read(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The same files, with {@code path} holding {@code bytes}. */
    public MemorySource with(String path, byte[] bytes) {
        TreeMap<String, byte[]> copy = new TreeMap<>(files);
        copy.put(path, bytes);
        return new MemorySource(copy);
    }

    @Override
    public String label() {
        return "memory";
    }

    @Override
    public Optional<String> commitId() {
        return Optional.empty();
    }

    @Override
    public List<Entry> entries() {
        return files.keySet().stream().map(p -> new Entry(p, false)).toList();
    }

    @Override
    public Content read(String path, int maxBytes) {
        byte[] bytes = files.get(path);
        if (bytes == null) return new Refused(Code.UNREADABLE_FILE, "`" + path + "` does not exist.", "");
        if (bytes.length > maxBytes) return new Refused(Code.FILE_TOO_LARGE, "`" + path + "` is over " + maxBytes + " bytes.", "");
        return new Bytes(bytes);
    }
}
