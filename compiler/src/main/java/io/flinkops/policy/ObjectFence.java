package io.flinkops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.model.ImageReference;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.rbac.FlinkServiceAccount;
import io.flinkops.render.rbac.MemberRole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fences of flinkops.yaml applied to rendered objects, as the agent checks them before it applies anything: the
 * compiler's rules say the same at the line that breaks them, but the agent must not rely on them (a manifest could be
 * produced another way, or by a flinkops with a bug). An object is refused when
 * <ul>
 *   <li>its Kubernetes namespace is outside the outer fence, or outside the fence of the flinkops namespace named by
 *       its {@link Ownership#NAMESPACE} label;</li>
 *   <li>it is in a Kubernetes namespace that objects of another flinkops namespace use as well, and the policy does
 *       not list it as shared;</li>
 *   <li>it is a RoleBinding that binds anything but a flinkops Role, or a subject {@link RbacSubjects} refuses, or a
 *       service account other than {@link FlinkServiceAccount#NAME} of its own namespace;</li>
 *   <li>it is a FlinkDeployment whose pods pull an image from a registry the policy does not allow.</li>
 * </ul>
 */
public final class ObjectFence {
    /** A fence with no policy: any namespace, nothing shared. */
    public static final ObjectFence OPEN = of(RepositorySpec.EMPTY);

    private final Fences fences;
    private final List<String> allowedSubjects;
    private final List<String> allowedRegistries;

    private ObjectFence(Fences fences, List<String> allowedSubjects, List<String> allowedRegistries) {
        this.fences = fences;
        this.allowedSubjects = allowedSubjects;
        this.allowedRegistries = allowedRegistries;
    }

    public static ObjectFence of(RepositorySpec settings) {
        List<String> subjects = settings.policyOrEmpty().allowedRbacSubjects();
        List<String> registries = settings.policyOrEmpty().allowedImageRegistries();
        return new ObjectFence(Fences.of(settings), subjects == null ? List.of() : List.copyOf(subjects),
                registries == null ? List.of() : registries.stream().filter(r -> r != null).toList());
    }

    /** The outer fence's patterns (empty: any namespace). */
    public List<String> outer() {
        return fences.outer();
    }

    /**
     * Why each refused object may not be applied, keyed by its position in {@code objects}; the others may be. An
     * object refused on its own does not count as sharing a Kubernetes namespace: it will not be there.
     */
    public SortedMap<Integer, String> refusals(List<RenderedObject> objects) {
        SortedMap<Integer, String> out = new TreeMap<>();
        for (int i = 0; i < objects.size(); i++) {
            final int index = i;
            problem(objects.get(i)).ifPresent(p -> out.put(index, p));
        }
        Map<String, SortedSet<String>> owners = new LinkedHashMap<>(); // cluster/namespace -> flinkops namespaces
        for (int i = 0; i < objects.size(); i++) {
            RenderedObject o = objects.get(i);
            if (out.containsKey(i)) continue;
            flinkopsNamespace(o).ifPresent(ns -> owners.computeIfAbsent(o.cluster() + "/" + o.namespace(), k -> new TreeSet<>()).add(ns));
        }
        for (int i = 0; i < objects.size(); i++) {
            RenderedObject o = objects.get(i);
            SortedSet<String> sharing = owners.getOrDefault(o.cluster() + "/" + o.namespace(), new TreeSet<>());
            if (out.containsKey(i) || sharing.size() < 2 || fences.shareable(o.namespace())) continue;
            out.put(i, "Kubernetes namespace " + o.namespace() + " holds objects of the flinkops namespaces " + String.join(", ", sharing)
                    + ", and policy.sharedKubernetesNamespaces does not list it");
        }
        return out;
    }

    /** Why this object, on its own, may not be applied, or empty. */
    public Optional<String> problem(RenderedObject o) {
        if (!fences.outerAllows(o.namespace())) {
            return Optional.of("Kubernetes namespace " + o.namespace() + " is not allowed by the Repository policy (policy.allowedKubernetesNamespaces: "
                    + fences.outer() + ")");
        }
        Optional<String> ns = flinkopsNamespace(o);
        if (ns.isPresent()) {
            Fence fence = fences.of(ns.get());
            if (!fence.allowsKubernetesNamespace(o.namespace())) {
                return Optional.of("Kubernetes namespace " + o.namespace() + " is outside the fence of flinkops namespace " + ns.get() + " ("
                        + fence.kubernetesNamespacesField() + ": " + fence.kubernetesNamespaces().orElse(List.of()) + ")");
            }
        }
        if (ObjectKind.ROLE_BINDING.kind().equals(o.kind())) return roleBindingProblem(o);
        if (ObjectKind.FLINK_DEPLOYMENT.kind().equals(o.kind())) return imageProblem(o);
        return Optional.empty();
    }

    /** The images a FlinkDeployment's pods pull that the registry allowlist does not admit (FO604's rule). */
    private Optional<String> imageProblem(RenderedObject o) {
        if (allowedRegistries.isEmpty()) return Optional.empty();
        JsonNode spec = o.content().path("spec");
        List<String> images = new ArrayList<>();
        if (spec.hasNonNull("image")) images.add(spec.path("image").asText());
        for (JsonNode template : List.of(spec.path("podTemplate"), spec.path("jobManager").path("podTemplate"), spec.path("taskManager").path("podTemplate"))) {
            for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
                for (JsonNode c : template.path("spec").path(list)) {
                    // The main container's image is the FlinkDeployment's: Flink sets it, whatever the template says.
                    if (c.hasNonNull("image") && !PodTemplates.MAIN_CONTAINER.equals(c.path("name").asText())) images.add(c.path("image").asText());
                }
            }
        }
        List<String> refused = images.stream().distinct()
                .filter(i -> allowedRegistries.stream().noneMatch(ImageReference.parse(i)::allowedBy)).toList();
        return refused.isEmpty() ? Optional.empty()
                : Optional.of("it pulls " + String.join(", ", refused) + ", not from a registry of policy.allowedImageRegistries " + allowedRegistries);
    }

    private Optional<String> roleBindingProblem(RenderedObject o) {
        JsonNode ref = o.content().path("roleRef");
        String roleName = ref.path("name").asText("");
        if (!"Role".equals(ref.path("kind").asText()) || !roleName.startsWith("flinkops-")) {
            return Optional.of("it binds " + ref.path("kind").asText("?") + " " + roleName + ", not a Role flinkops renders");
        }
        String role = roleName.substring(roleName.lastIndexOf('-') + 1);
        List<String> problems = new ArrayList<>();
        for (JsonNode subject : o.content().path("subjects")) {
            String kind = subject.path("kind").asText("");
            String name = subject.path("name").asText("");
            switch (kind) {
                case "ServiceAccount" -> {
                    if (!FlinkServiceAccount.NAME.equals(name) || !o.namespace().equals(subject.path("namespace").asText(o.namespace()))) {
                        problems.add("service account " + subject.path("namespace").asText("") + "/" + name);
                    }
                }
                case "User", "Group" -> {
                    String member = kind.toLowerCase(java.util.Locale.ROOT) + ":" + name;
                    boolean allowed = allowedSubjects.contains(member) || allowedSubjects.contains(name);
                    if (!allowed && MemberRole.of(role).isPresent()) {
                        RbacSubjects.problem(member, role, List.of()).ifPresent(p -> problems.add(kind + " " + name + " (" + p + ")"));
                    } else if (!allowed) {
                        problems.add(kind + " " + name + " bound to " + roleName);
                    }
                }
                default -> problems.add("subject of kind " + kind);
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of("it binds " + String.join(", ", problems));
    }

    private static Optional<String> flinkopsNamespace(RenderedObject o) {
        String ns = o.content().path("metadata").path("labels").path(Ownership.NAMESPACE).asText("");
        return ns.isEmpty() ? Optional.empty() : Optional.of(ns);
    }
}
