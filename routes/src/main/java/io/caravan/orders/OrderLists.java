package io.caravan.orders;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.ListCache;
import io.caravan.platform.http.Paging;
import io.caravan.platform.security.Caller;
import org.apache.camel.Variable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The cached pages of {@code GET /orders}: a user's own list, and the administrators' list of all.
 * A change to an order invalidates its owner's list and the list of all.
 */
@Component
@ConditionalOnService(CaravanService.ORDERS)
public class OrderLists {

    private final ListCache cache;

    OrderLists(StringRedisTemplate redis, OrdersProperties properties) {
        this.cache = new ListCache(redis, properties.cache().ttl());
    }

    /** The cache key of the caller's page: taken before the database is read. */
    public String key(@Variable("caller") Caller caller, @Variable("paging") Paging paging) {
        return cache.key(list(caller.isAdmin() ? null : caller.userId()), paging.page() + ":" + paging.limit());
    }

    public String get(@Variable("cacheKey") String key) {
        return cache.get(key);
    }

    public void put(@Variable("cacheKey") String key, String json) {
        cache.put(key, json);
    }

    /** The lists that show the orders of {@code userId} are stale from now on. */
    public void invalidate(String userId) {
        cache.invalidate(list(userId));
        cache.invalidate(list(null));
    }

    private static String list(String userId) {
        return userId == null ? "orders:all" : "orders:user:" + userId;
    }
}
