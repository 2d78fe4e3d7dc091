package io.caravan.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Json;
import io.caravan.platform.http.ApiException;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** What the catalog routes compute: the SQL parameters of products and of the events that announce their changes. */
@Component
@ConditionalOnService(CaravanService.CATALOG)
public class Products {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_IDS = 100;

    private final CatalogProperties properties;

    Products(CatalogProperties properties) {
        this.properties = properties;
    }

    /** The columns of a new product (seed 000's body), with its id. */
    public Map<String, Object> created(@Body ProductRequests.Product p) {
        return columns(UUID.randomUUID().toString(), p.name(), p.description(), p.price(), p.quantity());
    }

    public Map<String, Object> createdV1(@Body ProductRequests.ProductV1 p) {
        return columns(UUID.randomUUID().toString(), p.name(), p.description(), p.price(), p.stock());
    }

    /** The columns of a product's full update. */
    public Map<String, Object> updated(@Body ProductRequests.Product p, @Header("id") String id) {
        return columns(id, p.name(), p.description(), p.price(), p.quantity());
    }

    public Map<String, Object> updatedV1(@Body ProductRequests.ProductV1 p, @Header("id") String id) {
        return columns(id, p.name(), p.description(), p.price(), p.stock());
    }

    /** {@code ?ids=a,b,c}: at most 100 well-formed ids, else 422. */
    public Map<String, Object> ids(@Header("ids") String ids) {
        List<String> list = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                if (!ID.matcher(id.trim()).matches()) {
                    throw ApiException.invalid("ids: '" + id.trim().replaceAll("[^\\w-]", "?") + "' is not a product id");
                }
                list.add(id.trim());
            }
        }
        if (list.isEmpty() || list.size() > MAX_IDS) {
            throw ApiException.invalid("ids: give 1 to " + MAX_IDS + " product ids, separated by commas");
        }
        return Map.of("ids", list);
    }

    Map<String, Object> productEvent(String type, Object product) {
        Map<String, Object> event = new LinkedHashMap<>();
        String eventId = UUID.randomUUID().toString();
        event.put("eventId", eventId);
        event.put("type", type);
        event.put("productId", product instanceof com.fasterxml.jackson.databind.JsonNode node ? node.get("id").asText() : null);
        event.put("product", product);
        return Map.of("eventId", eventId, "stream", properties.streams().products(), "event", event);
    }

    /** The SQL parameters of a delete: the id, and the event that will announce it. */
    public Map<String, Object> deleted(@Header("id") String id) {
        return columns(id, "", null, null, null);
    }

    /** A product's columns, and the id and stream of the event that announces the change (written in the same statement). */
    private Map<String, Object> columns(String id, String name, String description, Object price, Integer stock) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("eventId", UUID.randomUUID().toString());
        columns.put("stream", properties.streams().products());
        columns.put("id", id);
        columns.put("name", name.trim());
        columns.put("description", description);
        columns.put("price", price);
        columns.put("stock", stock);
        return columns;
    }
}
