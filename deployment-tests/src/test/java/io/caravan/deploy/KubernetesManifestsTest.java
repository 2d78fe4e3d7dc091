package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests of k8s/: every file read strictly into fabric8's typed models (an unknown
 * field fails), and every kustomization rendered with {@code kubectl kustomize} (when kubectl is on
 * PATH) and held to the runtime contract ({@link ManifestChecks}). Each check is shown to fail on a
 * broken input.
 */
class KubernetesManifestsTest {

    private static final Map<String, String> IMAGES = Map.of(
            "base", "caravan:0.1.0-SNAPSHOT",
            "overlays/local", "caravan:local",
            "overlays/production", "registry.example.com/caravan/caravan:0.1.0");

    static Stream<Path> manifestFiles() {
        return Repository.files(Repository.path("k8s"), ".yaml").stream()
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestFiles")
    void everyManifestFileReadsStrictlyIntoTypedModels(Path file) {
        List<JsonNode> documents = KubernetesModels.documents(Repository.read(file));
        assertThat(documents).as(file + " holds resources").isNotEmpty();
        for (JsonNode document : documents) {
            if (document.isArray()) { // a JSON 6902 patch of an overlay
                document.forEach(op -> assertThat(op.path("op").asText()).as(file + ": a JSON patch operation").isIn("add", "replace", "remove"));
            } else {
                KubernetesModels.resource(document);
            }
        }
    }

    @ParameterizedTest(name = "k8s/{0}")
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void everyKustomizationRendersToResourcesThatKeepTheRuntimeContract(String kustomization) {
        assumeKubectl();
        List<HasMetadata> resources = Kustomize.render(kustomization);

        assertThat(ManifestChecks.of(resources, IMAGES.get(kustomization))).isEmpty();
    }

    @ParameterizedTest(name = "k8s/{0}")
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void theOverlaysPutEverythingInTheNamespaceCaravan(String overlay) {
        assumeKubectl();
        List<HasMetadata> resources = Kustomize.render(overlay);

        assertThat(resources).filteredOn(Namespace.class::isInstance).extracting(r -> r.getMetadata().getName()).containsExactly("caravan");
        assertThat(resources).filteredOn(r -> !(r instanceof Namespace)).allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("caravan"));
    }

    @Test
    void productionRunsEveryServiceTwiceOrMoreWithDisruptionBudgetsAQuorumQueueRabbitMqClusterAndBackups() {
        assumeKubectl();
        List<HasMetadata> resources = Kustomize.render("overlays/production");

        for (Deployment deployment : of(resources, Deployment.class)) {
            if (!deployment.getMetadata().getName().equals("caravan-converter")) {
                assertThat(deployment.getSpec().getReplicas()).as(deployment.getMetadata().getName()).isGreaterThanOrEqualTo(2);
                assertThat(budgetFor(resources, deployment.getSpec().getTemplate().getMetadata().getLabels())).as(deployment.getMetadata().getName()).isTrue();
            }
        }
        assertThat(of(resources, HorizontalPodAutoscaler.class).get(0).getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        StatefulSet rabbitmq = named(resources, StatefulSet.class, "caravan-rabbitmq");
        assertThat(rabbitmq.getSpec().getReplicas()).isEqualTo(3);
        assertThat(budgetFor(resources, rabbitmq.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
        assertThat(config(resources)).containsEntry("CARAVAN_RABBITMQ_QUEUE_TYPE", "quorum");
        assertThat(of(resources, CronJob.class)).extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("caravan-postgres-backup", "caravan-mongodb-backup");
    }

    @Test
    void localRunsOneOfEverythingWithMailpitAsTheSmtpServer() {
        assumeKubectl();
        List<HasMetadata> resources = Kustomize.render("overlays/local");

        assertThat(of(resources, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isIn(null, 1));
        assertThat(of(resources, StatefulSet.class)).allSatisfy(s -> assertThat(s.getSpec().getReplicas()).isEqualTo(1));
        assertThat(of(resources, HorizontalPodAutoscaler.class).get(0).getSpec().getMaxReplicas()).isLessThanOrEqualTo(2);
        assertThat(config(resources)).containsEntry("CARAVAN_SMTP_HOST", "caravan-mailpit").containsEntry("CARAVAN_RABBITMQ_QUEUE_TYPE", "classic");
        assertThat(named(resources, Deployment.class, "caravan-mailpit")).isNotNull();
    }

    @Test
    void theCommittedSecretFilesHoldPlaceholdersOnly() {
        List<Path> examples = Repository.files(Repository.path("k8s", "base", "platform", "secrets"), ".example");
        assertThat(examples).hasSizeGreaterThanOrEqualTo(8);
        for (Path example : examples) {
            if (!example.toString().endsWith(".env.example")) { // a whole file, the JWT signing key
                assertThat(ManifestChecks.isPlaceholder("file", Repository.read(example))).as(example.toString()).isTrue();
                continue;
            }
            for (String line : Repository.read(example).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
                String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : "file";
                String value = line.substring(line.indexOf('=') + 1);
                assertThat(ManifestChecks.isPlaceholder(key, value)).as(example + ": " + key).isTrue();
            }
        }
    }

    @Test
    void noCommittedDeploymentFileHoldsASecret() {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("k8s", "docker", "integrations", "kamelets")) {
            files.addAll(Repository.files(Repository.path(dir), ".yaml", ".yml", ".conf", ".example", "Dockerfile"));
        }
        for (Path file : files) {
            String text = Repository.read(file);
            assertThat(text).as(file + " holds no private key").doesNotContain("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY");
            if (file.toString().endsWith(".yaml")) {
                KubernetesModels.documents(text).stream().filter(d -> "Secret".equals(d.path("kind").asText()))
                        .forEach(d -> assertThat(d.has("data") || d.has("stringData")).as(file + ": a Secret with data (use the secretGenerator)").isFalse());
            }
        }
    }

    // --- the checks can fail ----------------------------------------------------------------------------

    @Test
    void aMisspelledFieldOrAWrongTypeIsRejected() {
        String events = Repository.read(Repository.path("k8s", "base", "services", "events.yaml"));

        assertThatThrownBy(() -> KubernetesModels.resources(events.replace("replicas: 1", "replica: 1")))
                .hasMessageContaining("replica");
        assertThatThrownBy(() -> KubernetesModels.resources(events.replace("secretKeyRef:", "secretKeyReference:")))
                .hasMessageContaining("secretKeyReference");
        assertThatThrownBy(() -> KubernetesModels.resources(events.replace("replicas: 1", "replicas: two")))
                .hasMessageContaining("two");
        assertThatThrownBy(() -> KubernetesModels.resources(events.replace("kind: Deployment", "kind: Deploymnet")))
                .hasMessageContaining("Deploymnet");
        assertThatThrownBy(() -> KubernetesModels.resources(events.replace("  replicas: 1\n", "  replicas: 1\n  replicas: 2\n")))
                .hasMessageContaining("replicas");
    }

    @Test
    void theContractChecksRejectABrokenDeploymentAMissingBudgetAndARealSecret() {
        assumeKubectl();
        List<HasMetadata> resources = new ArrayList<>();
        for (HasMetadata resource : Kustomize.render("base")) {
            resources.add(KubernetesModels.STRICT.convertValue(resource, resource.getClass())); // a copy to break
        }
        Deployment events = named(resources, Deployment.class, "caravan-events");
        var container = events.getSpec().getTemplate().getSpec().getContainers().get(0);
        container.getEnv().removeIf(e -> e.getName().equals("CARAVAN_SERVICES"));
        container.getLivenessProbe().getHttpGet().setPort(new IntOrString(8080));
        container.getSecurityContext().setReadOnlyRootFilesystem(false);
        resources.removeIf(r -> r instanceof PodDisruptionBudget);
        named(resources, Secret.class, "caravan-postgres").getData().put("password", "aHVudGVyMg==");

        assertThat(ManifestChecks.of(resources, IMAGES.get("base"))).contains(
                "caravan-events: expected the variable CARAVAN_SERVICES",
                "caravan-events: expected livenessProbe GET /observe/health/live on port 9876",
                "caravan-events: expected readOnlyRootFilesystem",
                "caravan-converter: expected a PodDisruptionBudget",
                "Secret caravan-postgres: expected password is a placeholder");
    }

    private static void assumeKubectl() {
        assumeTrue(Kustomize.kubectlAvailable(), "kubectl is not on PATH: the rendered kustomizations are not checked here (CI has it)");
    }

    private static boolean budgetFor(List<HasMetadata> resources, Map<String, String> podLabels) {
        return of(resources, PodDisruptionBudget.class).stream()
                .anyMatch(p -> podLabels.entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()));
    }

    private static Map<String, String> config(List<HasMetadata> resources) {
        return of(resources, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("caravan-config-"))
                .findFirst().orElseThrow().getData();
    }

    private static <T extends HasMetadata> List<T> of(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(List<HasMetadata> resources, Class<T> type, String name) {
        return of(resources, type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }
}
