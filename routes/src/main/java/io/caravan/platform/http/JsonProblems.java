package io.caravan.platform.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * What was wrong with a JSON body, in the API's words: {@code quantity: expected an integer},
 * {@code the JSON ends before it is complete (line 1, column 12)}. Jackson's own messages name Java
 * types, library features and source locations; none of that reaches a client.
 */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{0,64})");
    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile("Unexpected character \\('(.{1,2})' \\(code");
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']{0,32})");

    private JsonProblems() {
    }

    /** The client-facing description of {@code cause}: a JSON problem in words, or an API exception's own text. */
    public static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        ApiException api = ApiException.within(cause);
        if (api != null) {
            return api.getMessage();
        }
        if (cause instanceof JsonMappingException mapping && !(cause instanceof MismatchedInputException mismatch && trailing(mismatch))) {
            return field(mapping);
        }
        if (cause instanceof JacksonException json) {
            return syntax(json);
        }
        return "the request could not be read";
    }

    /** True when the problem is the body's syntax (400), false when it is a field's value (422). */
    public static boolean isSyntax(Throwable cause) {
        return !(cause instanceof JsonMappingException) || (cause instanceof MismatchedInputException m && trailing(m));
    }

    private static boolean trailing(MismatchedInputException e) {
        String text = e.getOriginalMessage();
        return text != null && text.startsWith("Trailing token");
    }

    /** A value that does not fit its field: the field's path and what it should have been. */
    private static String field(JsonMappingException e) {
        String path = path(e);
        String prefix = path.isEmpty() ? "the body" : path;
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            return prefix + ": must be one of " + enumValues(format.getTargetType());
        }
        if (e.getCause() instanceof InputCoercionException || e instanceof InvalidFormatException format
                && format.getValue() instanceof Number n && !fractional(n) && format.getTargetType() != null && numeric(format.getTargetType())) {
            return prefix + ": the number is out of range";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String text = mismatch.getOriginalMessage();
            if (text != null && text.contains("out of range")) {
                return prefix + ": the number is out of range";
            }
            return prefix + ": expected " + kind(mismatch.getTargetType());
        }
        return prefix + ": invalid value";
    }

    /** A body that is not JSON at all. */
    private static String syntax(JacksonException e) {
        String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what;
        Matcher m;
        if (e instanceof JsonEOFException || text.startsWith("Unexpected end-of-input")) {
            what = "the JSON ends before it is complete";
        } else if (text.startsWith("Trailing token")) {
            what = "unexpected data after the JSON value";
        } else if ((m = DUPLICATE.matcher(text)).find()) {
            what = "duplicate field '" + m.group(1) + "'";
        } else if (text.startsWith("Non-standard token")) {
            what = "NaN and Infinity are not JSON numbers";
        } else if ((m = UNEXPECTED_CHARACTER.matcher(text)).find()) {
            what = "unexpected character '" + m.group(1) + "'";
        } else if ((m = UNRECOGNIZED_TOKEN.matcher(text)).find()) {
            what = "unexpected text '" + m.group(1) + "'";
        } else if (e instanceof InputCoercionException || text.contains("out of range")) {
            what = "a number is out of range";
        } else {
            what = "the body is not valid JSON";
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            what += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return what;
    }

    /** {@code items[0].quantity}: the path of the field a mapping problem is about. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean fractional(Number n) {
        if (n instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() > 0;
        }
        return (n instanceof Double || n instanceof Float) && n.doubleValue() % 1 != 0;
    }

    private static boolean numeric(Class<?> type) {
        return type.isPrimitive() && type != boolean.class && type != char.class || Number.class.isAssignableFrom(type);
    }

    /** What a client must send for a Java type, in JSON terms. */
    static String kind(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
                || type == Short.class || type == byte.class || type == Byte.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date-time string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "another type";
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
