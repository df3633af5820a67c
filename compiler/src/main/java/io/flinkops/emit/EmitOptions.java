package io.flinkops.emit;

/**
 * What the emit stage writes besides the rendered objects; none of it changes what is rendered.
 *
 * @param namespaceObjects also write a Namespace object for every Kubernetes namespace a cluster's objects go to
 *                         ({@link NamespaceObjects}); off by default, since namespaces usually belong to the platform
 *                         team (docs/gitops.md#namespace-objects)
 */
public record EmitOptions(boolean namespaceObjects) {
    public static final EmitOptions DEFAULT = new EmitOptions(false);
}
