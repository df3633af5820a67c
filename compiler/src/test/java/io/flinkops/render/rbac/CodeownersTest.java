package io.flinkops.render.rbac;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeownersTest {
    @TempDir
    Path repo;

    @Test
    void examplesRepo() throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(TestRepos.examplesRepo()));
        assertTrue(c.output().isPresent(), () -> c.diagnostics().sorted().toString());
        assertEquals(Codeowners.render(c.repo()), c.output().get().codeowners());
        Approvals.verify(c.output().get().codeowners());
    }

    @Test
    void membersBecomeGitHubOwnersOnlyWhenGitHubCanKnowThem() {
        assertEquals(Optional.of("alice@acme.io"), Codeowners.handle("user:alice@acme.io", null));
        assertEquals(Optional.of("@alice-b"), Codeowners.handle("user:alice-b", null));
        assertEquals(Optional.of("@acme/payments-leads"), Codeowners.handle("group:payments-leads", "acme"));
        assertEquals(Optional.of("@other/leads"), Codeowners.handle("group:other/leads", "acme"));
        assertEquals(Optional.of("@other/leads"), Codeowners.handle("group:other/leads", null));
        for (String member : List.of("group:payments-leads", "system:authenticated", "user:Alice Smith", "user:-alice",
                "user:alice\n/ @evil", "user:alice @evil", "group:a/b/c", "group:#x", "user:", "group:")) {
            assertEquals(Optional.empty(), Codeowners.handle(member, null), member);
        }
        assertEquals(Optional.empty(), Codeowners.handle("group:leads\n* @evil", "acme"));
    }

    @Test
    void ownersAloneOwnMembersDefaultsAndTargetsAndViewersAreNoCodeOwners() throws Exception {
        base();
        write("namespaces/team/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team
                spec:
                  roleBindings:
                    - role: owner
                      members: ["user:owner@example.com", "group:leads", "system:authenticated"]
                    - role: editor
                      members: ["user:dev", "group:devs", "user:owner@example.com", "user:evil\\t@mallory", "user:alice @evil"]
                    - role: viewer
                      members: ["user:watcher", "group:readers"]
                """);
        // A namespace without editors may keep its targets in any file (FO213 needs editors); one CODEOWNERS cannot
        // name is said so.
        write("namespaces/solo/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: solo
                spec:
                  roleBindings:
                    - role: owner
                      members: ["user:solo@example.com"]
                """);
        write("namespaces/solo/more/extra targets.yaml", """
                apiVersion: v1
                kind: DeploymentTarget
                metadata:
                  name: extra
                spec:
                  kubernetes:
                    namespace: flink-extra
                """);
        write("namespaces/solo/deployment-target.yaml", """
                apiVersion: v1
                kind: DeploymentTarget
                metadata:
                  name: solo
                spec:
                  kubernetes:
                    namespace: flink-solo
                """);
        write("namespaces/bare/targets.yaml", """
                apiVersion: v1
                kind: DeploymentTarget
                metadata:
                  name: t
                spec:
                  kubernetes:
                    namespace: flink-bare
                """);
        String codeowners = render();
        assertEquals("""

                # namespace bare
                # No namespace.yaml, so no members: the folder falls under the lines above this fragment.

                # namespace solo
                /namespaces/solo/ solo@example.com
                /namespaces/solo/namespace.yaml solo@example.com
                /namespaces/solo/defaults.yaml solo@example.com
                /namespaces/solo/targets.yaml solo@example.com
                /namespaces/solo/targets/ solo@example.com
                /namespaces/solo/session-clusters.yaml solo@example.com
                /namespaces/solo/session-clusters/ solo@example.com
                /namespaces/solo/deployment-target.yaml solo@example.com
                # A file with DeploymentTargets or SessionClusters has a name CODEOWNERS cannot match (spaces or special characters):
                # rename it to give it to the owners alone.

                # namespace team
                # Left out: system:authenticated (every user: CODEOWNERS cannot name everyone)
                # Left out: a member with characters outside printable ASCII (not a GitHub login, team or e-mail address)
                # Left out: user:alice @evil (not a GitHub login, team or e-mail address)
                /namespaces/team/ @acme/devs @acme/leads @dev owner@example.com
                /namespaces/team/namespace.yaml @acme/leads owner@example.com
                /namespaces/team/defaults.yaml @acme/leads owner@example.com
                /namespaces/team/targets.yaml @acme/leads owner@example.com
                /namespaces/team/targets/ @acme/leads owner@example.com
                /namespaces/team/session-clusters.yaml @acme/leads owner@example.com
                /namespaces/team/session-clusters/ @acme/leads owner@example.com
                """, codeowners.substring(codeowners.indexOf("\n\n# namespace ") + 1));
        assertFalse(codeowners.contains("watcher") || codeowners.contains("readers") || codeowners.contains("mallory"));
    }

    @Test
    void withoutAGitHubOrganizationGroupsAreLeftOut() throws Exception {
        base();
        Files.writeString(repo.resolve("flinkops.yaml"), Files.readString(repo.resolve("flinkops.yaml")).replace("  codeowners:\n    githubOrg: acme\n", ""));
        write("namespaces/team/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team
                spec:
                  roleBindings:
                    - role: owner
                      members: ["group:leads"]
                    - role: editor
                      members: ["user:dev"]
                """);
        String codeowners = render();
        assertTrue(codeowners.contains("# Other groups are left out: set spec.codeowners.githubOrg in flinkops.yaml"));
        assertTrue(codeowners.endsWith("""
                # namespace team
                # Left out: group:leads (no spec.codeowners.githubOrg in flinkops.yaml)
                /namespaces/team/ @dev
                # No owner GitHub knows: namespace.yaml, defaults.yaml, the targets and session clusters fall under the folder's line.
                """), codeowners);
    }

    @Test
    void aNamespaceWithoutAnyCodeOwner() throws Exception {
        base();
        write("namespaces/team/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team
                spec:
                  roleBindings:
                    - role: viewer
                      members: ["group:readers"]
                """);
        assertTrue(render().endsWith("""
                # namespace team
                # No owner or editor GitHub knows: the folder falls under the lines above this fragment.
                """));
    }

    @Test
    void theGitHubOrganizationIsCheckedByTheSchema() throws Exception {
        base();
        Files.writeString(repo.resolve("flinkops.yaml"), Files.readString(repo.resolve("flinkops.yaml")).replace("githubOrg: acme", "githubOrg: \"@acme\""));
        Compilation c = new Compiler().compile(Sources.workingTree(repo));
        assertTrue(c.output().isEmpty());
        assertEquals(List.of("flinkops.yaml /spec/codeowners/githubOrg `@acme` is not a valid value for `spec.codeowners.githubOrg`; it must be a GitHub "
                        + "organization name: letters, digits and `-`, starting and ending with a letter or digit."),
                c.diagnostics().sorted().stream().map(d -> d.location().file() + " " + d.pointer() + " " + d.message()).toList());
    }

    private void base() throws Exception {
        TestRepos.copyTree(TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input"), repo);
        // system:authenticated as an owner (FO214 otherwise) shows that CODEOWNERS leaves it out.
        Files.writeString(repo.resolve("flinkops.yaml"), Files.readString(repo.resolve("flinkops.yaml"))
                + "    allowedRbacSubjects: [\"system:authenticated\"]\n  codeowners:\n    githubOrg: acme\n");
    }

    private String render() throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(repo));
        assertTrue(c.output().isPresent(), () -> c.diagnostics().sorted().toString());
        return c.output().get().codeowners();
    }

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
