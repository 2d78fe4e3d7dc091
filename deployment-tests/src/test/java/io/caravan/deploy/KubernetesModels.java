package io.caravan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Kubernetes YAML read into fabric8's typed models, strictly: a field the model does not know fails,
 * as {@code kubectl apply} (strict field validation) would. fabric8's models collect unknown fields in
 * an any-setter ({@code additionalProperties}); this mapper switches any-setters off, so Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES applies. Duplicate keys fail too.
 */
final class KubernetesModels {

    /** The kinds the manifests of this repository use, by apiVersion/kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class));

    /** No any-setters: an unknown property is unknown. */
    private static final JacksonAnnotationIntrospector NO_ANY_SETTER = new JacksonAnnotationIntrospector() {
        @Override
        public Boolean hasAnySetter(Annotated a) {
            return Boolean.FALSE;
        }
    };

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .annotationIntrospector(NO_ANY_SETTER)
            .build();

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private KubernetesModels() {
    }

    /** The YAML documents of a text (empty ones skipped), as trees. */
    static List<JsonNode> documents(String yaml) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            try (var parser = YAML.createParser(yaml)) {
                for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                    JsonNode node = it.next();
                    if (node != null && !node.isNull() && !node.isMissingNode()) {
                        documents.add(node);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One resource into its typed model; an unknown kind, an unknown field or a wrong type fails. */
    static HasMetadata resource(JsonNode document) {
        String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException("not a kind the manifests may use: " + key);
        }
        try {
            return STRICT.treeToValue(document, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " " + document.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
        }
    }

    /** Every resource of a multi-document text. */
    static List<HasMetadata> resources(String yaml) {
        return documents(yaml).stream().map(KubernetesModels::resource).toList();
    }

    /** Kubernetes object metadata, strictly (for the custom resources, whose CRD schemas leave it open). */
    static ObjectMeta metadata(JsonNode metadata) {
        try {
            return STRICT.treeToValue(metadata, ObjectMeta.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata: " + e.getMessage(), e);
        }
    }
}
