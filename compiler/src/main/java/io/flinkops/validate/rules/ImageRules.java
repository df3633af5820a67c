package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.model.Artifact;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkImage;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.ImageReference;
import io.flinkops.model.RepositorySpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.pods.PodImages;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * FO603–FO604: the Flink image of every application-mode Deployment (effective spec) and SessionCluster is a
 * well-formed reference from an allowed registry, and so are the Repository's {@code defaultImages}. With no
 * image field set, the default image of the Flink version runs: a {@code defaultImages} entry (checked once,
 * in flinkops.yaml) or the built-in Docker Hub image, whose registry the policy must allow as well.
 *
 * <p>So is every other image their pods pull ({@link PodImages}: sidecars, init and ephemeral containers, image
 * volumes), on the effective spec: an image in a template from a defaults file is reported there, once (the
 * diagnostics of all Deployments inheriting it are the same one).
 */
public final class ImageRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_IMAGE, Code.REGISTRY_NOT_ALLOWED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        RepositorySpec settings = repo.settings();
        repo.repository().filter(Resolved::isTyped).ifPresent(r -> checkDefaultImages(context, r));
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (!d.isTyped() || d.spec().sessionClusterName() != null) continue;
                Artifact a = d.spec().templateSpec().artifact();
                if (a == null) continue;
                Fields f = new Fields(DeploymentSpec.IMAGE_REGISTRY, DeploymentSpec.IMAGE_REPOSITORY, DeploymentSpec.IMAGE_TAG);
                checkImage(context, d, f, new FlinkImage(a.flinkImageRegistry(), a.flinkImageRepository(), a.flinkImageTag()),
                        a.flinkVersion(), settings);
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                if (!c.isTyped()) continue;
                SessionClusterSpec s = c.spec();
                Fields f = new Fields(SessionClusterSpec.IMAGE_REGISTRY, SessionClusterSpec.IMAGE_REPOSITORY, SessionClusterSpec.IMAGE_TAG);
                checkImage(context, c, f, new FlinkImage(s.flinkImageRegistry(), s.flinkImageRepository(), s.flinkImageTag()),
                        s.flinkVersion(), settings);
            }
        }
        plan.clusters().forEach(p -> {
            for (PodImages.PodImage image : PodImages.of(p.cluster().orElseThrow().kubernetes())) {
                checkPodImage(context, p.source(), p.fields().kubernetes().resolve(image.pointer()), image, settings);
            }
        });
    }

    // ---- the other images of the pods

    /** A reference Kubernetes could not pull, and why. */
    private record Malformed(String reason, String hint) {
    }

    private static void checkPodImage(RuleContext context, Resolved<?> r, FieldPath pointer, PodImages.PodImage image, RepositorySpec settings) {
        String written = image.reference();
        if (written.isBlank()) {
            context.report(Code.INVALID_IMAGE, r, pointer, "The image of " + image.pulledBy() + " is empty.",
                    "Name the image to run, with a tag, e.g. `registry.acme.io/tools/busybox:1.36`.");
            return;
        }
        Malformed malformed = malformed(written);
        if (malformed != null) {
            context.report(Code.INVALID_IMAGE, r, pointer,
                    "Image `" + written + "` of " + image.pulledBy() + " is not a valid image reference: " + malformed.reason() + ".", malformed.hint());
            return;
        }
        ImageReference reference = ImageReference.parse(written);
        List<String> allowed = allowedRegistries(settings);
        if (allowed.isEmpty() || allowed.stream().anyMatch(reference::allowedBy)) return;
        String name = reference.fullName();
        context.report(Code.REGISTRY_NOT_ALLOWED, r, pointer,
                "Image `" + written + "`" + (written.startsWith(name) ? "" : " (`" + name + "`)") + " of " + image.pulledBy()
                        + " is not from a registry in `policy.allowedImageRegistries` (" + Phrases.list(allowed) + ").",
                "Use an image from an allowed registry (a mirror of it there, for example), or ask the platform team to allow `"
                        + reference.effectiveRegistry() + "` in flinkops.yaml.");
    }

    /** Why a container's image is not a reference Kubernetes can pull; null when it is one. */
    private static Malformed malformed(String written) {
        if (!written.equals(written.strip())) {
            return new Malformed("it has blanks around it", "Remove them: Kubernetes refuses an image with leading or trailing blanks.");
        }
        if (written.contains("://")) {
            return new Malformed("an image is not a URL", "Write it without `" + written.substring(0, written.indexOf("://") + 3) + "`, e.g. `registry.acme.io/tools/busybox:1.36`.");
        }
        ImageReference reference = ImageReference.parse(written);
        // Host names are case-insensitive (registry hosts are compared in lower case), repositories are not.
        if (reference.registry() != null && !FlinkImage.isRegistry(reference.registry().toLowerCase(Locale.ROOT))) {
            return new Malformed("`" + reference.registry() + "` is not a registry host",
                    "Write a host with an optional port before the first `/`, e.g. `registry.acme.io:5000/tools/busybox:1.36`.");
        }
        String repository = reference.repository();
        if (repository.isEmpty()) {
            return new Malformed("it names no repository", "Write the repository, e.g. `registry.acme.io/tools/busybox:1.36`.");
        }
        if (!FlinkImage.isRepository(repository)) {
            return repository.equals(repository.toLowerCase(Locale.ROOT))
                    ? new Malformed("`" + repository + "` is not a valid repository",
                            "Use lower-case path components of letters and digits, joined by `.`, `_` or `-` and separated by `/`.")
                    : new Malformed("the repository `" + repository + "` has upper-case letters", "Write it in lower case: `" + repository.toLowerCase(Locale.ROOT) + "`.");
        }
        if (reference.tag() != null && reference.tag().isEmpty()) {
            return new Malformed("the tag after `:` is empty", "Write the tag after `:`, e.g. `busybox:1.36`.");
        }
        if (reference.tag() != null && !ImageReference.isTag(reference.tag())) {
            return new Malformed("`:" + reference.tag() + "` is not a valid tag",
                    "A tag is up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`.");
        }
        if (reference.digest() != null && !ImageReference.isDigest(reference.digest())) {
            return new Malformed("`@" + reference.digest() + "` is not a valid digest",
                    "A digest is `sha256:` and 64 lower-case hexadecimal digits (or `sha384:`, `sha512:` with 96, 128).");
        }
        if (reference.fullName().length() > FlinkImage.MAX_NAME_LENGTH) {
            return new Malformed("its name is longer than " + FlinkImage.MAX_NAME_LENGTH + " characters", "Use a shorter registry path or repository.");
        }
        return null;
    }

    /** The three image fields, and their names as messages show them. */
    private record Fields(FieldPath registry, FieldPath repository, FieldPath tag, String registryName, String repositoryName, String tagName) {
        Fields(FieldPath registry, FieldPath repository, FieldPath tag) {
            this(registry, repository, tag, "flinkImageRegistry", "flinkImageRepository", "flinkImageTag");
        }
    }

    private static void checkImage(RuleContext context, Resolved<?> r, Fields f, FlinkImage image, String flinkVersion,
                                   RepositorySpec settings) {
        if (image.isEmpty()) {
            checkDefaultImage(context, r, f, flinkVersion, settings);
            return;
        }
        boolean wellFormed = checkSyntax(context, r, f, image);
        if (image.repository() == null) {
            String hint = "Set `" + f.repositoryName() + "` (and `" + f.registryName() + "`), or remove `"
                    + (image.tag() != null ? f.tagName() : f.registryName()) + "` to use the default image of the Flink version.";
            if (image.tag() != null) {
                context.report(Code.INVALID_IMAGE, r, f.tag(),
                        "`" + f.tagName() + "` is set without `" + f.repositoryName() + "`, so there is no image to tag.", hint);
            } else {
                context.report(Code.INVALID_IMAGE, r, f.registry(),
                        "`" + f.registryName() + "` is set without `" + f.repositoryName() + "`, so there is no image to pull.", hint);
            }
            return;
        }
        if (image.tag() == null) {
            context.report(Code.INVALID_IMAGE, r, f.repository(),
                    "Image `" + image.reference() + "` has no `" + f.tagName() + "`, so Kubernetes would pull `latest`.",
                    "Set `" + f.tagName() + "` to a tag that matches the Flink version, e.g. `1.20.3-scala_2.12-java17`.");
        }
        if (!wellFormed) return;
        if (image.fullName().length() > FlinkImage.MAX_NAME_LENGTH) {
            context.report(Code.INVALID_IMAGE, r, f.repository(),
                    "Image name `" + image.fullName() + "` is longer than " + FlinkImage.MAX_NAME_LENGTH + " characters.",
                    "Use a shorter registry path or repository.");
            return;
        }
        checkPolicy(context, r, image.registry() != null ? f.registry() : f.repository(), image, settings);
    }

    /** FO603 for each malformed field; true when all set fields are well-formed. */
    private static boolean checkSyntax(RuleContext context, Resolved<?> r, Fields f, FlinkImage image) {
        boolean ok = true;
        String registry = image.registry();
        if (registry != null && !FlinkImage.isRegistry(registry)) {
            ok = false;
            String hint;
            if (registry.contains("://")) {
                hint = "Write the host only, without `" + registry.substring(0, registry.indexOf("://") + 3) + "`, e.g. `"
                        + registry.substring(registry.indexOf("://") + 3).replaceAll("/+$", "") + "`.";
            } else if (!registry.equals(registry.toLowerCase(java.util.Locale.ROOT))) {
                hint = "Write it in lower case: `" + registry.toLowerCase(java.util.Locale.ROOT) + "`.";
            } else {
                hint = "Write a host with an optional port, e.g. `registry.acme.io` or `registry.acme.io:5000`.";
            }
            context.report(Code.INVALID_IMAGE, r, f.registry(), "`" + f.registryName() + "` `" + registry + "` is not a registry host.", hint);
        }
        String repository = image.repository();
        if (repository != null && !FlinkImage.isRepository(repository)) {
            ok = false;
            String hint;
            if (repository.contains("@")) {
                hint = "Put the digest into `" + f.tagName() + "` (`sha256:<hex>`) and keep only the repository here.";
            } else if (repository.matches(".*:[^/]*")) {
                hint = "Put the tag into `" + f.tagName() + "` and keep only the repository here.";
            } else if (repository.contains(":")) {
                hint = "Put the registry host and port into `" + f.registryName() + "`.";
            } else if (!repository.equals(repository.toLowerCase(java.util.Locale.ROOT))) {
                hint = "Write it in lower case: `" + repository.toLowerCase(java.util.Locale.ROOT) + "`.";
            } else {
                hint = "Use lower-case path components of letters and digits, joined by `.`, `_` or `-` and separated by `/`, e.g. `library/flink`.";
            }
            context.report(Code.INVALID_IMAGE, r, f.repository(),
                    "`" + f.repositoryName() + "` `" + repository + "` is not a valid image repository.", hint);
        }
        String tag = image.tag();
        if (tag != null && !FlinkImage.isTag(tag)) {
            ok = false;
            context.report(Code.INVALID_IMAGE, r, f.tag(), "`" + f.tagName() + "` `" + tag + "` is not a valid image tag.",
                    "A tag is up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-` (or a digest `sha256:` + 64 hex digits).");
        }
        return ok;
    }

    private static void checkDefaultImage(RuleContext context, Resolved<?> r, Fields f, String flinkVersion, RepositorySpec settings) {
        if (!FlinkVersions.isKnown(flinkVersion)) return; // FO601/FO602 report it
        if (settings.defaultImages() != null && settings.defaultImages().containsKey(flinkVersion)) return; // checked in flinkops.yaml
        List<String> allowed = allowedRegistries(settings);
        if (allowed.isEmpty()) return;
        FlinkImage image = FlinkImage.builtInDefault(flinkVersion);
        if (allowed.stream().anyMatch(image::allowedBy)) return;
        context.reportMissing(Code.REGISTRY_NOT_ALLOWED, r, f.registry(),
                "No image is set, so Flink " + flinkVersion + " would run the default image `" + image.reference()
                        + "`, but `" + image.effectiveRegistry() + "` is not in `policy.allowedImageRegistries` (" + Phrases.list(allowed) + ").",
                "Set `" + f.registryName() + "`, `" + f.repositoryName() + "` and `" + f.tagName()
                        + "` to an allowed image (e.g. in the defaults), or add a `defaultImages` entry for \"" + flinkVersion + "\" to flinkops.yaml.");
    }

    private static void checkPolicy(RuleContext context, Resolved<?> r, FieldPath pointer, FlinkImage image, RepositorySpec settings) {
        List<String> allowed = allowedRegistries(settings);
        if (allowed.isEmpty() || allowed.stream().anyMatch(image::allowedBy)) return;
        context.report(Code.REGISTRY_NOT_ALLOWED, r, pointer,
                "Image `" + image.fullName() + "` is not from a registry in `policy.allowedImageRegistries` (" + Phrases.list(allowed) + ").",
                "Use an image from an allowed registry, or ask the platform team to allow `" + image.effectiveRegistry() + "` in flinkops.yaml.");
    }

    private static List<String> allowedRegistries(RepositorySpec settings) {
        List<String> allowed = settings.policyOrEmpty().allowedImageRegistries();
        return allowed == null ? List.of() : allowed;
    }

    /** The Repository's {@code defaultImages}: each a complete, well-formed image from an allowed registry. */
    private static void checkDefaultImages(RuleContext context, Resolved<RepositorySpec> repository) {
        Map<String, RepositorySpec.Image> images = repository.spec().defaultImages();
        if (images == null) return;
        for (Map.Entry<String, RepositorySpec.Image> e : new TreeMap<>(images).entrySet()) {
            RepositorySpec.Image i = e.getValue();
            if (i == null) continue;
            FieldPath base = RepositorySpec.DEFAULT_IMAGES.child(e.getKey());
            Fields f = new Fields(base.child("registry"), base.child("repository"), base.child("tag"),
                    "defaultImages.\"" + e.getKey() + "\".registry", "defaultImages.\"" + e.getKey() + "\".repository",
                    "defaultImages.\"" + e.getKey() + "\".tag");
            FlinkImage image = new FlinkImage(i.registry(), i.repository(), i.tag());
            // The schema requires all three fields.
            if (image.registry() == null || image.repository() == null || image.tag() == null) continue;
            if (!checkSyntax(context, repository, f, image)) continue;
            checkPolicy(context, repository, f.registry(), image, repository.spec());
        }
    }
}
