package io.flinkops.flinkconfig;

import io.flinkops.diag.Location;
import io.flinkops.model.FieldPath;
import io.flinkops.resolve.Resolved;

/**
 * One key of a Flink configuration with where it is written: the resource tree that holds it and the mapping it is
 * in, so a rule reports a value at the file that set it (a defaults file, the Deployment, the SessionCluster).
 *
 * @param block the {@code flinkConfiguration} mapping the key is in
 */
public record LocatedSetting(String key, String value, Resolved<?> owner, FieldPath block) {

    /** The path of the key (made when asked for: most settings are never reported). */
    public FieldPath pointer() {
        return block.child(key);
    }

    public Location location() {
        return owner.locate(pointer());
    }

    public Location keyLocation() {
        return owner.locateKey(pointer());
    }

    public String file() {
        return location().file();
    }
}
