package io.caravan.identity;

import java.time.Duration;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Failed logins per client address (Bucket4j): {@code failures} allowed per {@code window}, refilled
 * gradually; a client that used them up gets 429 before its credentials are even checked.
 */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
public class LoginThrottle {

    private final int failures;
    private final Duration window;
    /** A client's bucket is forgotten one window after its last failure: by then it is full again. */
    private final ConcurrentMap<String, Bucket> buckets;

    LoginThrottle(IdentityProperties properties) {
        this.failures = properties.loginLimit().failures();
        this.window = properties.loginLimit().window();
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(100_000).<String, Bucket>build().asMap();
    }

    /** 429 when this client has no failed attempts left. */
    public void check(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket != null && bucket.getAvailableTokens() <= 0) {
            throw new ApiException(429, "Too Many Requests", "too many failed logins; try again later");
        }
    }

    public void failed(String client) {
        buckets.computeIfAbsent(client, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build()).build())
                .tryConsume(1);
    }
}
