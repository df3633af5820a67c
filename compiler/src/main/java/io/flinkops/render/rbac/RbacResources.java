package io.flinkops.render.rbac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.plan.EmittedObject;
import io.flinkops.plan.RepoPlan;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.ObjectRenderer;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Service accounts and RBAC (docs/rbac.md):
 * <ul>
 *   <li>in every Kubernetes namespace (per cluster) that a FlinkDeployment lands in: the ServiceAccount
 *       {@link FlinkServiceAccount#NAME} that the Flink pods run as, a Role with what native Kubernetes Flink
 *       and Kubernetes HA need, and a RoleBinding, all named {@link FlinkServiceAccount#NAME} and shared by
 *       every flinkops namespace deploying there;</li>
 *   <li>per flinkops Namespace with members, in every Kubernetes namespace its resources land in: a Role and a
 *       RoleBinding per role that has members ({@link MemberRole}), named {@code flinkops-<ns>-<role>}.</li>
 * </ul>
 */
public final class RbacResources implements ObjectRenderer {
    public static final String RBAC_API_GROUP = ObjectKind.ROLE.group();
    static final String AUTHENTICATED = "system:authenticated";

    /** A Kubernetes namespace on one cluster. */
    record Place(String cluster, String kubernetesNamespace) implements Comparable<Place> {
        private static final Comparator<Place> ORDER = Comparator.comparing(Place::cluster).thenComparing(Place::kubernetesNamespace);

        @Override
        public int compareTo(Place o) {
            return ORDER.compare(this, o);
        }
    }

    /** A RoleBinding subject: a User or Group (members) or a ServiceAccount. */
    record Subject(String kind, String name) implements Comparable<Subject> {
        private static final Comparator<Subject> ORDER = Comparator.comparing(Subject::kind).thenComparing(Subject::name);

        @Override
        public int compareTo(Subject o) {
            return ORDER.compare(this, o);
        }

        /** {@code user:<name>} → User, {@code group:<name>} and {@code system:authenticated} → Group; else empty. */
        static Optional<Subject> ofMember(String member) {
            if (member == null) return Optional.empty();
            if (member.equals(AUTHENTICATED)) return Optional.of(new Subject("Group", AUTHENTICATED));
            if (member.startsWith("user:") && member.length() > 5) return Optional.of(new Subject("User", member.substring(5)));
            if (member.startsWith("group:") && member.length() > 6) return Optional.of(new Subject("Group", member.substring(6)));
            return Optional.empty();
        }
    }

    @Override
    public void render(RepoPlan plan, RenderContext context, Consumer<RenderedObject> out) {
        ResolvedRepo repo = plan.resolved();
        List<EmittedObject> placed = plan.placed().map(p -> p.placement().orElseThrow()).filter(o -> context.includes(o.cluster())).toList();

        SortedMap<Place, SortedSet<String>> flinkDeployments = new TreeMap<>();
        for (EmittedObject o : placed) {
            if (o.kind() == EmittedObject.Kind.FLINK_DEPLOYMENT) {
                flinkDeployments.computeIfAbsent(place(o), p -> new TreeSet<>()).add(o.name());
            }
        }
        flinkDeployments.forEach((place, names) -> flinkServiceAccount(place, names, out));

        for (ResolvedNamespace ns : repo.namespaces().values()) {
            Map<MemberRole, SortedSet<Subject>> members = members(ns.namespaceSpec());
            if (members.isEmpty()) continue;
            SortedMap<Place, SortedSet<String>> landing = new TreeMap<>();
            for (EmittedObject o : placed) {
                if (!o.source().namespace().equals(ns.name())) continue;
                SortedSet<String> names = landing.computeIfAbsent(place(o), p -> new TreeSet<>());
                if (o.kind() == EmittedObject.Kind.FLINK_DEPLOYMENT) names.add(o.name());
            }
            String file = ns.namespace().map(r -> r.document().file()).orElse("");
            landing.forEach((place, names) -> members.forEach((role, subjects) ->
                    memberRole(ns.name(), role, subjects, place, names, file, out)));
        }
    }

    /** The members of each role that has any, as subjects (several roleBindings entries of one role merge). */
    static Map<MemberRole, SortedSet<Subject>> members(NamespaceSpec spec) {
        Map<MemberRole, SortedSet<Subject>> members = new EnumMap<>(MemberRole.class);
        if (spec == null || spec.roleBindings() == null) return members;
        for (NamespaceSpec.RoleBinding binding : spec.roleBindings()) {
            if (binding == null || binding.members() == null) continue;
            Optional<MemberRole> role = MemberRole.of(binding.role());
            if (role.isEmpty()) continue;
            for (String member : binding.members()) {
                Subject.ofMember(member).ifPresent(s -> members.computeIfAbsent(role.get(), r -> new TreeSet<>()).add(s));
            }
        }
        return members;
    }

    private static Place place(EmittedObject o) {
        return new Place(o.cluster(), o.kubernetesNamespace());
    }

    private static void flinkServiceAccount(Place place, SortedSet<String> flinkDeployments,
                                            Consumer<RenderedObject> out) {
        String name = FlinkServiceAccount.NAME;
        out.accept(object(place, ObjectKind.SERVICE_ACCOUNT, name, null, "", o -> {
        }));
        out.accept(object(place, ObjectKind.ROLE, name, null, "",
                o -> rules(o, FlinkServiceAccount.rules(flinkDeployments))));
        out.accept(object(place, ObjectKind.ROLE_BINDING, name, null, "", o -> {
            roleRef(o, name);
            ObjectNode subject = o.putArray("subjects").addObject();
            subject.put("kind", "ServiceAccount");
            subject.put("name", name);
            subject.put("namespace", place.kubernetesNamespace());
        }));
    }

    private static void memberRole(String flinkopsNamespace, MemberRole role, SortedSet<Subject> subjects, Place place,
                                   SortedSet<String> flinkDeployments, String file,
                                   Consumer<RenderedObject> out) {
        String name = role.objectName(flinkopsNamespace);
        out.accept(object(place, ObjectKind.ROLE, name, flinkopsNamespace, file,
                o -> rules(o, role.rules(flinkDeployments))));
        out.accept(object(place, ObjectKind.ROLE_BINDING, name, flinkopsNamespace, file, o -> {
            roleRef(o, name);
            ArrayNode array = o.putArray("subjects");
            for (Subject s : subjects) {
                ObjectNode subject = array.addObject();
                subject.put("apiGroup", RBAC_API_GROUP);
                subject.put("kind", s.kind());
                subject.put("name", s.name());
            }
        }));
    }

    private static RenderedObject object(Place place, ObjectKind kind, String name, String flinkopsNamespace,
                                         String file, Consumer<ObjectNode> body) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", kind.apiVersion());
        o.put("kind", kind.kind());
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", place.kubernetesNamespace());
        Ownership.stamp(metadata, place.cluster(), flinkopsNamespace, null, null, file);
        body.accept(o);
        return new RenderedObject(place.cluster(), kind.apiVersion(), kind.kind(), place.kubernetesNamespace(), name, o, file);
    }

    private static void rules(ObjectNode role, List<PolicyRule> rules) {
        ArrayNode array = role.putArray("rules");
        rules.forEach(r -> array.add(r.toJson()));
    }

    private static void roleRef(ObjectNode binding, String role) {
        ObjectNode ref = binding.putObject("roleRef");
        ref.put("apiGroup", RBAC_API_GROUP);
        ref.put("kind", "Role");
        ref.put("name", role);
    }
}
