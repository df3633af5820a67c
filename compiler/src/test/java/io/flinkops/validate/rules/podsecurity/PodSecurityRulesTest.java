package io.flinkops.validate.rules.podsecurity;

import io.flinkops.diag.Code;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PodSecurityRulesTest {

    @Test
    void oneCheckPerCodeInCodeOrder() {
        List<Code> podSecurityCodes = Arrays.stream(Code.values()).filter(c -> c.name().startsWith("POD_SECURITY_")).toList();
        assertEquals(podSecurityCodes, PodSecurityRules.CHECKS.stream().map(PodSecurityCheck::code).toList());
    }

    @Test
    void levelsAsDocumented() {
        // docs/pod-templates.md: FO901–FO907 from baseline on (FO905 and FO906 check more at restricted), FO908–FO910 at restricted
        List<String> restricted = PodSecurityRules.CHECKS.stream().filter(c -> c.minimum() == Level.RESTRICTED).map(c -> c.code().id()).toList();
        assertEquals(List.of("FO908", "FO909", "FO910"), restricted);
        assertEquals(7, PodSecurityRules.CHECKS.stream().filter(c -> c.minimum() == Level.BASELINE).count());
    }

    @Test
    void levelsIncludeTheOnesBefore() {
        assertEquals(List.of(false, false, true),
                Arrays.stream(Level.values()).map(l -> l.includes(Level.RESTRICTED)).toList());
        assertEquals(List.of(false, true, true),
                Arrays.stream(Level.values()).map(l -> l.includes(Level.BASELINE)).toList());
        assertEquals(Level.BASELINE, Level.of(null));
        assertEquals(Level.RESTRICTED, Level.of("restricted"));
    }
}
