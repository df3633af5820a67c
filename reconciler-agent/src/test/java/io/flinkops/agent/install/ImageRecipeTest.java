package io.flinkops.agent.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flinkops.agent.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The image recipe (reconciler-agent/Dockerfile) and its CI workflow, checked as far as a machine without a Docker
 * engine can: the jar the Dockerfile copies is the one the pom's shade plugin makes, with the agent's Main-Class; the
 * image's user and port are the ones the install manifests run it with; the build context keeps old jars out.
 */
class ImageRecipeTest {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path DOCKERFILE = MODULE.resolve("Dockerfile");

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    static List<String> instructions() throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) continue;
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            out.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        return out;
    }

    /** The instructions of the last stage (what the image is). */
    static List<String> finalStage() throws Exception {
        List<String> all = instructions();
        int from = 0;
        for (int i = 0; i < all.size(); i++) if (all.get(i).startsWith("FROM ")) from = i;
        return all.subList(from, all.size());
    }

    static String one(List<String> instructions, String keyword) {
        List<String> found = instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
        assertEquals(1, found.size(), () -> "one " + keyword + " in the image's stage: " + found);
        return found.get(0).substring(keyword.length() + 1);
    }

    /** The shade plugin's configuration in reconciler-agent/pom.xml: the runnable jar's name and Main-Class. */
    static String[] shadedJar() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(MODULE.resolve("pom.xml").toFile());
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if (!text(p, "artifactId").equals("maven-shade-plugin")) continue;
            return new String[]{text(p, "finalName") + ".jar", text(p, "mainClass")};
        }
        throw new AssertionError("reconciler-agent/pom.xml has no maven-shade-plugin");
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
    }

    @Test
    void theImageShipsTheShadedJarAndStartsTheAgentsMain() throws Exception {
        String[] shaded = shadedJar();
        assertEquals(Main.class.getName(), shaded[1], "the shaded jar's Main-Class is the agent's entry point");
        Method main = Main.class.getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(main.getModifiers()));

        List<String> all = instructions();
        String workdir = one(all.subList(0, all.indexOf(finalStage().get(0))), "WORKDIR");
        assertTrue(all.contains("COPY . ."), "the build stage builds from the whole repository (the parent pom lists every module)");
        String build = all.stream().filter(i -> i.startsWith("RUN ") && i.contains("mvn ")).findFirst().orElseThrow();
        assertTrue(build.contains("-pl reconciler-agent -am package"), build);
        assertTrue(build.contains("java -jar reconciler-agent/target/" + shaded[0] + " --help"), "the build proves the jar starts: " + build);

        String copy = finalStage().stream().filter(i -> i.startsWith("COPY --from=build ") && i.endsWith(".jar")).findFirst().orElseThrow();
        String[] parts = copy.split(" ");
        assertEquals(workdir + "/reconciler-agent/target/" + shaded[0], parts[parts.length - 2], "the jar the pom's shade plugin makes");
        String jarInImage = parts[parts.length - 1];
        String entrypoint = one(finalStage(), "ENTRYPOINT");
        assertTrue(entrypoint.contains("\"-jar\", \"" + jarInImage + "\""), entrypoint);
        assertTrue(Files.isRegularFile(MODULE.resolve("Dockerfile.dockerignore")));
        List<String> ignored = Files.readAllLines(MODULE.resolve("Dockerfile.dockerignore"));
        assertTrue(ignored.contains("**/target") && ignored.contains(".git"), "a jar built on the host never enters the image");
    }

    @Test
    void theImageRunsAsTheUserAndOnThePortTheInstallExpects() throws Exception {
        JsonNode deployment = new YAMLMapper().readTree(MODULE.resolve("deploy/base/deployment.yaml").toFile());
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        String user = one(finalStage(), "USER");
        assertTrue(user.matches("\\d+:\\d+"), "a numeric user and group, so runAsNonRoot can check it: " + user);
        assertNotEquals("0", user.split(":")[0]);
        assertEquals(user, pod.path("securityContext").path("runAsUser").asText() + ":" + pod.path("securityContext").path("runAsGroup").asText(),
                "the Deployment runs as the image's user");
        assertTrue(instructions().stream().anyMatch(i -> i.startsWith("COPY --from=build --chown=" + user + " ") && i.endsWith(" /var/lib/flinkops-agent")),
                "the default work directory belongs to that user");
        int port = -1;
        for (JsonNode p : pod.path("containers").get(0).path("ports")) if (p.path("name").asText().equals("http")) port = p.path("containerPort").asInt();
        assertEquals(String.valueOf(port), one(finalStage(), "EXPOSE"));
    }

    @Test
    void theCiWorkflowTestsThenBuildsThisDockerfile() throws Exception {
        JsonNode workflow = new YAMLMapper().readTree(MODULE.resolve("deploy/ci/build-agent-image.yml").toFile());
        List<String> runs = new ArrayList<>();
        JsonNode push = null;
        for (JsonNode step : workflow.path("jobs").path("image").path("steps")) {
            if (step.has("run")) runs.add(step.path("run").asText());
            if (step.path("uses").asText().startsWith("docker/build-push-action")) push = step.path("with");
        }
        assertNotNull(push, "a docker/build-push-action step");
        assertEquals("reconciler-agent/Dockerfile", push.path("file").asText());
        assertEquals(".", push.path("context").asText(), "the Dockerfile builds from the repository's top folder");
        assertTrue(Files.isRegularFile(MODULE.getParent().resolve(push.path("file").asText())), "the workflow's Dockerfile exists");
        assertTrue(runs.stream().anyMatch(r -> r.contains("mvn ") && r.contains("reconciler-agent") && r.contains("verify")), "tests run before the image is pushed: " + runs);
    }

    /**
     * The jar itself, when a `mvn package` has made it (the test phase runs before package, so a plain `mvn verify`
     * skips this one and says so; the Dockerfile's own build runs the jar anyway).
     */
    @Test
    void aPackagedJarHasTheAgentsMainClass() throws Exception {
        String[] shaded = shadedJar();
        Path jar = MODULE.resolve("target").resolve(shaded[0]);
        Assumptions.assumeTrue(Files.isRegularFile(jar), "target/" + shaded[0] + " does not exist (run `mvn package` first): its Main-Class was not checked");
        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals(shaded[1], f.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(f.getEntry(Main.class.getName().replace('.', '/') + ".class"));
            // fabric8 finds its HTTP client, and JGit its ssh transport, through ServiceLoader: the shaded jar keeps the service files.
            assertNotNull(f.getEntry("META-INF/services/io.fabric8.kubernetes.client.http.HttpClient$Factory"));
            assertNotNull(f.getEntry("META-INF/services/org.eclipse.jgit.transport.SshSessionFactory"));
        }
    }
}
