package io.flinkops.agent;

import io.flinkops.agent.cycle.ClusterSteps;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.status.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;

/**
 * Finds the Kubernetes side of the cycle, {@code io.flinkops.agent.kube.KubernetesSteps}, built separately: a
 * constructor taking the client (and optionally the {@link AgentSettings}), and methods {@code apply},
 * {@code prune} and {@code observe} with the signatures of {@link ClusterSteps}.
 */
final class ReflectiveSteps implements ClusterSteps {
    static final String CLASS = "io.flinkops.agent.kube.KubernetesSteps";

    private final Object target;
    private final Method apply;
    private final Method prune;
    private final Method observe;

    private ReflectiveSteps(Object target) throws NoSuchMethodException {
        this.target = target;
        Class<?> c = target.getClass();
        apply = c.getMethod("apply", DesiredState.class);
        prune = c.getMethod("prune", DesiredState.class, ApplyResult.class);
        observe = c.getMethod("observe", DesiredState.class, Instant.class);
    }

    static ClusterSteps create(KubernetesClient client, AgentSettings settings) {
        return create(CLASS, client, settings);
    }

    static ClusterSteps create(String className, KubernetesClient client, AgentSettings settings) {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("This build of the agent has no Kubernetes steps (" + CLASS + "). Build the agent with its kube package.");
        }
        try {
            Object instance = null;
            for (Constructor<?> k : c.getConstructors()) {
                Class<?>[] p = k.getParameterTypes();
                if (p.length == 2 && p[0].isAssignableFrom(KubernetesClient.class) && p[1].isInstance(settings)) instance = k.newInstance(client, settings);
                else if (p.length == 2 && p[0].isAssignableFrom(KubernetesClient.class) && p[1].isRecord()) instance = k.newInstance(client, kubeSettings(p[1], settings));
                else if (p.length == 1 && p[0].isAssignableFrom(KubernetesClient.class) && instance == null) instance = k.newInstance(client);
            }
            if (instance == null) throw new IllegalStateException(className + " has no constructor (KubernetesClient[, AgentSettings]).");
            if (instance instanceof ClusterSteps steps) return steps;
            return new ReflectiveSteps(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + CLASS + ": " + e, e);
        }
    }

    /**
     * The kube package's own settings record {@code (List<String> allowedNamespaces, boolean pruneWhenEmpty,
     * double maxPruneShare, boolean pruneOverride)}, from the agent's settings.
     */
    private static Object kubeSettings(Class<?> type, AgentSettings s) throws ReflectiveOperationException {
        var components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = switch (components[i].getName()) {
                case "allowedNamespaces" -> s.allowedNamespaces();
                case "pruneWhenEmpty" -> s.pruneWhenEmpty();
                case "maxPruneShare" -> s.maxPruneShare();
                case "pruneOverride" -> s.pruneOverride();
                default -> throw new IllegalStateException(type.getName() + " has a setting `" + components[i].getName()
                        + "` the agent does not know. Wire " + CLASS + " in io.flinkops.agent.Main.");
            };
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    @Override
    public ApplyResult apply(DesiredState desired) throws StepFailure {
        return (ApplyResult) call(apply, desired);
    }

    @Override
    public PruneResult prune(DesiredState desired, ApplyResult applied) throws StepFailure {
        return (PruneResult) call(prune, desired, applied);
    }

    @SuppressWarnings("unchecked")
    @Override
    public Map<String, DeploymentStatus> observe(DesiredState desired, Instant now) throws StepFailure {
        return (Map<String, DeploymentStatus>) call(observe, desired, now);
    }

    private Object call(Method m, Object... args) throws StepFailure {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof StepFailure f) throw f;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error err) throw err;
            throw new IllegalStateException(t);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
