package io.flinkops.render.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of a FlinkDeployment or FlinkSessionJob that the rows of the {@link MappingTable} write: its
 * {@code metadata} (the user's labels and annotations) and its {@code spec}.
 */
public record OperatorObject(ObjectNode metadata, ObjectNode spec) {

    /** {@code spec.job}, created when a row first writes to it. */
    public ObjectNode job() {
        return spec.withObjectProperty("job");
    }
}
