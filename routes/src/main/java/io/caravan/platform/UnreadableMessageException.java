package io.caravan.platform;

/**
 * A queue or stream message that can never be processed as it is (not JSON, not the expected shape):
 * consumers dead-letter it at once, without retries (decision 9), instead of retrying what cannot change.
 */
public class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException(String description) {
        super(description);
    }
}
