package io.flinkops.plan;

import io.flinkops.load.Document;
import io.flinkops.model.FieldPath;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;

import java.util.Optional;

/**
 * Whether the agent applies a Deployment's or SessionCluster's objects: the annotation {@value #ANNOTATION} of the VVP
 * resource's own {@code metadata.annotations}, {@code disabled} or {@code enabled} (the default), as Flux's
 * {@code kustomize.toolkit.fluxcd.io/reconcile} annotation. A disabled resource is still validated and rendered, with
 * the annotation on its objects; the agent then neither applies nor prunes them and leaves what runs alone (for
 * maintenance), and Flux does the same, since its annotation is rendered too (docs/gitops.md, docs/agent.md).
 *
 * @param mode    what the annotation says
 * @param written the annotation as written, for the rule that reports an invalid value (FO930); empty when absent
 */
public record Reconcile(Mode mode, Optional<YNode> written) {
    /** The annotation, on the VVP resource and on every rendered object of a disabled one. */
    public static final String ANNOTATION = ObjectMetadata.FLINKOPS_PREFIX + "reconcile";
    /** Flux's per-object switch, rendered next to flinkops' own so that Flux leaves the objects alone too. */
    public static final String FLUX_ANNOTATION = "kustomize.toolkit.fluxcd.io/reconcile";
    public static final String DISABLED = "disabled";
    public static final String ENABLED = "enabled";
    /** Where the annotation is written in a resource. */
    public static final FieldPath POINTER = FieldPath.of("metadata", "annotations", ANNOTATION);

    public static final Reconcile DEFAULT = new Reconcile(Mode.ENABLED, Optional.empty());

    public enum Mode { ENABLED, DISABLED, INVALID }

    public boolean disabled() {
        return mode == Mode.DISABLED;
    }

    /** The switch of a resource document. */
    public static Reconcile of(Document document) {
        YNode node = document.root().map("metadata").flatMap(m -> m.map("annotations")).map(a -> a.get(ANNOTATION)).orElse(null);
        if (node == null) return DEFAULT;
        String value = node instanceof YScalar s ? s.text() : null;
        Mode mode = DISABLED.equals(value) ? Mode.DISABLED : ENABLED.equals(value) ? Mode.ENABLED : Mode.INVALID;
        return new Reconcile(mode, Optional.of(node));
    }
}
