package io.caravan.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * A CustomResourceDefinition of a CRD jar (camel-k-crds, camel-kamelets-crds) as JSON schemas, one per
 * version, validating resources the way the API server does with strict field validation: the OpenAPI
 * v3 schema of the CRD, where an object that neither lists a field nor preserves unknown fields
 * rejects it ({@code additionalProperties: false}), int-or-string fields take either, and the root
 * takes only apiVersion, kind, metadata, spec and status of this CRD's group and kind. The metadata
 * itself is left to {@link KubernetesModels#metadata} (the CRD schemas do not describe it).
 */
final class CrdSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private final String source;
    private final String kind;
    private final Map<String, JsonSchema> byApiVersion = new LinkedHashMap<>();

    private CrdSchemas(String source, JsonNode crd) {
        this.source = source;
        String group = crd.path("spec").path("group").asText();
        this.kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            String apiVersion = group + "/" + version.path("name").asText();
            JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
            ObjectNode root = (ObjectNode) schema;
            ObjectNode properties = (ObjectNode) root.path("properties");
            properties.set("apiVersion", enumOf(apiVersion));
            properties.set("kind", enumOf(kind));
            properties.set("metadata", JsonNodeFactory.instance.objectNode().put("type", "object"));
            root.set("required", JsonNodeFactory.instance.arrayNode().add("apiVersion").add("kind").add("metadata").add("spec"));
            byApiVersion.put(apiVersion, FACTORY.getSchema(schema));
        }
    }

    /** The CRD file {@code resource} of the jar whose name contains {@code jar}. */
    static CrdSchemas load(String jar, String resource) {
        try {
            for (URL url : Collections.list(CrdSchemas.class.getClassLoader().getResources(resource))) {
                if (url.toString().contains("/" + jar + "-")) {
                    try (InputStream in = url.openStream()) {
                        String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        return new CrdSchemas(jar + "!/" + resource, KubernetesModels.documents(yaml).get(0));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(resource + " not found in a " + jar + " jar on the test classpath");
    }

    String kind() {
        return kind;
    }

    /** What is wrong with a resource of this kind, empty when it is valid. */
    List<String> validate(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        JsonSchema schema = byApiVersion.get(apiVersion);
        if (schema == null) {
            return List.of(source + " has no version " + apiVersion + " (it has " + byApiVersion.keySet() + ")");
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(resource)) {
            problems.add(message.getMessage());
        }
        try {
            KubernetesModels.metadata(resource.path("metadata"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** A structural OpenAPI v3 schema made strict about unknown fields, recursively through its sub-schemas. */
    private static JsonNode strict(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return node;
        }
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            schema.remove("type");
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        boolean object = "object".equals(schema.path("type").asText()) || schema.has("properties");
        if (object && !preserve && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        schema.remove("format"); // OpenAPI formats (int32, int64, byte, ...) are not JSON schema's
        for (Iterator<String> keywords = schema.fieldNames(); keywords.hasNext(); ) {
            if (keywords.next().startsWith("x-kubernetes-")) {
                keywords.remove();
            }
        }
        // the sub-schemas: each property's, the additional properties', the items', the alternatives'
        if (schema.get("properties") instanceof ObjectNode properties) {
            properties.forEach(CrdSchemas::strict);
        }
        strict(schema.get("additionalProperties"));
        JsonNode items = schema.get("items");
        if (items instanceof ArrayNode list) {
            list.forEach(CrdSchemas::strict);
        } else {
            strict(items);
        }
        for (String alternatives : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.get(alternatives) instanceof ArrayNode list) {
                list.forEach(CrdSchemas::strict);
            }
        }
        strict(schema.get("not"));
        return schema;
    }

    private static ObjectNode enumOf(String value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", "string");
        node.putArray("enum").add(value);
        return node;
    }
}
