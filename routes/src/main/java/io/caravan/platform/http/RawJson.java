package io.caravan.platform.http;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A body that is already JSON (rendered by the database, or taken from a cache): written as it is,
 * alone or inside an envelope, never encoded again as a string.
 */
public record RawJson(@JsonValue @JsonRawValue String json) {

    public static RawJson of(String json) {
        return new RawJson(json);
    }

    @Override
    public String toString() {
        return json;
    }
}
