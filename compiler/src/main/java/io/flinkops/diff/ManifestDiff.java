package io.flinkops.diff;

/**
 * The unified diff of one rendered object between the two revisions.
 *
 * @param path the object's path in {@code flinkops render}'s output: {@code <cluster>/<namespace>/<kind>-<name>.yaml}
 * @param diff the unified diff, with {@code ---}/{@code +++} headers
 */
public record ManifestDiff(String path, ChangeKind change, String diff) {
}
