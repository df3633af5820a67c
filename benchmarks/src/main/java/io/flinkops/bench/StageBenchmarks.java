package io.flinkops.bench;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostics;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.load.LoadedRepo;
import io.flinkops.load.Loader;
import io.flinkops.plan.Planner;
import io.flinkops.plan.RepoPlan;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.Renderer;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.resolve.Resolver;
import io.flinkops.schema.SchemaResults;
import io.flinkops.source.SourceException;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.Rules;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JMH benchmarks of the compiler's stages, in the order {@link Compiler#compile} runs them: load → schema →
 * resolve → plan → validate → render, then emit (issue 6: where does the time go?).
 *
 * <p>Each benchmark runs one stage on the output of the stages before it, which its state computes once per trial
 * from a repo of {@link RepoGenerator} (seed 1), committed with Git as benchmarks/run.sh does. {@code compile} is
 * the whole facade, for comparing with the sum of the stages. Sizes are JMH parameters:
 * {@code java -jar benchmarks/target/flinkops-benchmarks.jar StageBenchmarks -p deployments=10000}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
public class StageBenchmarks {

    /** A generated, committed config repo in a temporary directory, deleted after the trial. */
    @State(Scope.Benchmark)
    public static class GeneratedRepo {
        @Param("1000")
        public int deployments;

        @Param("100")
        public int namespaces;

        Path root;
        Path repo;

        @Setup(Level.Trial)
        public void generate() throws IOException, GitAPIException {
            root = Files.createTempDirectory("flinkops-jmh-");
            repo = root.resolve("repo");
            new RepoGenerator(deployments, namespaces, 1).writeTo(repo);
            // A fixed identity and date: the commit id reaches the rendered objects, so it stays the same per size.
            PersonIdent bench = new PersonIdent("bench", "bench@example.invalid", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("base").setAuthor(bench).setCommitter(bench).setSign(false).call();
            }
        }

        /** A new source each time, as each CLI process opens one: listing the files is part of loading. */
        SourceTree source() throws SourceException {
            return Sources.workingTree(repo);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            deleteTree(root);
        }
    }

    /** The input of the schema and resolve stages: the loaded documents, and those the schemas reject. */
    @State(Scope.Benchmark)
    public static class Loaded {
        LoadedRepo loaded;
        SchemaResults schema;

        @Setup(Level.Trial)
        public void load(GeneratedRepo repo) throws SourceException {
            Diagnostics diagnostics = new Diagnostics();
            loaded = new Loader().load(repo.source(), diagnostics);
            schema = SchemaResults.check(loaded, diagnostics);
            requireNoErrors(diagnostics, "load and schema");
        }
    }

    /** The input of the plan stage. */
    @State(Scope.Benchmark)
    public static class Resolved {
        ResolvedRepo resolved;

        @Setup(Level.Trial)
        public void resolve(Loaded in) {
            Diagnostics diagnostics = new Diagnostics();
            resolved = Resolver.resolve(in.schema, diagnostics);
            requireNoErrors(diagnostics, "resolve");
        }
    }

    /** The input of the validate and render stages. */
    @State(Scope.Benchmark)
    public static class Planned {
        RepoPlan plan;
        RenderContext context;

        @Setup(Level.Trial)
        public void plan(Loaded loaded, Resolved in) {
            plan = Planner.plan(in.resolved);
            Diagnostics diagnostics = new Diagnostics();
            Rules.check(plan, new RuleContext(diagnostics));
            requireNoErrors(diagnostics, "validate");
            context = new RenderContext(Optional.empty());
        }
    }

    /** The input of the emit stage. */
    @State(Scope.Benchmark)
    public static class Rendered {
        RenderOutput output;

        @Setup(Level.Trial)
        public void render(Planned in) {
            output = new Renderer().render(in.plan, in.context);
        }
    }

    /**
     * A directory that does not exist yet, as for a first {@code render --out}; removed after each call, untimed,
     * so that deleting the previous output is not part of the figure.
     */
    @State(Scope.Thread)
    public static class NewOutputDirectory {
        Path out;

        @Setup(Level.Trial)
        public void choose(GeneratedRepo repo) {
            out = repo.root.resolve("out");
        }

        @TearDown(Level.Invocation)
        public void delete() throws IOException {
            deleteTree(out);
        }
    }

    @Benchmark
    public LoadedRepo load(GeneratedRepo repo) throws SourceException {
        return new Loader().load(repo.source(), new Diagnostics());
    }

    @Benchmark
    public SchemaResults schema(Loaded in) {
        return SchemaResults.check(in.loaded, new Diagnostics());
    }

    @Benchmark
    public ResolvedRepo resolve(Loaded in) {
        return Resolver.resolve(in.schema, new Diagnostics());
    }

    @Benchmark
    public RepoPlan plan(Resolved in) {
        return Planner.plan(in.resolved);
    }

    @Benchmark
    public Diagnostics validate(Planned in) {
        Diagnostics diagnostics = new Diagnostics();
        Rules.check(in.plan, new RuleContext(diagnostics));
        return diagnostics;
    }

    @Benchmark
    public RenderOutput render(Planned in) {
        return new Renderer().render(in.plan, in.context);
    }

    /** The emitted files as text, in memory: the YAML serialisation and the layout. */
    @Benchmark
    public Object emit(Rendered in) {
        return ManifestWriter.files(in.output);
    }

    /** What `flinkops render --out` does after compiling: the files written to disk (a new directory). */
    @Benchmark
    public Path emitToDisk(Rendered in, NewOutputDirectory dir) throws ManifestWriter.OutputDirectoryException {
        ManifestWriter.write(in.output, dir.out);
        return dir.out;
    }

    /** The whole facade (load to render, no emit), for comparing with the sum of the stages. */
    @Benchmark
    public Compilation compile(GeneratedRepo repo) throws SourceException {
        return new Compiler().compile(repo.source());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A stage that reports errors takes other paths; measuring those would be measuring the wrong thing. */
    private static void requireNoErrors(Diagnostics diagnostics, String stage) {
        if (diagnostics.hasErrors()) {
            throw new IllegalStateException("the generated repo has errors after " + stage + ":\n"
                    + diagnostics.sorted().stream().limit(20).map(Object::toString).collect(Collectors.joining("\n")));
        }
    }
}
