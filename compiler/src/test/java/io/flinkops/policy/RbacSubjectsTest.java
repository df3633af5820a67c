package io.flinkops.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RbacSubjectsTest {
    @Test
    void teamMembersAreFine_wildcardsAndSystemPrincipalsAreNot() {
        for (String member : List.of("user:ana@example.com", "group:payments-devs", "group:oidc:payments", "user:systemd")) {
            assertTrue(RbacSubjects.problem(member, "owner", List.of()).isEmpty(), member);
        }
        for (String member : List.of("user:*", "group:*", "group:team-*", "group:system:masters", "group:System:Masters",
                "group:system:unauthenticated", "user:system:anonymous", "group:system:serviceaccounts",
                "group:system:serviceaccounts:flink-ci", "user:system:serviceaccount:flink-payments:default", "group:system:nodes")) {
            assertFalse(RbacSubjects.problem(member, "viewer", List.of()).isEmpty(), member);
        }
    }

    @Test
    void everyAuthenticatedUserIsAViewerAtMost_unlessThePolicyAllowsMore() {
        assertTrue(RbacSubjects.problem("system:authenticated", "viewer", List.of()).isEmpty());
        assertTrue(RbacSubjects.problem("group:system:authenticated", "viewer", List.of()).isEmpty());
        assertFalse(RbacSubjects.problem("system:authenticated", "editor", List.of()).isEmpty());
        assertTrue(RbacSubjects.problem("system:authenticated", "editor", List.of("system:authenticated")).isEmpty());
        assertTrue(RbacSubjects.problem("group:system:masters", "owner", List.of("group:system:masters")).isEmpty());
    }
}
