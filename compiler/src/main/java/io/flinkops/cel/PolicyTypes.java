package io.flinkops.cel;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.SessionClusterSpec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The types a policy's expression is checked against, so that a misspelt field is an error when the repo is loaded,
 * not a silent {@code false} later. The resources' specs are typed from flinkops' own model records (what flinkops
 * reads is what a policy can read); a value the model keeps untyped (a pod template) is {@code dyn}.
 */
final class PolicyTypes implements CelTypeProvider {
    static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);
    static final StructType METADATA = struct("flinkops.Metadata", fields(
            "name", SimpleType.STRING, "namespace", SimpleType.STRING, "labels", STRING_MAP, "annotations", STRING_MAP));

    /**
     * What the plan stage made of a resource ({@code plan.*}); each field's source, for locating a violation, is in
     * {@link PolicyPaths}.
     */
    static final StructType PLAN = struct("flinkops.Plan", fields(
            "kind", SimpleType.STRING,
            "flinkVersion", SimpleType.STRING,
            "state", SimpleType.STRING,
            "upgradeMode", SimpleType.STRING,
            "stateful", SimpleType.BOOL,
            "parallelism", SimpleType.INT,
            "taskManagers", SimpleType.INT,
            "slotsPerTaskManager", SimpleType.INT,
            "availableSlots", SimpleType.INT,
            "config", STRING_MAP));

    private final Map<String, CelType> types = new LinkedHashMap<>();
    private final java.util.Set<Class<?>> building = new java.util.HashSet<>();
    private final StructType deployment;
    private final StructType sessionCluster;

    PolicyTypes() {
        types.put(METADATA.name(), METADATA);
        types.put(PLAN.name(), PLAN);
        deployment = resource("flinkops.Deployment", DeploymentSpec.class);
        sessionCluster = resource("flinkops.SessionCluster", SessionClusterSpec.class);
    }

    /** The type of {@code object} for a resource of {@code kind} (Deployment or SessionCluster). */
    StructType object(String kind) {
        return kind.equals(PolicyDeclaration.SESSION_CLUSTER) ? sessionCluster : deployment;
    }

    private StructType resource(String name, Class<?> spec) {
        StructType type = struct(name, fields("metadata", METADATA, "spec", of(spec)));
        types.put(name, type);
        return type;
    }

    /** The CEL type of a model value of Java type {@code type}. */
    CelType of(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) return MapType.create(SimpleType.STRING, of(args[1]));
            if (Collection.class.isAssignableFrom(raw)) return ListType.create(of(args[0]));
            return SimpleType.DYN;
        }
        if (!(type instanceof Class<?> c)) return SimpleType.DYN;
        if (c == String.class || c.isEnum()) return SimpleType.STRING;
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class || c == Short.class) return SimpleType.INT;
        if (c == Double.class || c == double.class || c == Float.class || c == BigDecimal.class) return SimpleType.DOUBLE;
        if (c == Boolean.class || c == boolean.class) return SimpleType.BOOL;
        if (c.isRecord()) {
            String name = "flinkops." + c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
            CelType known = types.get(name);
            if (known != null) return known;
            if (!building.add(c)) return SimpleType.DYN; // a record that contains itself: its inner copies are dyn
            Map<String, CelType> fields = new LinkedHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) fields.put(rc.getName(), of(rc.getGenericType()));
            building.remove(c);
            StructType struct = struct(name, fields);
            types.put(name, struct);
            return struct;
        }
        return SimpleType.DYN;
    }

    private static Map<String, CelType> fields(Object... nameTypePairs) {
        Map<String, CelType> out = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) out.put((String) nameTypePairs[i], (CelType) nameTypePairs[i + 1]);
        return out;
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        Map<String, CelType> copy = Map.copyOf(fields);
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(copy.get(f)));
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(types.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(types.get(typeName));
    }

    /** The declared fields of a struct of this provider (for turning trees into values). */
    static Optional<CelType> field(CelType struct, String name) {
        return struct instanceof StructType s ? s.findField(name).map(StructType.Field::type) : Optional.empty();
    }

    static List<String> fieldNames(CelType struct) {
        return struct instanceof StructType s ? List.copyOf(s.fieldNames()) : List.of();
    }
}
