package io.flinkops.render.rbac;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each emitted Role allows, request by request, with Kubernetes' matching rules. */
class RoleRulesTest {
    private static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    private static final List<String[]> RESOURCES = List.of(
            new String[]{"", "pods"}, new String[]{"", "pods/log"}, new String[]{"", "pods/portforward"}, new String[]{"", "pods/exec"},
            new String[]{"", "pods/attach"}, new String[]{"", "pods/eviction"}, new String[]{"", "configmaps"}, new String[]{"", "secrets"},
            new String[]{"", "services"}, new String[]{"", "events"}, new String[]{"", "serviceaccounts"}, new String[]{"", "serviceaccounts/token"},
            new String[]{"apps", "deployments"}, new String[]{"apps", "deployments/finalizers"}, new String[]{"apps", "deployments/scale"},
            new String[]{"coordination.k8s.io", "leases"}, new String[]{"rbac.authorization.k8s.io", "roles"},
            new String[]{"rbac.authorization.k8s.io", "rolebindings"}, new String[]{"flink.apache.org", "flinkdeployments"},
            new String[]{"flink.apache.org", "flinkdeployments/status"}, new String[]{"flink.apache.org", "flinksessionjobs"},
            new String[]{"flink.apache.org", "flinkstatesnapshots"}, new String[]{"flink.apache.org", "flinkbluegreendeployments"});

    /**
     * Every (group, resource, verb) the role allows for a request without an object name (list, watch, create)
     * or on any object ("any"), as "group/resource verb", plus those allowed only on named objects, as
     * "group/resource verb name".
     */
    private static Set<String> grants(Role role, List<String> names) {
        Set<String> out = new TreeSet<>();
        for (String[] r : RESOURCES) {
            for (String verb : VERBS) {
                String key = (r[0].isEmpty() ? "core" : r[0]) + "/" + r[1] + " " + verb;
                if (Rbac.allows(role, r[0], r[1], verb, null)) {
                    out.add(key);
                    continue;
                }
                for (String name : names) {
                    if (Rbac.allows(role, r[0], r[1], verb, name)) out.add(key + " " + name);
                }
            }
        }
        return out;
    }

    private static Role role(List<PolicyRule> rules) {
        ObjectNode role = JsonNodeFactory.instance.objectNode();
        role.put("apiVersion", "rbac.authorization.k8s.io/v1");
        role.put("kind", "Role");
        role.putObject("metadata").put("name", "r");
        role.putArray("rules").addAll(rules.stream().map(PolicyRule::toJson).toList());
        return StrictModel.read(role, Role.class);
    }

    private static final List<String> NAMES = List.of("a", "b", "a-rest", "b-rest", "other", "other-rest");

    @Test
    void theFlinkRoleGrantsWhatTheJobManagerAndKubernetesHaCall() {
        Role flink = role(FlinkServiceAccount.rules(List.of("b", "a")));
        assertEquals(new TreeSet<>(List.of(
                "core/pods get", "core/pods list", "core/pods watch", "core/pods create", "core/pods delete",
                "core/configmaps get", "core/configmaps list", "core/configmaps watch", "core/configmaps create",
                "core/configmaps update", "core/configmaps patch", "core/configmaps delete", "core/configmaps deletecollection",
                "apps/deployments get a", "apps/deployments get b",
                "apps/deployments/finalizers update a", "apps/deployments/finalizers update b")), grants(flink, NAMES));
    }

    @Test
    void viewersRead() {
        assertEquals(new TreeSet<>(viewer()), grants(role(MemberRole.VIEWER.rules(List.of("a", "b"))), NAMES));
    }

    @Test
    void editorsAlsoPortForwardToTheirJobManagersAndTriggerSnapshots() {
        List<String> expected = new ArrayList<>(viewer());
        expected.addAll(List.of("core/pods/portforward create", "core/services get a-rest", "core/services get b-rest",
                "flink.apache.org/flinkstatesnapshots create"));
        assertEquals(new TreeSet<>(expected), grants(role(MemberRole.EDITOR.rules(List.of("a", "b"))), NAMES));
    }

    @Test
    void ownersAlsoDeletePods() {
        List<String> expected = new ArrayList<>(viewer());
        expected.addAll(List.of("core/pods/portforward create", "core/services get a-rest", "core/services get b-rest",
                "flink.apache.org/flinkstatesnapshots create", "core/pods delete"));
        assertEquals(new TreeSet<>(expected), grants(role(MemberRole.OWNER.rules(List.of("a", "b"))), NAMES));
    }

    @Test
    void noMemberWritesWhatGitDeclaresOrReadsSecrets() {
        for (MemberRole r : MemberRole.values()) {
            Role role = role(r.rules(List.of("a")));
            for (String verb : VERBS) {
                if (Set.of("get", "list", "watch").contains(verb)) continue;
                for (String kind : List.of("flinkdeployments", "flinksessionjobs", "flinkdeployments/status")) {
                    assertFalse(Rbac.allows(role, "flink.apache.org", kind, verb, "a"), r + " " + verb + " " + kind);
                }
            }
            for (String verb : VERBS) {
                assertFalse(Rbac.allows(role, "", "secrets", verb, null), r + " " + verb + " secrets");
                assertFalse(Rbac.allows(role, "", "configmaps", verb, null), r + " " + verb + " configmaps");
                assertFalse(Rbac.allows(role, "", "pods/exec", verb, null), r + " " + verb + " pods/exec");
            }
        }
    }

    @Test
    void aRoleWithoutFlinkDeploymentsHasNoUnrestrictedServiceRule() {
        Role editor = role(MemberRole.EDITOR.rules(List.of()));
        assertFalse(Rbac.allows(editor, "", "services", "get", "anything"));
        assertThrows(IllegalArgumentException.class, () -> FlinkServiceAccount.rules(List.of()));
    }

    @Test
    void roleNames() {
        assertEquals("flinkops-payments-viewer", MemberRole.VIEWER.objectName("payments"));
        assertEquals("flinkops-payments-owner", MemberRole.OWNER.objectName("payments"));
        assertTrue(MemberRole.of("editor").isPresent());
        assertTrue(MemberRole.of("admin").isEmpty());
    }

    private static List<String> viewer() {
        List<String> out = new ArrayList<>();
        for (String r : List.of("flink.apache.org/flinkdeployments", "flink.apache.org/flinksessionjobs",
                "flink.apache.org/flinkstatesnapshots", "core/pods", "core/events")) {
            for (String verb : List.of("get", "list", "watch")) out.add(r + " " + verb);
        }
        out.add("core/pods/log get");
        return out;
    }
}
