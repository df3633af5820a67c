package io.flinkops.yaml;

/**
 * One document of a (possibly multi-document) YAML file.
 *
 * @param index 0-based position of the document in its file
 */
public record YamlDocument(String file, int index, YNode root) {
}
