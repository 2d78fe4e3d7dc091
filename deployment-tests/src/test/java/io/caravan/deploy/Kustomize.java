package io.caravan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * {@code kubectl kustomize} of the kustomizations under k8s/, offline. It renders a copy of k8s/ whose
 * secret files are the committed {@code *.example} files (the real ones are not in the repository, and
 * a test never reads them), so every render holds placeholders only. Each render is done once per run.
 */
final class Kustomize {

    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();
    private static volatile Path copy;

    private Kustomize() {
    }

    static boolean kubectlAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    /** The resources a kustomization (a folder under k8s/, e.g. "overlays/local") renders to, typed. */
    static List<HasMetadata> render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, k -> KubernetesModels.resources(renderText(k)));
    }

    static String renderText(String kustomization) {
        Path dir = copyOfK8s().resolve(kustomization);
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize k8s/" + kustomization + " does not render: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path copyOfK8s() {
        if (copy == null) {
            try {
                Path target = Files.createTempDirectory("kustomize-");
                Path source = Repository.path("k8s");
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.sorted().toList()) {
                        String name = file.getFileName().toString();
                        boolean secret = file.getParent().endsWith(Path.of("platform", "secrets"));
                        if (secret && !name.endsWith(".example")) {
                            continue; // a real secret file of this machine: never read
                        }
                        Path to = target.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                            if (secret) {
                                Files.copy(file, to.resolveSibling(name.substring(0, name.length() - ".example".length())));
                            }
                        }
                    }
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
                copy = target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copy;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory
        }
    }
}
