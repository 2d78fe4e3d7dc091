package io.caravan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(String text, int number) {
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        assertThat(Json.MAPPER.readValue("{\"text\":\"a\",\"number\":1,\"other\":[1]}", Sample.class)).isEqualTo(new Sample("a", 1));
    }

    @Test
    void scalarsAreNeverCoercedAcrossTypes() {
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"text\":123}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"text\":false}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"number\":\"12\"}", Sample.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void trailingContentAndDuplicateKeysAreErrors() {
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"text\":\"a\"} x", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"text\":\"a\",\"text\":\"b\"}", Sample.class)).isInstanceOf(JacksonException.class);
    }
}
