package io.caravan.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Json;
import io.caravan.platform.http.ApiException;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * The one pricing rule of every order, whichever API placed it (decision 12): each line at the
 * product's price when the order is placed; subtotal = Σ price × quantity; fee = {@code fee-rate} of
 * the subtotal, to the cent (half up); total = subtotal + fee. Also the order's row, its items and
 * the events that announce it ({@code order_placed} for the payment step, an order event for caches).
 */
@Component
@ConditionalOnService(CaravanService.ORDERS)
public class Pricing {

    /** A product as the catalog answers it; other fields are ignored. */
    record CatalogProduct(String id, String name, BigDecimal price) {
    }

    private final OrdersProperties properties;
    private final OrderEvents events;

    Pricing(OrdersProperties properties, OrderEvents events) {
        this.properties = properties;
        this.events = events;
    }

    /** The distinct product ids of the order, for the catalog's {@code ?ids=} (validated: letters, digits, - and _). */
    public String productIds(@Variable("placing") OrderRequests.Placing placing) {
        return placing.items().stream().map(OrderRequests.Item::productId).distinct().collect(Collectors.joining(","));
    }

    /**
     * The new order: 404 when a product does not exist, 422 when seed 004's API is used without a
     * profile to ship to. Returns the SQL parameters of the order and its items, and its events.
     */
    public Map<String, Object> order(@Variable("placing") OrderRequests.Placing placing, @Variable("products") String catalogAnswer,
                                     @Variable("customer") Map<String, Object> customer) throws JsonProcessingException {
        Map<String, CatalogProduct> products = Json.MAPPER.readValue(catalogAnswer, new TypeReference<List<CatalogProduct>>() { })
                .stream().collect(Collectors.toMap(CatalogProduct::id, Function.identity()));
        boolean hasProfile = customer != null && Boolean.TRUE.equals(customer.get("hasProfile"));
        if (placing.profileRequired() && !hasProfile) {
            throw ApiException.invalid("create your profile first: the order needs a shipping address");
        }
        String orderId = UUID.randomUUID().toString();
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (OrderRequests.Item item : placing.items()) {
            CatalogProduct product = products.get(item.productId());
            if (product == null) {
                throw ApiException.notFound("no such product: " + item.productId());
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", UUID.randomUUID().toString());
            line.put("line", items.size() + 1);
            line.put("productId", product.id());
            line.put("name", product.name());
            line.put("quantity", item.quantity());
            line.put("price", product.price());
            items.add(line);
            subtotal = subtotal.add(product.price().multiply(BigDecimal.valueOf(item.quantity())));
        }
        BigDecimal fee = fee(subtotal, properties.feeRate());
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", orderId);
        order.put("userId", placing.userId());
        order.put("subtotal", subtotal);
        order.put("fee", fee);
        order.put("total", subtotal.add(fee));
        for (String field : List.of("shippingAddress", "pincode", "city", "country", "phoneNumber")) {
            order.put(field, customer == null ? null : customer.get(field));
        }
        order.put("items", Json.MAPPER.writeValueAsString(items));
        order.put("events", events.placed(orderId, placing.userId(), subtotal.add(fee), items));
        return order;
    }

    /** The fee of a subtotal: {@code rate} of it, to the cent, half up. */
    static BigDecimal fee(BigDecimal subtotal, BigDecimal rate) {
        return subtotal.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }
}
