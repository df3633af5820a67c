package io.flinkops.yaml;

import io.flinkops.diag.Location;

import java.util.List;

/** A YAML sequence. */
public record YSeq(List<YNode> items, Location location) implements YNode {
    public YSeq {
        items = List.copyOf(items);
    }
}
