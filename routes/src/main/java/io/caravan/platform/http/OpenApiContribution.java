package io.caravan.platform.http;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * What a service adds to the OpenAPI document besides its REST DSL routes: an endpoint that is not a
 * REST DSL route (the media upload, a streaming controller) is still documented.
 */
public interface OpenApiContribution {

    void contribute(OpenAPI api);
}
