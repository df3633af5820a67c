package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** {@code spec.template.spec.artifact}: what runs (JAR, PYTHON, SQLSCRIPT) and on which Flink image. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Artifact(
        String kind,
        String jarUri,
        String entryClass,
        String mainArgs,
        List<String> additionalDependencies,
        String pythonArtifactUri,
        String entryModule,
        List<String> additionalPythonArchives,
        List<String> additionalPythonLibraries,
        String sqlScript,
        String flinkVersion,
        String flinkImageRegistry,
        String flinkImageRepository,
        String flinkImageTag) {
}
