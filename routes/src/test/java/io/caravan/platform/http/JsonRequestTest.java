package io.caravan.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The platform's one rule for JSON request bodies: 400 unreadable, 413 too large, 422 a field wrong; always in the API's words. */
class JsonRequestTest {

    enum Colour { RED, GREEN }

    record Line(@NotBlank String productId, @NotNull @Positive Integer quantity) {
    }

    record Order(@NotBlank(message = "is required") String name,
                 @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
                 int count, boolean gift, Colour colour, @Valid List<Line> items) {
    }

    private static final JsonRequest<Order> ORDER = JsonRequest.of(Order.class);

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String body) {
        return assertThatThrownBy(() -> ORDER.read(body == null ? null : body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class);
    }

    private static int status(String body) {
        try {
            ORDER.read(body.getBytes(StandardCharsets.UTF_8));
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    private static String description(String body) {
        try {
            ORDER.read(body.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("accepted: " + body);
        } catch (ApiException e) {
            return e.getMessage();
        }
    }

    @Test
    void aValidBodyIsRead() {
        Order order = ORDER.read("{\"name\":\"n\",\"price\":29.99,\"count\":2,\"gift\":true,\"colour\":\"RED\",\"other\":1,\"items\":[]}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(order.price()).isEqualByComparingTo("29.99");
        assertThat(order.colour()).isEqualTo(Colour.RED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "null", "[]", "[{}]", "\"x\"", "42", "true", "{", "{\"name\":\"a\"", "{\"name\":\"a\"} {}",
        "{\"name\":\"a\",\"name\":\"b\"}", "{\"price\":NaN}", "{\"price\":Infinity}", "{\"price\":-Infinity}", "{name:1}", "{'name':'a'}",
        "\u0000", "<xml/>", "{\"name\":\"a\",}"})
    void aBodyThatIsNotAJsonObjectIs400(String body) {
        refused(body).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }

    @Test
    void theDescriptionsAreTheApisOwnWords() {
        assertThat(description("")).isEqualTo("a JSON body is required");
        assertThat(description("null")).isEqualTo("the body must be a JSON object");
        assertThat(description("[]")).isEqualTo("the body must be a JSON object");
        assertThat(description("{\"name\":\"a\"")).startsWith("the JSON ends before it is complete (line 1");
        assertThat(description("{\"name\":\"a\"} x")).startsWith("unexpected");
        assertThat(description("{\"name\":\"a\",\"name\":\"b\"}")).startsWith("duplicate field 'name'");
        assertThat(description("{\"price\":NaN}")).startsWith("NaN and Infinity are not JSON numbers");
        assertThat(description("{\"name\":123,\"price\":1}")).isEqualTo("name: expected a string");
        assertThat(description("{\"name\":\"a\",\"price\":\"1\"}")).isEqualTo("price: expected a number");
        assertThat(description("{\"name\":\"a\",\"price\":1,\"count\":1.5}")).isEqualTo("count: expected an integer");
        assertThat(description("{\"name\":\"a\",\"price\":1,\"count\":99999999999}")).isEqualTo("count: the number is out of range");
        assertThat(description("{\"name\":\"a\",\"price\":1,\"gift\":\"yes\"}")).isEqualTo("gift: expected true or false");
        assertThat(description("{\"name\":\"a\",\"price\":1,\"colour\":\"BLUE\"}")).isEqualTo("colour: must be one of red, green");
        assertThat(description("{\"name\":\"a\",\"price\":1,\"items\":{}}")).isEqualTo("items: expected an array");
        assertThat(description("{\"name\":\"a\",\"price\":1,\"items\":[{\"productId\":\"p\",\"quantity\":\"2\"}]}"))
                .isEqualTo("items[0].quantity: expected an integer");
        assertThat(description("{\"price\":1}")).isEqualTo("name: is required");
        assertThat(description("{\"name\":\"a\",\"price\":-1}")).isEqualTo("price: must be greater than or equal to 0.00");
        assertThat(description("{\"name\":\"a\",\"price\":1e400}")).startsWith("price: numeric value out of bounds");
        assertThat(description("{\"name\":\"a\",\"price\":1,\"items\":[{\"productId\":\"p\",\"quantity\":0}]}"))
                .isEqualTo("items[0].quantity: must be greater than 0");
        assertThat(description("{}")).isEqualTo("name: is required; price: must not be null");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":123,\"price\":1}|422", "{\"name\":\"a\",\"price\":1,\"count\":99999999999}|422", "{\"price\":1}|422",
        "{\"name\":\"a\",\"price\":1,\"colour\":\"BLUE\"}|422", "{\"name\":\"a\"|400", "[]|400"})
    void fieldProblemsAre422AndSyntaxProblems400(String body, int expected) {
        assertThat(status(body)).isEqualTo(expected);
    }

    @Test
    void noDescriptionNamesAJavaTypeALibraryOrASourceLocation() {
        for (String body : List.of("{", "[]", "{\"name\":[],\"price\":1}", "{\"name\":{},\"price\":1}", "{\"price\":NaN}", "{\"name\":\"a\"}}",
                "{\"name\":\"a\",\"price\":{}}", "{\"name\":\"a\",\"price\":1,\"colour\":7}", "{\"name\":\"a\",\"price\":1,\"items\":[1]}")) {
            assertThat(description(body)).as(body)
                    .doesNotContain("java.").doesNotContain("io.caravan").doesNotContain("com.fasterxml").doesNotContain("Source:")
                    .doesNotContain("$").doesNotContain("Jackson").doesNotContain("`").doesNotContain("Feature");
        }
    }

    @Test
    void aBodyOverTheLimitIs413() {
        JsonRequest<Order> small = ORDER.maxBytes(16);
        assertThatThrownBy(() -> small.read("{\"name\":\"aaaaaaaaaaaaaaaaaaaa\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }
}
