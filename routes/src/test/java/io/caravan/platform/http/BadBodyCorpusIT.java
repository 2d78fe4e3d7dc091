package io.caravan.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.testing.CaravanIT;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint the REST DSL registers that takes a body (POST, PUT, PATCH), discovered from the Camel
 * context, so an endpoint added later is covered without editing this test, gets a corpus of bad
 * bodies: empty, truncated, not an object, trailing data, NaN, and, for each field of the request type
 * it declares ({@code .type(...)}), the wrong type, a number out of range, an unknown enum value and an
 * oversized string; then hostile strings (injection, control characters) that may be valid.
 *
 * <p>Always: no 5xx; an error is a JSON {@code {"status","title","description"}} naming no Java type, no
 * library, no source location and no stack trace. For an endpoint that declares a request type, every
 * bad body is a 4xx. Requests carry the administrator's token, so authentication never hides the body's
 * reading, and a client address of their own, so failed logins throttle nobody else.
 */
class BadBodyCorpusIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What no error body may contain: Java packages, inner-class names, Jackson's source locations, stack frames. */
    private static final Pattern INTERNALS = Pattern.compile(
            "io\\.caravan|com\\.fasterxml|org\\.apache|org\\.springframework|java\\.(lang|util|io)|\\w\\$\\w|Source:|\\bat [\\w.$]+\\(|Exception|Jackson|Feature");

    /** Never valid as a request body. */
    private static final List<String> ALWAYS_BAD = List.of(
            "", " ", "{", "{\"a\":", "}", "[", "null", "[]", "[{}]", "\"x\"", "42", "-1.5", "true", "false",
            "{} {}", "{}x", "{\"a\":1,}", "{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}",
            "{\"a\":undefined}", "\u0000", "<?xml version=\"1.0\"?><a/>", "a=1&b=2",
            "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}");

    /** Whole bodies an endpoint may accept (RFC 8259 lets a parser ignore a byte order mark) but must not fail on. */
    private static final List<String> TOLERATED = List.of("\uFEFF{}", "{\"a\":1}", "{\"\":null}", "{\"a\":{\"b\":{\"c\":[]}}}");

    /** Strings that must never break anything, though an endpoint may well accept them. */
    private static final List<String> HOSTILE_STRINGS = List.of(
            "x'); DROP TABLE users; --", "' OR '1'='1", "\"; db.dropDatabase(); //", "{\"$gt\": \"\"}", "${jndi:ldap://example.invalid/a}",
            "#{7*7}", "<script>alert(1)</script>", "../../../../etc/passwd", "\u0000\u0001\u001f", "\uD83D\uDE00 \u202E", "%00%0d%0a");

    private String admin;

    @BeforeEach
    void administrator() {
        admin = adminToken();
    }

    /** The REST DSL's verbs that take a body: method, path (parameters filled in) and declared request type. */
    private List<Endpoint> endpoints() {
        List<Endpoint> found = new ArrayList<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String method = verb.asVerb().toUpperCase(Locale.ROOT);
                if (!List.of("POST", "PUT", "PATCH").contains(method)) {
                    continue;
                }
                String path = (rest.getPath() == null ? "" : rest.getPath()) + (verb.getPath() == null ? "" : verb.getPath());
                path = ("/" + path).replaceAll("/+", "/").replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
                found.add(new Endpoint(method, path, type(verb.getType())));
            }
        }
        return found;
    }

    @Test
    void theEndpointsAreDiscoveredFromTheCamelContext() {
        assertThat(endpoints()).extracting(Endpoint::toString)
                .contains("POST /event", "POST /api/v1/auth/register", "PUT /api/v1/users/me/profile", "POST /validate");
        assertThat(endpoints()).filteredOn(e -> e.type() != null).hasSizeGreaterThanOrEqualTo(8);
    }

    @TestFactory
    Stream<DynamicTest> everyJsonEndpointAnswersBadBodiesWithACleanClientError() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            boolean typed = endpoint.type() != null;
            for (String body : ALWAYS_BAD) {
                tests.add(check(endpoint, "always bad: " + abbreviate(body), body, typed));
            }
            for (String body : TOLERATED) {
                tests.add(check(endpoint, "tolerated: " + abbreviate(body), body, false));
            }
            tests.add(check(endpoint, "over the size limit", "{\"a\":\"" + "x".repeat(JsonRequest.DEFAULT_MAX_BYTES) + "\"}", typed));
            if (typed) {
                for (RecordComponent field : endpoint.type().getRecordComponents()) {
                    for (Map.Entry<String, Object> bad : badValues(field).entrySet()) {
                        tests.add(check(endpoint, field.getName() + ": " + bad.getKey(), bodyWith(endpoint.type(), field.getName(), bad.getValue()), true));
                    }
                    if (field.getType() == String.class) {
                        for (String hostile : HOSTILE_STRINGS) {
                            tests.add(check(endpoint, field.getName() + ": hostile " + abbreviate(hostile),
                                    bodyWith(endpoint.type(), field.getName(), hostile), false));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    private DynamicTest check(Endpoint endpoint, String name, String body, boolean mustBeClientError) {
        return DynamicTest.dynamicTest(endpoint + " <- " + name, () -> {
            HttpResponse<String> response = send(endpoint.method(), endpoint.path(), body, "application/json",
                    "Authorization", "Bearer " + admin, "X-Forwarded-For", "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255));
            int status = response.statusCode();
            assertThat(status).as("%s %s answered %s", endpoint, name, response.body()).isLessThan(500);
            if (mustBeClientError) {
                assertThat(status).as("%s %s must be refused", endpoint, name).isBetween(400, 499);
            }
            if (status >= 400) {
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                JsonNode error = JSON.readTree(response.body());
                assertThat(error.get("status").asInt()).isEqualTo(status);
                assertThat(error.get("title").isTextual()).isTrue();
                assertThat(error.get("description").isTextual()).isTrue();
                assertThat(INTERNALS.matcher(response.body()).find()).as("internals in %s", response.body()).isFalse();
            }
        });
    }

    /** For one field: values of the wrong type, numbers out of range, unknown enum values, oversized strings. */
    private static Map<String, Object> badValues(RecordComponent field) {
        Class<?> type = field.getType();
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("an object", Map.of("nested", 1));
        bad.put("an array", List.of(1, 2));
        if (type == String.class) {
            bad.put("a number", 123);
            bad.put("true", true);
            bad.put("an oversized string", "x".repeat(200_000));
        } else if (isNumber(type)) {
            bad.put("a string", "12");
            bad.put("out of range", new BigInteger("9".repeat(40)));
            bad.put("huge exponent", new BigDecimal("1e400"));
            bad.put("negative out of range", new BigInteger("-" + "9".repeat(40)));
        } else if (type == boolean.class || type == Boolean.class) {
            bad.put("a string", "yes");
            bad.put("a number", 1);
        } else if (type.isEnum()) {
            bad.put("an unknown value", "no-such-value");
            bad.put("a number", 7);
        } else if (Collection.class.isAssignableFrom(type)) {
            bad.remove("an array");
            bad.put("a string", "x");
            bad.put("an array of numbers", List.of(1));
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            // an object is what the field takes
            bad.remove("an object");
            bad.put("a string", "x");
            bad.put("a number", 1);
        }
        return bad;
    }

    /** A body with a plausible value in every field but {@code field}. */
    private static String bodyWith(Class<?> type, String field, Object value) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            body.put(component.getName(), sample(component.getType()));
        }
        body.put(field, value);
        return JSON.writeValueAsString(body);
    }

    private static Object sample(Class<?> type) {
        if (type == String.class) {
            return "sample";
        }
        if (isNumber(type)) {
            return 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0].toString().toLowerCase(Locale.ROOT);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return List.of();
        }
        return Map.of();
    }

    private static boolean isNumber(Class<?> type) {
        return Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class;
    }

    private static Class<?> type(String name) {
        if (name == null) {
            return null;
        }
        try {
            Class<?> type = Class.forName(name);
            return type.isRecord() ? type : null;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the REST DSL names a request type that does not exist: " + name, e);
        }
    }

    private static String abbreviate(String text) {
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 30 ? shown.substring(0, 30) + "…(" + shown.length() + ")" : shown;
    }

    record Endpoint(String method, String path, Class<?> type) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
