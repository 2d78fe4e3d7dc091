package io.caravan.catalog;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The product bodies the catalog accepts: seed 000's (stock is {@code quantity}) and seed 004's ({@code stock}). */
final class ProductRequests {

    private ProductRequests() {
    }

    /** {@code POST /products}, {@code PUT /products/{id}}: {@code {"name","price","quantity"}}, description optional. */
    record Product(
            @NotBlank(message = "is required") @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @NotNull(message = "is required") @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
            @NotNull(message = "is required") @Min(0) @Max(1_000_000_000) Integer quantity) {
    }

    /** Seed 004's {@code create-product} and {@code update-product}: {@code {"name","description","price","stock"}}. */
    record ProductV1(
            @NotBlank(message = "is required") @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @NotNull(message = "is required") @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
            @NotNull(message = "is required") @Min(0) @Max(1_000_000_000) Integer stock) {
    }
}
