package io.flinkops.importer;

/**
 * Where an imported document came from: an input file (as the user named it), the line its document starts at, and
 * what it is (for messages: "FlinkDeployment flink/basic-example").
 *
 * @param namespace the Kubernetes namespace of an operator manifest, the VVP namespace of a VVP document; "" if none
 */
public record Origin(String file, int line, String kind, String namespace, String name) {

    /** {@code file:line}. */
    public String place() {
        return line > 0 ? file + ":" + line : file;
    }

    /** "FlinkDeployment flink/basic-example". */
    public String describe() {
        String id = name == null || name.isEmpty() ? "(no name)" : name;
        return kind + " " + (namespace == null || namespace.isEmpty() ? id : namespace + "/" + id);
    }
}
