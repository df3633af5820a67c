package io.flinkops.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which namespace members reach beyond one team (docs/security.md): a wildcard, which some authorizers and
 * CODEOWNERS read as "anyone"; and Kubernetes' own principals ({@code system:} users and groups), which stand for
 * every user, every anonymous request, every service account or the cluster administrators. None is bound unless the
 * Repository policy lists it in {@code allowedRbacSubjects}, except the one VVP itself uses: {@code system:authenticated}
 * as a viewer (read-only, as in VVP).
 */
public final class RbacSubjects {
    /** VVP's member for every user who can log in. */
    public static final String AUTHENTICATED = "system:authenticated";

    private RbacSubjects() {
    }

    /**
     * Why {@code member} may not be bound in {@code role} (viewer, editor, owner), or empty when it may.
     *
     * @param allowed the policy's {@code allowedRbacSubjects}, compared as written
     */
    public static Optional<String> problem(String member, String role, List<String> allowed) {
        if (member == null || allowed.contains(member)) return Optional.empty();
        String name = member.startsWith("user:") ? member.substring(5) : member.startsWith("group:") ? member.substring(6) : member;
        if (name.contains("*")) {
            return Optional.of("is a wildcard: RBAC would bind the literal name `" + name
                    + "`, other authorizers and the CODEOWNERS fragment would read it as anyone");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("system:")) return Optional.empty();
        if (lower.equals(AUTHENTICATED)) {
            return "viewer".equals(role) ? Optional.empty()
                    : Optional.of("is every authenticated user and every service account of every namespace, which would all get the `"
                    + role + "` role");
        }
        return Optional.of(switch (lower) {
            case "system:unauthenticated", "system:anonymous" -> "is every anonymous request to the API server";
            case "system:masters" -> "is the cluster administrators' group, which no namespace role should name";
            case "system:serviceaccounts" -> "is every service account of every namespace";
            case "system:nodes" -> "is every node of the cluster";
            default -> lower.startsWith("system:serviceaccount:") || lower.startsWith("system:serviceaccounts:")
                    ? "is a service account principal, which a workload of another namespace may hold"
                    : "is a Kubernetes system principal, not a team member";
        });
    }
}
