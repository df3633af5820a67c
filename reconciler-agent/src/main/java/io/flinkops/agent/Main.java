package io.flinkops.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.ClusterSteps;
import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.git.GitCredentials;
import io.flinkops.agent.kube.IgnoreDifference;
import io.flinkops.agent.kube.KubeSettings;
import io.flinkops.agent.kube.EventRecorder;
import io.flinkops.agent.kube.KubernetesSteps;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.agent.server.HealthServer;
import io.flinkops.agent.server.Metrics;
import io.flinkops.status.StatusFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * The reconciler agent's entry point. Every option can also come from an environment variable
 * ({@code --repo-url} → {@code FLINKOPS_REPO_URL}) or from a properties file given with {@code --config}
 * ({@code repo-url=…}); the command line wins over the environment, which wins over the file.
 * Exit codes are {@link ExitCode}'s, mapped here and only here: an {@link AgentConfigException} or a bad option is
 * the configuration's, I/O at startup the environment's, any other exception a bug.
 */
@Command(name = "flinkops-agent", mixinStandardHelpOptions = true,
        description = "Applies a flinkops config repo to this Kubernetes cluster and commits live status back to the repo.")
public final class Main implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file with any of these options (key = long name without --).")
    Path config;

    @Option(names = "--cluster", description = "The Repository cluster this agent applies (flinkops.yaml `clusters`).")
    String cluster;

    @Option(names = "--repo-url", description = "The config repo: file://, git://, https:// (token) or ssh:// / git@ (key).")
    String repoUrl;

    @Option(names = "--branch", defaultValue = "main", description = "The config branch (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--path", defaultValue = "", description = "The config repo's folder inside the Git repository (default: the top).")
    String path;

    @Option(names = "--status-branch", defaultValue = StatusFiles.DEFAULT_BRANCH, description = "Where status is committed (default: ${DEFAULT-VALUE}).")
    String statusBranch;

    @Option(names = "--work-dir", defaultValue = "/var/lib/flinkops-agent", description = "The agent's private Git repository (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--once", description = "Run one cycle and exit: 0 if it succeeded.")
    boolean once;

    @Option(names = "--interval", defaultValue = "60s", description = "Time between cycles, e.g. 60s, 5m (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--poll-interval", defaultValue = "15s", description = "How often to check whether the config branch moved (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--retry-attempts", defaultValue = "4", description = "Attempts of a step failing with a brief outage, within a cycle (default: ${DEFAULT-VALUE}).")
    int retryAttempts;

    @Option(names = "--retry-initial", defaultValue = "1s", description = "First backoff; doubles up to --retry-max (default: ${DEFAULT-VALUE}).")
    String retryInitial;

    @Option(names = "--retry-max", defaultValue = "15s", description = "Longest backoff (default: ${DEFAULT-VALUE}).")
    String retryMax;

    @Option(names = "--push-attempts", defaultValue = "5", description = "Status pushes to try while the status branch keeps moving (default: ${DEFAULT-VALUE}).")
    int pushAttempts;

    @Option(names = "--http-port", defaultValue = "8080", description = "Port of /healthz, /readyz and /metrics; 0 turns them off (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--leader-election", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Hold a Lease while looping, so two replicas never apply at once (default: on; --once never elects).")
    boolean leaderElection;

    @Option(names = "--allowed-namespaces", paramLabel = "GLOB[,GLOB…]",
            description = "Kubernetes namespaces the agent may write to, on top of the Repository policy. Required: an empty list allows nothing.")
    String allowedNamespaces;

    @Option(names = "--prune-when-empty", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Prune even when the desired set came out empty (default: off).")
    boolean pruneWhenEmpty;

    @Option(names = "--max-prune-share", defaultValue = "0.5", description = "Largest share of managed objects one cycle may delete (default: ${DEFAULT-VALUE}).")
    double maxPruneShare;

    @Option(names = "--prune-override", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Lift --max-prune-share for a deliberate mass removal; switch it off again afterwards.")
    boolean pruneOverride;

    @Option(names = "--compile-timeout", defaultValue = "2m",
            description = "How long the compile of one commit may take; a longer one applies nothing (reason COMPILE_TIMEOUT) (default: ${DEFAULT-VALUE}).")
    String compileTimeout;

    @Option(names = "--git-timeout", defaultValue = "30s",
            description = "How long one call to the Git remote (ls-remote, fetch, push) may wait for the connection and for each answer; "
                    + "a remote that does not answer is GIT_TIMEOUT (default: ${DEFAULT-VALUE}).")
    String gitTimeout;

    @Option(names = "--cycle-timeout", defaultValue = "10m",
            description = "A cycle's deadline: past it no further step starts and the cycle reports CYCLE_TIMEOUT (default: ${DEFAULT-VALUE}).")
    String cycleTimeout;

    @Option(names = "--kube-connect-timeout", defaultValue = "10s",
            description = "How long the Kubernetes client waits for a connection to the API server (default: ${DEFAULT-VALUE}).")
    String kubeConnectTimeout;

    @Option(names = "--kube-request-timeout", defaultValue = "15s",
            description = "How long the Kubernetes client waits for one answer of the API server (default: ${DEFAULT-VALUE}).")
    String kubeRequestTimeout;

    @Option(names = "--dry-run",
            description = "Run one cycle that compiles, asks the API server what apply and prune would change (server-side dry run), "
                    + "logs it and exits; nothing is changed on the cluster and no status is pushed. Implies --once.")
    boolean dryRun;

    @Option(names = "--ignore-differences", paramLabel = "KIND:/POINTER", split = ",(?=\\s*[A-Za-z]+:/)",
            description = "A field another controller owns, e.g. FlinkDeployment:/spec/job/parallelism: not drift, and not overwritten "
                    + "(repeatable, or comma-separated).")
    java.util.List<String> ignoreDifferences;

    @Option(names = "--lease-namespace", description = "Namespace of the Lease (default: POD_NAMESPACE, else the client's namespace).")
    String leaseNamespace;

    @Option(names = "--lease-name", description = "Name of the Lease (default: flinkops-agent-<cluster>).")
    String leaseName;

    @Option(names = "--shutdown-grace", defaultValue = "20s",
            description = "On SIGTERM, how long the current cycle may take to finish before it is abandoned; then the Lease is released "
                    + "(default: ${DEFAULT-VALUE}). Keep it below the pod's terminationGracePeriodSeconds.")
    String shutdownGrace;

    private final Map<String, String> env;
    private final BiFunction<KubernetesClient, AgentSettings, ClusterSteps> stepsFactory;
    private final PrintStream out;
    /** Where the agent's lines go: stdout through log4j2.xml in the real process, the caller's stream in a test. */
    private JsonLog log;

    Main(Map<String, String> env, BiFunction<KubernetesClient, AgentSettings, ClusterSteps> stepsFactory, PrintStream out) {
        this.env = env;
        this.stepsFactory = stepsFactory;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Main::kubernetesSteps, System.out, JsonLog.stdout()));
    }

    /** The real Kubernetes side of the cycle, with the agent's safety settings. */
    static ClusterSteps kubernetesSteps(KubernetesClient client, AgentSettings s) {
        // Events on what it writes, so `kubectl describe` tells the story; one that cannot be recorded is logged.
        JsonLog log = JsonLog.stdout();
        EventRecorder events = new EventRecorder(client, Clock.systemUTC(), s.identity(), message -> log.warn(message, "reason", "EVENT_NOT_RECORDED"));
        return new KubernetesSteps(client, new KubeSettings(s.allowedNamespaces(), s.pruneWhenEmpty(), s.maxPruneShare(), s.pruneOverride(),
                s.ignoreDifferences(), s.dryRun()), Clock.systemUTC(), java.util.Optional.of(events));
    }

    /**
     * The Kubernetes client's configuration: found as kubectl finds it (in-cluster, {@code KUBECONFIG},
     * {@code ~/.kube/config}), with the agent's timeouts set explicitly and the client's own retries off. The cycle
     * retries with its own backoff and reasons; the client's retries (10 by default, with doubling waits) would hide
     * an unreachable API server behind minutes of silence, inside every single call.
     */
    static io.fabric8.kubernetes.client.Config kubeConfig(AgentSettings s) {
        return new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.autoConfigure(null))
                .withConnectionTimeout(millis(s.kubeConnectTimeout()))
                .withRequestTimeout(millis(s.kubeRequestTimeout()))
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /** Runs the agent with {@code args}; returns the exit code. Tests pass their own steps and environment. */
    public static int run(String[] args, Map<String, String> env, BiFunction<KubernetesClient, AgentSettings, ClusterSteps> steps, PrintStream out) {
        return run(args, env, steps, out, JsonLog.to(out));
    }

    /** As {@link #run(String[], Map, BiFunction, PrintStream)}, the agent's log lines going to {@code log}. */
    static int run(String[] args, Map<String, String> env, BiFunction<KubernetesClient, AgentSettings, ClusterSteps> steps, PrintStream out, JsonLog log) {
        Main main = new Main(env, steps, out);
        main.log = log;
        CommandLine cli = new CommandLine(main);
        try {
            cli.setDefaultValueProvider(defaults(args, env));
        } catch (AgentConfigException e) {
            return exit(e, log, env).code();
        }
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(out, true));
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.CONFIG.code());
        cli.setExecutionExceptionHandler((e, c, p) -> exit(e, log, env).code());
        return cli.execute(args);
    }

    /** Logs why the agent stops on {@code e}, and with which exit code. */
    static ExitCode exit(Exception e, JsonLog log, Map<String, String> env) {
        GitCredentials redactor = credentialsOrNone(env);
        if (e instanceof AgentConfigException) {
            log.error(redactor.redact(e.getMessage()), "exitCode", ExitCode.CONFIG.code());
            return ExitCode.CONFIG;
        }
        if (e instanceof IOException || e instanceof java.io.UncheckedIOException || e instanceof KubernetesClientException) {
            log.error("The agent could not start: " + redactor.redact(String.valueOf(e.getMessage())) + ". Check its work directory, "
                    + "its Kubernetes credentials and its HTTP port.", "exitCode", ExitCode.FAILED.code());
            return ExitCode.FAILED;
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        log.error("Internal error: " + redactor.redact(e.toString()) + ". This is a bug in the flinkops agent; please report it with this line.",
                "exitCode", ExitCode.INTERNAL.code(), "stackTrace", redactor.redact(trace.toString()));
        return ExitCode.INTERNAL;
    }

    /** What redacts the messages logged on the way out: URL user info, and the Git token when one is configured. */
    private static GitCredentials credentialsOrNone(Map<String, String> env) {
        try {
            return GitCredentials.fromEnvironment(env);
        } catch (IOException | RuntimeException e) {
            return GitCredentials.none();
        }
    }

    /** Environment first, then the --config file (found before parsing), then the option's own default. */
    static CommandLine.IDefaultValueProvider defaults(String[] args, Map<String, String> env) throws AgentConfigException {
        String file = env.get("FLINKOPS_CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) file = args[i + 1];
            else if (args[i].startsWith("--config=")) file = args[i].substring("--config=".length());
        }
        Properties props = new Properties();
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                props.load(in);
            } catch (IOException | RuntimeException e) {
                throw new AgentConfigException("Cannot read the agent's config file " + file + ": " + e.getMessage() + ". Check --config.", e);
            }
        }
        return arg -> {
            if (!(arg instanceof CommandLine.Model.OptionSpec o)) return null;
            String key = o.longestName().replaceFirst("^--", "");
            String envName = "FLINKOPS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
            if (env.get(envName) != null) return env.get(envName);
            if (props.getProperty(key) != null) return props.getProperty(key);
            return o.defaultValue();
        };
    }

    static java.util.List<String> namespaces(String list) {
        if (list == null) return java.util.List.of();
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    public static Duration duration(String s, String option) throws AgentConfigException {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT));
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new AgentConfigException(option + " `" + s + "` is not a duration. Write it like 30s, 5m, 1h or 500ms.");
        }
    }

    AgentSettings settings() throws AgentConfigException {
        if (cluster == null || cluster.isBlank()) {
            throw new AgentConfigException("No cluster is configured. Set --cluster or FLINKOPS_CLUSTER to a cluster of flinkops.yaml.");
        }
        if (repoUrl == null || repoUrl.isBlank()) {
            throw new AgentConfigException("No config repo is configured. Set --repo-url or FLINKOPS_REPO_URL.");
        }
        if (!(maxPruneShare >= 0 && maxPruneShare <= 1)) {
            throw new AgentConfigException("--max-prune-share must be between 0 and 1 (a share of the managed objects), was " + maxPruneShare + ".");
        }
        GitCredentials credentials;
        try {
            credentials = GitCredentials.fromEnvironment(env);
        } catch (IOException e) {
            throw new AgentConfigException("Cannot read the Git token file " + env.get(GitCredentials.ENV_TOKEN_FILE) + ": " + e.getMessage()
                    + ". Check " + GitCredentials.ENV_TOKEN_FILE + " and the mounted Secret.", e);
        }
        java.util.List<IgnoreDifference> ignored = new java.util.ArrayList<>();
        for (String i : ignoreDifferences == null ? java.util.List.<String>of() : ignoreDifferences) {
            try {
                ignored.add(IgnoreDifference.parse(i));
            } catch (IllegalArgumentException e) {
                throw new AgentConfigException("--ignore-differences " + e.getMessage() + ".");
            }
        }
        String identity = Leadership.identity(env);
        return new AgentSettings(cluster, repoUrl, branch, path, statusBranch, workDir,
                duration(interval, "--interval"), duration(poll, "--poll-interval"),
                new Backoff(Math.max(1, retryAttempts), duration(retryInitial, "--retry-initial"), duration(retryMax, "--retry-max")),
                pushAttempts, httpPort, leaderElection && !once && !dryRun,
                leaseNamespace != null ? leaseNamespace : env.get("POD_NAMESPACE"),
                leaseName != null ? leaseName : "flinkops-agent-" + cluster, identity,
                credentials, namespaces(allowedNamespaces), pruneWhenEmpty, maxPruneShare, pruneOverride, positive(compileTimeout, "--compile-timeout"),
                positive(gitTimeout, "--git-timeout"), positive(cycleTimeout, "--cycle-timeout"),
                positive(kubeConnectTimeout, "--kube-connect-timeout"), positive(kubeRequestTimeout, "--kube-request-timeout"),
                ignored, dryRun);
    }

    /**
     * Where the Lease of leader election lives: --lease-namespace, else the namespace of the client's configuration
     * (POD_NAMESPACE in the install, or the kubeconfig context's). Without either, a configuration error (exit 2), not
     * a crash.
     */
    static String leaseNamespace(String option, String clientNamespace) throws AgentConfigException {
        String ns = option != null && !option.isBlank() ? option : clientNamespace;
        if (ns == null || ns.isBlank()) {
            throw new AgentConfigException("Leader election needs a Kubernetes namespace for its Lease, and none is configured. "
                    + "Set --lease-namespace (FLINKOPS_LEASE_NAMESPACE), or POD_NAMESPACE as the install does, or a namespace in the "
                    + "kubeconfig context; or run with --once.");
        }
        return ns;
    }

    private static Duration positive(String s, String option) throws AgentConfigException {
        Duration d = duration(s, option);
        if (d.isNegative() || d.isZero()) throw new AgentConfigException(option + " must be longer than zero, was `" + s + "`.");
        return d;
    }

    @Override
    public Integer call() throws Exception {
        AgentSettings s = settings();
        Duration grace = positive(shutdownGrace, "--shutdown-grace");
        Clock clock = Clock.systemUTC();
        JsonLog log = this.log != null ? this.log : JsonLog.to(out);
        Metrics metrics = new Metrics(s.cluster());
        // JGit's ssh transport bounds the connect with the Git timeout but waits for the server's authentication with
        // Apache MINA sshd's own timeout (2 minutes); sshd reads it from this system property (process-wide).
        if (System.getProperty(SSHD_AUTH_TIMEOUT) == null) System.setProperty(SSHD_AUTH_TIMEOUT, Long.toString(s.gitTimeout().toMillis()));
        ConfigRepo.Options gitOptions = new ConfigRepo.Options(s.gitTimeout(), what -> log.warn("work directory repaired: " + what,
                "reason", Reason.WORK_DIR_REPAIRED.name(), "workDir", s.workDir().toString()));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kubeConfig(s)).build();
             ConfigRepo repo = ConfigRepo.open(s.workDir(), s.repoUrl(), s.branch(), s.path(), s.statusBranch(), s.credentials(), gitOptions)) {
            ClusterSteps steps = stepsFactory.apply(client, s);
            Cycle cycle = new Cycle(s.cluster(), repo, steps, new StatusRecorder(repo, s.cluster(), s.pushAttempts()), s.retry(),
                    Backoff.Sleeper.REAL, clock, s.compileTimeout()).withTimeout(s.cycleTimeout());
            AgentLoop loop = new AgentLoop(cycle, repo, metrics, log, clock, s.interval(), s.poll(),
                    s.retry().max().multipliedBy(2));
            log.info("agent starting", "cluster", s.cluster(), "repo", repo.displayUrl(), "branch", s.branch(), "path", s.path(),
                    "statusBranch", s.statusBranch(), "once", once, "leaderElection", s.leaderElection(), "credentials", s.credentials().toString(),
                    "allowedNamespaces", s.allowedNamespaces(), "pruneWhenEmpty", s.pruneWhenEmpty(), "maxPruneShare", s.maxPruneShare(),
                    "pruneOverride", s.pruneOverride(), "compileTimeout", s.compileTimeout().toString(), "gitTimeout", s.gitTimeout().toString(),
                    "cycleTimeout", s.cycleTimeout().toString(), "apiServer", String.valueOf(client.getMasterUrl()),
                    "ignoreDifferences", s.ignoreDifferences().stream().map(Object::toString).toList(), "dryRun", s.dryRun());
            if (s.allowedNamespaces().isEmpty()) {
                log.warn("no --allowed-namespaces: the agent will refuse to write to any Kubernetes namespace; set FLINKOPS_ALLOWED_NAMESPACES");
            }
            if (once || s.dryRun()) {
                metrics.leader(true);
                CycleReport report = loop.runOnce();
                return (report.succeeded() ? ExitCode.OK : ExitCode.FAILED).code();
            }
            ApiReachability api = new ApiReachability(client, log, Duration.ofSeconds(1), Duration.ofSeconds(30), Backoff.Sleeper.REAL);
            // A cycle past its deadline still finishes the step it is in (bounded by that step's calls' timeouts).
            Duration liveness = s.interval().plus(s.poll()).multipliedBy(3).plus(Duration.ofMinutes(5)).plus(s.cycleTimeout());
            String ns = s.leaderElection() ? leaseNamespace(s.leaseNamespace(), client.getNamespace()) : null;
            Leadership.Timing timing = Leadership.Timing.DEFAULT;
            AgentLifecycle lifecycle = new AgentLifecycle(loop,
                    s.leaderElection() ? listener -> new Leadership(client, ns, s.leaseName(), s.identity(), timing, clock, listener) : null,
                    metrics, log, clock, liveness, timing.electionLiveness(),
                    // Lost the Lease: halt without shutdown hooks, at once; there is nothing to release and another replica may apply.
                    () -> Runtime.getRuntime().halt(ExitCode.FAILED.code()));
            if (s.leaderElection()) log.info("leader election", "lease", ns + "/" + s.leaseName(), "identity", s.identity());
            // SIGTERM (a rolling update, a drain): finish or abandon the cycle, then release the Lease (AgentLifecycle).
            Thread hook = new Thread(() -> lifecycle.shutdown(grace), "flinkops-agent-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            HealthServer http = s.httpPort() > 0 ? new HealthServer(new InetSocketAddress(s.httpPort()),
                    // Waiting for the API server is what the agent should do then, not a hang: stay live.
                    () -> lifecycle.healthy() || api.notReady() != null,
                    () -> api.notReady() != null ? Optional.of(api.notReady()) : lifecycle.notReady(),
                    () -> lifecycle.role().label(), metrics.registry()) : null;
            try {
                try {
                    api.await();
                } catch (InterruptedException e) {
                    log.warn("stopped while waiting for the Kubernetes API at " + api.apiServer());
                    return ExitCode.FAILED.code();
                }
                return (lifecycle.run() ? ExitCode.OK : ExitCode.FAILED).code();
            } finally {
                lifecycle.shutdown(grace); // a loop that ended on its own still releases the Lease; no-op after the hook
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is running
                }
                if (http != null) http.close();
            }
        }
    }

    /** Apache MINA sshd's client authentication timeout, in ms, as a system property. */
    static final String SSHD_AUTH_TIMEOUT = "org.apache.sshd.config.auth-timeout";
}
