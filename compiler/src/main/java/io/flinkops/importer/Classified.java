package io.flinkops.importer;

import io.flinkops.model.Kind;

/**
 * An input document and what it is.
 *
 * @param vvpKind     the VVP kind of a VVP document, else null
 * @param operator    the operator kind of a FlinkDeployment or FlinkSessionJob, else null
 * @param kindName    the kind as reported ({@code FlinkDeployment}, {@code Deployment}, {@code HorizontalPodAutoscaler})
 * @param inferred    how the kind was found when the document has none ("its shape", "--kind"), else null
 * @param skipReason  why a document of another kind is not imported, else null
 */
record Classified(InputDocument document, Kind vvpKind, OperatorKind operator, String kindName, String inferred, String skipReason) {

    enum OperatorKind {
        FLINK_DEPLOYMENT("FlinkDeployment"), FLINK_SESSION_JOB("FlinkSessionJob");

        final String kindName;

        OperatorKind(String kindName) {
            this.kindName = kindName;
        }
    }

    boolean skipped() {
        return skipReason != null;
    }
}
