package io.flinkops.source;

import org.eclipse.jgit.util.FS;

import java.io.File;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where Git's system-wide configuration lies, found without running {@code git}. JGit asks the installed Git
 * ({@code git --version}, then {@code git config --system --show-origin --list}): two processes on every run, a
 * noticeable share of a pre-commit check (docs/performance.md). flinkops reads the repo's config and the user's
 * (~/.gitconfig, the XDG one) as JGit always does; for the system file it takes, like git:
 * {@code GIT_CONFIG_NOSYSTEM} (none), {@code GIT_CONFIG_SYSTEM}, else {@code /etc/gitconfig} where it exists.
 * Where none of these applies (a Git built with another prefix, Homebrew's say), JGit's own discovery runs as before.
 */
final class GitSystemConfig {
    private static final AtomicBoolean SET = new AtomicBoolean();

    private GitSystemConfig() {
    }

    static void locateWithoutRunningGit() {
        if (!SET.compareAndSet(false, true)) return;
        File file = choose(System.getenv("GIT_CONFIG_NOSYSTEM"), System.getenv("GIT_CONFIG_SYSTEM"), new File("/etc/gitconfig"));
        if (file != null) FS.DETECTED.setGitSystemConfig(file);
    }

    /** The file to read, or null to leave the choice to JGit's discovery. */
    static File choose(String noSystem, String system, File etc) {
        // JGit itself skips the system file when GIT_CONFIG_NOSYSTEM is set, before asking for its location.
        if (noSystem != null && !noSystem.isEmpty()) return null;
        if (system != null && !system.isEmpty()) return new File(system);
        return etc.isFile() ? etc : null;
    }
}
