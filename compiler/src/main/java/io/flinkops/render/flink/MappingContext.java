package io.flinkops.render.flink;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.plan.EmittedObject;
import io.flinkops.render.RenderContext;
import io.flinkops.render.logging.LogConfigurations;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedRepo;

/**
 * What mapping one Deployment or SessionCluster needs: where its object goes ({@link EmittedObject}), the
 * resource it comes from, and where problems are reported.
 *
 * @param logConfigurations renders log configurations with the repo's logging profiles (read once per render)
 * @param specPrefix the JSON pointer of the fields shared by Deployments and SessionClusters
 *                   ({@code /spec/template/spec} or {@code /spec})
 */
record MappingContext(ResolvedRepo repo, RenderContext render, Diagnostics diagnostics, LogConfigurations logConfigurations,
                      EmittedObject placement,
                      Resolved<?> source, String specPrefix) {

    String cluster() {
        return placement.cluster();
    }

    String kubernetesNamespace() {
        return placement.kubernetesNamespace();
    }

    String name() {
        return placement.name();
    }

    /** The flinkops (VVP) namespace. */
    String namespace() {
        return source.namespace();
    }

    String sourceFile() {
        return source.document().file();
    }

    String configPointer(String key) {
        return io.flinkops.yaml.JsonPointers.append(specPrefix + "/flinkConfiguration", key);
    }

    /** Reports a problem with the value at {@code pointer}, located where that value is written. */
    void report(Code code, String pointer, String message, String hint) {
        diagnostics.report(code, source.locate(pointer), pointer, message, hint);
    }

    /** Reports a problem with the key at {@code pointer}. */
    void reportKey(Code code, String pointer, String message, String hint) {
        diagnostics.report(code, source.locateKey(pointer), pointer, message, hint);
    }
}
