package io.flinkops.render.rbac;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strict deserialization into fabric8's model: fabric8 classes swallow unknown fields into
 * {@code additionalProperties} and Jackson coerces scalars, so besides failing on unknown properties this
 * asserts that no object of the result has additional properties and that serializing it back gives the
 * same tree.
 */
final class StrictModel {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private StrictModel() {
    }

    static <T> T read(JsonNode object, Class<T> type) {
        T model;
        try {
            model = MAPPER.treeToValue(object, type);
        } catch (Exception e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + e.getMessage() + "\n" + object.toPrettyString(), e);
        }
        noAdditionalProperties(model, type.getSimpleName(), java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        assertEquals(object, MAPPER.valueToTree(model), "round trip through " + type.getName());
        return model;
    }

    private static void noAdditionalProperties(Object o, String path, Set<Object> seen) {
        if (o == null || !seen.add(o)) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) noAdditionalProperties(e, path + "[" + i++ + "]", seen);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> noAdditionalProperties(v, path + "." + k, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) return;
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) continue;
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (m.getName().equals("getAdditionalProperties")) {
                assertTrue(value == null || ((Map<?, ?>) value).isEmpty(), path + " has unknown fields " + value);
            } else {
                noAdditionalProperties(value, path + "." + m.getName().substring(3), seen);
            }
        }
    }
}
