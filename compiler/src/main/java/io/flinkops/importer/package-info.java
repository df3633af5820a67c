/**
 * {@code flinkops import}: turns what users run today into a config repo that validates. Two kinds of input:
 * Ververica Platform documents (REST responses and exports, with or without {@code kind}, with system-owned fields,
 * single resources or {@code items} lists), which are placed into the repo layout; and the Flink Kubernetes
 * Operator's FlinkDeployment and FlinkSessionJob manifests, which are mapped back to VVP-format specs (the inverse
 * of the render mapping, {@code io.flinkops.render.mapping.MappingTable}), with settings repeated across a
 * namespace's Deployments lifted into its defaults. The imported repo is compiled like any other: the report lists
 * what went where, every field without a VVP equivalent, the validation result and a round trip, the rendered
 * manifests compared with the input ones ({@link io.flinkops.importer.RoundTrip}). See docs/import.md.
 */
package io.flinkops.importer;
