package io.caravan.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Cached JSON renderings of lists in Redis ({@code GET /products}, {@code GET /orders}), invalidated
 * by a generation counter: a change INCRs {@code caravan:cache:<list>:generation}, and every entry is
 * keyed by the generation it was read under, so no entry read before a change is ever served after it,
 * even when a slow reader stores it late. Old generations expire by their TTL. Redis trouble never
 * fails a request: a failed read is a miss, a failed write or invalidation is logged (the TTL bounds
 * the staleness, and the product/order event consumers invalidate again).
 */
public class ListCache {

    private static final Logger LOG = LoggerFactory.getLogger(ListCache.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;

    public ListCache(StringRedisTemplate redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** The key for {@code page} of {@code list} under the list's current generation (read it before reading the data). */
    public String key(String list, String page) {
        try {
            String generation = redis.opsForValue().get(generationKey(list));
            return "caravan:cache:" + list + ":" + (generation == null ? "0" : generation) + ":" + page;
        } catch (RuntimeException e) {
            LOG.warn("List cache {} unavailable, reading the database: {}", list, e.getMessage());
            return null;
        }
    }

    /** The cached rendering at {@code key}, or null. */
    public String get(String key) {
        if (key == null) {
            return null;
        }
        try {
            return redis.opsForValue().get(key);
        } catch (RuntimeException e) {
            LOG.warn("List cache read failed, reading the database: {}", e.getMessage());
            return null;
        }
    }

    public void put(String key, String json) {
        if (key == null) {
            return;
        }
        try {
            redis.opsForValue().set(key, json, ttl);
        } catch (RuntimeException e) {
            LOG.warn("List cache write failed: {}", e.getMessage());
        }
    }

    /** Every cached page of {@code list} is stale from now on. */
    public void invalidate(String list) {
        try {
            redis.opsForValue().increment(generationKey(list));
        } catch (RuntimeException e) {
            LOG.warn("List cache {} not invalidated (stale for at most {}): {}", list, ttl, e.getMessage());
        }
    }

    private static String generationKey(String list) {
        return "caravan:cache:" + list + ":generation";
    }
}
