package io.flinkops.yaml;

/** Hard limits that keep a hostile or broken file from exhausting memory or time. */
public record YamlLimits(int maxFileBytes, int maxDepth, int maxDocumentsPerFile) {
    public static final YamlLimits DEFAULT = new YamlLimits(1024 * 1024, 64, 1000);
}
