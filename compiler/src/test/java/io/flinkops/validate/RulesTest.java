package io.flinkops.validate;

import io.flinkops.diag.Code;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class RulesTest {

    /** Which rule claims each code; fails when two rules claim the same one. */
    private static Map<Code, String> owners() {
        Map<Code, String> owners = new EnumMap<>(Code.class);
        for (Rule rule : Rules.all()) {
            String name = rule.getClass().getSimpleName();
            assertFalse(rule.codes().isEmpty(), name + " claims no code");
            for (Code code : rule.codes()) {
                String before = owners.put(code, name);
                assertNull(before, code.id() + " is claimed by " + before + " and " + name);
            }
        }
        return owners;
    }

    @Test
    void everyCodeBelongsToOneRuleAtMost() {
        assertEquals(Rules.all().size(), Rules.all().stream().map(Rule::getClass).distinct().count(), "a rule is listed twice");
        owners();
    }

    @Test
    void podCodesBelongToTheirRules() {
        Map<Code, String> owners = owners();
        assertEquals(List.of("PodsAndTemplatesRule", "PodTemplateRule", "PodsObjectsRule"),
                List.of(owners.get(Code.PODS_AND_POD_TEMPLATES), owners.get(Code.INVALID_POD_TEMPLATE), owners.get(Code.INVALID_KUBERNETES_OBJECT)));
        for (Code code : Code.values()) {
            if (code.name().startsWith("POD_SECURITY_")) assertEquals("PodSecurityRules", owners.get(code), code.id());
        }
    }
}
