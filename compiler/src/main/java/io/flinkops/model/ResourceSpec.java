package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** CPU and memory of a JobManager or TaskManager; memory in Flink's syntax ("2g", "1536m"). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceSpec(Double cpu, String memory) {
}
