package io.caravan.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The order bodies orders accepts: seed 000's single item, seed 004's list of items. */
final class OrderRequests {

    static final String ID = "[A-Za-z0-9_-]{1,64}";
    static final String ID_MESSAGE = "must be a product id (letters, digits, - and _)";

    private OrderRequests() {
    }

    /** {@code POST /orders}: {@code {"product_id","quantity"}} (seed 000's names, so its field errors name them too). */
    record SingleItem(
            @NotBlank(message = "is required") @Pattern(regexp = ID, message = ID_MESSAGE) String product_id,
            @NotNull(message = "is required") @Min(1) @Max(1000) Integer quantity) {
    }

    /** {@code POST /v1/orders/create-order}: {@code {"userId","items":[{"productId","quantity"}]}}. */
    record ManyItems(
            @NotBlank(message = "is required") @Size(max = 64) String userId,
            @NotEmpty(message = "is required") @Size(max = 50) @Valid List<Item> items) {
    }

    record Item(
            @NotBlank(message = "is required") @Pattern(regexp = ID, message = ID_MESSAGE) String productId,
            @NotNull(message = "is required") @Min(1) @Max(1000) Integer quantity) {
    }

    /** An order to place, whichever API asked: for whom, what, and whether a profile is required (004). */
    record Placing(String userId, List<Item> items, boolean profileRequired) {
    }
}
