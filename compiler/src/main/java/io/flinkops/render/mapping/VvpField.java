package io.flinkops.render.mapping;

/**
 * A VVP field that a {@link MappingRow} reads, named the way {@code flinkops diff} names a changed field: relative to
 * the resource's {@code spec}, with a Deployment's {@code template.spec.} dropped ({@code state},
 * {@code restoreStrategy.kind}, {@code parallelism}, {@code kubernetes.labels}). A name stands for the field and
 * everything below it; a name ending in {@code *} ({@code flinkConfiguration.job.autoscaler.*}) for every field that
 * starts with what comes before the {@code *}, such as the keys of {@code flinkConfiguration} with a prefix.
 *
 * @param name   the field's name
 * @param inSpec false for the VVP resource's own metadata ({@code metadata.labels}), which is outside its spec, named
 *               from the resource, and matches no changed field (diff compares specs)
 */
public record VvpField(String name, boolean inSpec) {
    private static final String ANY = "*";

    /** A field of the spec. */
    public static VvpField spec(String name) {
        return new VvpField(name, true);
    }

    /** A field of the VVP resource outside its spec. */
    public static VvpField resource(String name) {
        return new VvpField(name, false);
    }

    /** The name without a trailing {@code *}: what a matching field starts with. */
    public String fixedPart() {
        return name.endsWith(ANY) ? name.substring(0, name.length() - ANY.length()) : name;
    }

    /** Whether {@code field}, named as diff names a changed field of a spec, is this field or below it. */
    public boolean matches(String field) {
        if (!inSpec) return false;
        if (name.endsWith(ANY)) return field.startsWith(fixedPart());
        return field.equals(name) || field.startsWith(name + ".") || field.startsWith(name + "[");
    }
}
