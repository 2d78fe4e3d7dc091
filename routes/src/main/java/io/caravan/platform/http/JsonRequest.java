package io.caravan.platform.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.caravan.platform.Json;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The one way an HTTP route reads a JSON request body: {@code .unmarshal(JsonRequest.of(Register.class))}.
 *
 * <ul>
 * <li>400 when the body cannot be read as a request at all: empty, not JSON, truncated, trailing data,
 * duplicate keys, NaN/Infinity, or not a JSON object ({@code null}, {@code []}, {@code "x"}, {@code 42});</li>
 * <li>413 when it is larger than {@link #maxBytes(int)} (1 MiB unless set);</li>
 * <li>422 when it is an object but a field is wrong: the wrong type ({@code email: expected a string}),
 * a number out of range, an unknown enum value, or a Bean Validation constraint of the request type
 * ({@code quantity: must be greater than 0}); every description names the field.</li>
 * </ul>
 * Unknown fields are ignored, scalars are never coerced (the platform's {@link Json} settings).
 */
public final class JsonRequest<T> extends ServiceSupport implements DataFormat {

    /** Bodies larger than this are refused with 413 unless a route says otherwise. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    /** Big decimals in the tree, so 1e400 stays a number a constraint can refuse, not Infinity. */
    private static final ObjectReader TREE = Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Class<T> type;
    private final int maxBytes;
    private final boolean allowNul;
    /** Whether the type has a constraint, or cascades to one: if not, validating it is pure cost (POST /event). */
    private final boolean constrained;

    private JsonRequest(Class<T> type, int maxBytes, boolean allowNul) {
        this.type = type;
        this.maxBytes = maxBytes;
        this.allowNul = allowNul;
        this.constrained = VALIDATOR.getConstraintsForClass(type).isBeanConstrained();
    }

    public static <T> JsonRequest<T> of(Class<T> type) {
        return new JsonRequest<>(type, DEFAULT_MAX_BYTES, false);
    }

    /** The same rule with another size limit. */
    public JsonRequest<T> maxBytes(int max) {
        return new JsonRequest<>(type, max, allowNul);
    }

    /**
     * The same rule, but strings may contain the NUL character (refused by default: PostgreSQL's text
     * cannot store it, so it would fail late, as a 5xx).
     */
    public JsonRequest<T> allowingNulCharacters() {
        return new JsonRequest<>(type, maxBytes, true);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        Long declared = exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBytes) {
            throw tooLarge();
        }
        if (body instanceof InputStream stream) {
            return unmarshal(exchange, stream);
        }
        return read(body == null ? null : exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, body));
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws IOException {
        return read(stream.readNBytes(maxBytes + 1));
    }

    /** The request in {@code bytes}, checked; an {@link ApiException} says what is wrong. */
    public T read(byte[] bytes) {
        if (bytes == null || isBlank(bytes)) {
            throw ApiException.badRequest("a JSON body is required");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        JsonNode tree;
        try {
            tree = TREE.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest(JsonProblems.describe(e));
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        if (!allowNul) {
            String path = nulCharacterAt(tree, "");
            if (path != null) {
                throw ApiException.invalid(path + ": must not contain the NUL character");
            }
        }
        T value;
        try {
            value = Json.MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw JsonProblems.isSyntax(e) ? ApiException.badRequest(JsonProblems.describe(e)) : ApiException.invalid(JsonProblems.describe(e));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("the body has an invalid value");
        }
        Set<ConstraintViolation<T>> violations = constrained ? VALIDATOR.validate(value) : Set.of();
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations.stream()
                    .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()).thenComparing(ConstraintViolation::getMessage))
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return value;
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        Json.MAPPER.writeValue(stream, graph);
    }

    /** The path of the first string holding U+0000, or null. */
    private static String nulCharacterAt(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0 ? path : null;
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext();) {
                var field = fields.next();
                String found = nulCharacterAt(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulCharacterAt(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private ApiException tooLarge() {
        return ApiException.payloadTooLarge("the body is larger than " + maxBytes + " bytes");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
