package io.flinkops.render;

import io.flinkops.plan.RepoPlan;

import java.util.function.Consumer;

/**
 * One family of emitted objects (Flink resources, RBAC…): a pure mapping from the plan to Kubernetes objects. It
 * judges nothing and reports nothing (the rules did, on the same plan); on a plan with errors ({@code diff}'s base
 * revision) it maps what it can and skips the rest.
 */
public interface ObjectRenderer {

    /** Renders the objects of every cluster {@code context} includes. */
    void render(RepoPlan plan, RenderContext context, Consumer<RenderedObject> out);
}
