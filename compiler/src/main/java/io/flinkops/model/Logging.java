package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/** {@code logging}: a named profile or a user template, plus logger levels ("" is the root logger). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Logging(String loggingProfile, Map<String, String> log4jLoggers, String log4j2ConfigurationTemplate) {
}
