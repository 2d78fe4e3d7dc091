package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Camel K resources of integrations/ and kamelets/: every Integration, Pipe and Kamelet valid
 * against the CRD schemas of the camel-k-crds 2.4 jar (Kamelets also against the camel-kamelets-crds
 * 4.15 jar, the catalog's), the Kamelets in the catalog's conventions, the Integrations on the runtime
 * contract. Each check is shown to fail on a broken input.
 */
class CamelResourcesTest {

    private static final Map<String, List<CrdSchemas>> SCHEMAS = Map.of(
            "Integration", List.of(CrdSchemas.load("camel-k-crds", "camel.apache.org_integrations.yaml")),
            "Pipe", List.of(CrdSchemas.load("camel-k-crds", "camel.apache.org_pipes.yaml")),
            "Kamelet", List.of(CrdSchemas.load("camel-k-crds", "camel.apache.org_kamelets.yaml"),
                    CrdSchemas.load("camel-kamelets-crds", "camel.apache.org_kamelets.yaml")));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\??)([A-Za-z0-9]+)}}");

    static Stream<Path> camelFiles() {
        return Stream.concat(Repository.files(Repository.path("integrations"), ".yaml").stream(),
                Repository.files(Repository.path("kamelets"), ".yaml").stream());
    }

    static Stream<Path> kamelets() {
        return Repository.files(Repository.path("kamelets"), ".kamelet.yaml").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("camelFiles")
    void everyCamelResourceIsValidAgainstItsCrdSchemaAndEveryOtherResourceStrictly(Path file) {
        for (JsonNode document : KubernetesModels.documents(Repository.read(file))) {
            if (document.path("apiVersion").asText().startsWith("camel.apache.org/")) {
                assertThat(validate(document)).as(file.toString()).isEmpty();
            } else {
                KubernetesModels.resource(document); // the Ingress and the autoscaler of integrations/
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void everyKameletFollowsTheCatalogConventions(Path file) {
        assertThat(kameletProblems(file.getFileName().toString(), KubernetesModels.documents(Repository.read(file)).get(0))).isEmpty();
    }

    @Test
    void theKameletsAreTheThreeThisProjectOffers() {
        assertThat(kamelets().map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                "redis-stream-source.kamelet.yaml", "redis-stream-sink.kamelet.yaml", "ffmpeg-audio-extract-action.kamelet.yaml");
    }

    @Test
    void thereIsOneIntegrationPerServiceOnTheRuntimeContract() {
        Map<String, JsonNode> integrations = integrations();
        assertThat(integrations.keySet()).containsAll(RuntimeContract.SERVICES.stream().map(s -> "caravan-" + s).toList());
        List<String> problems = new ArrayList<>();
        for (String service : RuntimeContract.SERVICES) {
            problems.addAll(integrationProblems(service, integrations.get("caravan-" + service)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theIntegrationsRouteThePublicPathsAsTheKubernetesIngressDoes() {
        Map<String, String> routes = new LinkedHashMap<>();
        integrations().forEach((name, integration) -> {
            JsonNode ingress = integration.path("spec").path("traits").path("ingress");
            if (ingress.path("enabled").asBoolean(false)) {
                routes.put(ingress.path("path").asText(), name);
            }
        });
        for (HasMetadata resource : KubernetesModels.resources(Repository.read(Repository.path("integrations", "ingress.yaml")))) {
            ((Ingress) resource).getSpec().getRules().forEach(rule -> rule.getHttp().getPaths()
                    .forEach(path -> routes.put(path.getPath(), path.getBackend().getService().getName())));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        RuntimeContract.PUBLIC_PATHS.forEach((service, paths) -> paths.forEach(p -> wanted.put(p, "caravan-" + service)));
        // the gateway's one ingress-trait path, the prefix /, takes /graphql, /docs and /api-doc as well
        wanted.keySet().removeIf(p -> wanted.get(p).equals("caravan-gateway") && !p.equals("/"));
        assertThat(routes).containsExactlyInAnyOrderEntriesOf(wanted);
    }

    @Test
    void theConverterIntegrationIsScaledOnCpuAndHasADisruptionBudget() {
        JsonNode converter = integrations().get("caravan-converter");
        var hpa = (HorizontalPodAutoscaler) KubernetesModels.resources(Repository.read(Repository.path("integrations", "converter-autoscaler.yaml"))).get(0);

        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Integration");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("caravan-converter");
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
        assertThat(converter.path("spec").has("replicas")).as("the autoscaler owns the replicas").isFalse();
        assertThat(converter.path("spec").path("traits").path("pdb").path("enabled").asBoolean()).isTrue();
    }

    // --- the checks can fail ----------------------------------------------------------------------------

    @Test
    void theSchemasRejectAMisspelledTraitFieldAnUnknownTraitAWrongTypeAndAForeignKind() {
        JsonNode events = integrations().get("caravan-events");

        assertThat(validate(events)).isEmpty();
        assertThat(validate(with(events, "/spec/traits/container", "imag", "caravan:x"))).anyMatch(m -> m.contains("imag"));
        assertThat(validate(with(events, "/spec/traits", "helth", events.path("spec").path("traits").path("health"))))
                .anyMatch(m -> m.contains("helth"));
        assertThat(validate(with(events, "/spec", "replicas", "two"))).anyMatch(m -> m.contains("replicas") && m.contains("string"));
        assertThat(validate(with(events, "/spec/traits/health", "livenessProbeEnabled", "yes"))).anyMatch(m -> m.contains("livenessProbeEnabled"));
        assertThat(validate(with(events, "/spec/template/spec/containers/0", "livenessProb", Map.of()))).anyMatch(m -> m.contains("livenessProb"));
        assertThat(validate(with(events, "/metadata", "labelz", "x"))).anyMatch(m -> m.contains("labelz"));
        assertThat(validate(with(events, "", "kind", "Pipe"))).isNotEmpty();
    }

    @Test
    void theSchemasRejectABrokenKameletAndABrokenPipe() {
        JsonNode kamelet = KubernetesModels.documents(Repository.read(Repository.path("kamelets", "redis-stream-source.kamelet.yaml"))).get(0);
        JsonNode pipe = KubernetesModels.documents(Repository.read(Repository.path("kamelets", "examples", "events-archive-pipe.yaml"))).get(0);

        assertThat(validate(with(kamelet, "/spec/definition/properties/stream", "titel", "Stream"))).anyMatch(m -> m.contains("titel"));
        assertThat(validate(with(kamelet, "/spec", "dependencies", "camel:core"))).anyMatch(m -> m.contains("dependencies"));
        assertThat(validate(with(pipe, "/spec/source/ref", "nmae", "redis-stream-source"))).anyMatch(m -> m.contains("nmae"));
    }

    @Test
    void theConventionsRejectAPropertyWithoutTitleAnUnsecuredPasswordAndASourceThatDoesNotEndInTheSink() {
        JsonNode source = KubernetesModels.documents(Repository.read(Repository.path("kamelets", "redis-stream-source.kamelet.yaml"))).get(0).deepCopy();
        ((ObjectNode) source.at("/spec/definition/properties/stream")).remove("title");
        ((ObjectNode) source.at("/spec/definition/properties/redisPassword")).remove("format");
        ArrayNode steps = (ArrayNode) source.at("/spec/template/from/steps");
        steps.remove(steps.size() - 1);

        assertThat(kameletProblems("redis-stream-source.kamelet.yaml", source)).contains(
                "stream: expected a title",
                "redisPassword: expected format: password and the credentials x-descriptor",
                "template: expected to end in kamelet:sink");
        assertThat(kameletProblems("redis-source.kamelet.yaml", source)).contains("metadata.name: expected the file name without .kamelet.yaml");
    }

    @Test
    void theContractChecksRejectAnIntegrationWithAMissingVariableALiteralPasswordAndAProbeOnTheApiPort() {
        JsonNode events = integrations().get("caravan-events").deepCopy();
        ArrayNode vars = (ArrayNode) events.at("/spec/traits/environment/vars");
        vars.remove(0); // CARAVAN_SERVICES
        vars.add("CARAVAN_MANAGEMENT_PASSWORD=hunter2");
        ((ObjectNode) events.at("/spec/template/spec/containers/0/livenessProbe/httpGet")).put("port", 8080);

        assertThat(integrationProblems("events", events)).contains(
                "caravan-events: expected CARAVAN_SERVICES=events",
                "caravan-events: expected CARAVAN_MANAGEMENT_PASSWORD from a Secret, not in the environment trait",
                "caravan-events: expected livenessProbe on port 9876");
    }

    // --- the checks ----------------------------------------------------------------------------------------

    private static List<String> validate(JsonNode resource) {
        List<CrdSchemas> schemas = SCHEMAS.get(resource.path("kind").asText());
        if (schemas == null) {
            return List.of("not a kind of this repository: " + resource.path("kind").asText());
        }
        List<String> problems = new ArrayList<>();
        schemas.forEach(s -> problems.addAll(s.validate(resource)));
        return problems;
    }

    private static Map<String, JsonNode> integrations() {
        Map<String, JsonNode> integrations = new LinkedHashMap<>();
        for (Path file : Repository.files(Repository.path("integrations"), ".yaml")) {
            KubernetesModels.documents(Repository.read(file)).stream().filter(d -> "Integration".equals(d.path("kind").asText()))
                    .forEach(d -> integrations.put(d.path("metadata").path("name").asText(), d));
        }
        return integrations;
    }

    /** A copy of a resource with one field set (an object's field, at a JSON pointer). */
    private static JsonNode with(JsonNode resource, String pointer, String field, Object value) {
        JsonNode copy = resource.deepCopy();
        ObjectNode target = (ObjectNode) (pointer.isEmpty() ? copy : copy.at(pointer));
        target.set(field, KubernetesModels.STRICT.valueToTree(value));
        return copy;
    }

    static List<String> kameletProblems(String fileName, JsonNode kamelet) {
        List<String> problems = new ArrayList<>();
        String name = kamelet.at("/metadata/name").asText();
        String type = kamelet.at("/metadata/labels").path("camel.apache.org/kamelet.type").asText();
        JsonNode annotations = kamelet.at("/metadata/annotations");
        expect(problems, "metadata.name", "the file name without .kamelet.yaml", fileName.equals(name + ".kamelet.yaml"));
        expect(problems, "kamelet.type", "source, sink or action, the end of the name",
                Set.of("source", "sink", "action").contains(type) && name.endsWith("-" + type));
        String icon = annotations.path("camel.apache.org/kamelet.icon").asText();
        expect(problems, "kamelet.icon", "a data: URI of an SVG", icon.startsWith("data:image/svg+xml;base64,")
                && new String(Base64.getDecoder().decode(icon.substring(icon.indexOf(',') + 1))).contains("<svg"));
        expect(problems, "provider", "Caravan", "Caravan".equals(annotations.path("camel.apache.org/provider").asText()));
        expect(problems, "catalog.version", "set", !annotations.path("camel.apache.org/catalog.version").asText().isBlank());
        JsonNode definition = kamelet.at("/spec/definition");
        expect(problems, "definition", "a title and a description", !definition.path("title").asText().isBlank()
                && !definition.path("description").asText().isBlank());
        Set<String> properties = new LinkedHashSet<>();
        definition.path("properties").properties().forEach(e -> {
            String property = e.getKey();
            JsonNode schema = e.getValue();
            properties.add(property);
            expect(problems, property, "a title", !schema.path("title").asText().isBlank());
            expect(problems, property, "a description", !schema.path("description").asText().isBlank());
            if (property.toLowerCase().matches(".*(password|secret|token).*")) {
                expect(problems, property, "format: password and the credentials x-descriptor", "password".equals(schema.path("format").asText())
                        && schema.path("x-descriptors").toString().contains("urn:camel:group:credentials"));
            }
        });
        definition.path("required").forEach(r -> expect(problems, r.asText(), "a property (it is required)", properties.contains(r.asText())));
        List<String> dependencies = new ArrayList<>();
        kamelet.at("/spec/dependencies").forEach(d -> dependencies.add(d.asText()));
        expect(problems, "dependencies", "camel:kamelet among camel: and mvn: dependencies", dependencies.contains("camel:kamelet")
                && dependencies.stream().allMatch(d -> d.matches("(camel|mvn):[\\w.:-]+")));
        JsonNode template = kamelet.at("/spec/template");
        String from = template.at("/from/uri").asText();
        expect(problems, "template", type.equals("source") ? "to start at its system" : "to start at kamelet:source",
                type.equals("source") != from.equals("kamelet:source"));
        if (!type.equals("sink")) {
            JsonNode steps = template.at("/from/steps");
            JsonNode last = steps.get(steps.size() - 1);
            String to = last == null ? "" : last.path("to").isTextual() ? last.path("to").asText() : last.path("to").path("uri").asText();
            expect(problems, "template", "to end in kamelet:sink", "kamelet:sink".equals(to));
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(template.toString());
        while (placeholder.find()) {
            used.add(placeholder.group(2));
        }
        used.stream().filter(p -> !properties.contains(p)).forEach(p -> problems.add("template: uses {{" + p + "}}, not a property"));
        properties.stream().filter(p -> !used.contains(p)).forEach(p -> problems.add(p + ": a property the template never uses"));
        return problems;
    }

    static List<String> integrationProblems(String service, JsonNode integration) {
        List<String> problems = new ArrayList<>();
        String name = "caravan-" + service;
        JsonNode traits = integration.at("/spec/traits");
        JsonNode container = integration.at("/spec/template/spec/containers/0");
        expect(problems, name, "the Caravan image in the container trait", traits.at("/container/image").asText().startsWith("caravan:"));
        expect(problems, name, "the pod template's container integration", "integration".equals(container.path("name").asText()));
        Map<String, String> plain = new LinkedHashMap<>();
        traits.at("/environment/vars").forEach(v -> plain.put(v.asText().substring(0, v.asText().indexOf('=')), v.asText().substring(v.asText().indexOf('=') + 1)));
        Set<String> variables = new LinkedHashSet<>(plain.keySet());
        container.path("env").forEach(e -> variables.add(e.path("name").asText()));
        Set<String> wanted = RuntimeContract.variables(service);
        wanted.stream().filter(v -> !variables.contains(v)).forEach(v -> problems.add(name + ": expected the variable " + v));
        variables.stream().filter(v -> !wanted.contains(v) && !RuntimeContract.mayAlsoDefine(service, v))
                .forEach(v -> problems.add(name + ": a variable its service does not need: " + v));
        expect(problems, name, "CARAVAN_SERVICES=" + service, service.equals(plain.get("CARAVAN_SERVICES")));
        plain.keySet().stream().filter(v -> v.contains("PASSWORD") || v.contains("USERNAME"))
                .forEach(v -> problems.add(name + ": expected " + v + " from a Secret, not in the environment trait"));
        JsonNode health = traits.path("health");
        expect(problems, name, "the health trait enabled", health.path("enabled").asBoolean(false));
        for (String probe : List.of("liveness", "readiness", "startup")) {
            String path = probe.equals("readiness") ? RuntimeContract.READINESS_PATH : RuntimeContract.LIVENESS_PATH;
            expect(problems, name, probe + "Probe " + path, health.path(probe + "ProbeEnabled").asBoolean(false)
                    && path.equals(health.path(probe + "Probe").asText()));
            expect(problems, name, probe + "Probe on port " + RuntimeContract.MANAGEMENT_PORT,
                    container.path(probe + "Probe").path("httpGet").path("port").asInt() == RuntimeContract.MANAGEMENT_PORT);
        }
        expect(problems, name, "runAsNonRoot as user 10001", traits.at("/container/runAsNonRoot").asBoolean(false)
                && traits.at("/container/runAsUser").asLong() == RuntimeContract.RUN_AS_USER);
        expect(problems, name, "a read-only root filesystem with /tmp writable", container.at("/securityContext/readOnlyRootFilesystem").asBoolean(false)
                && container.path("volumeMounts").toString().contains("\"mountPath\":\"/tmp\""));
        expect(problems, name, RuntimeContract.hasApi(service) ? "a Service" : "no Service",
                traits.at("/service/enabled").asBoolean(false) == RuntimeContract.hasApi(service));
        return problems;
    }

    private static void expect(List<String> problems, String what, String expectation, boolean met) {
        if (!met) {
            problems.add(what + ": expected " + expectation);
        }
    }
}
