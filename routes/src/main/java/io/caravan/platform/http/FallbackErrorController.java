package io.caravan.platform.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container answers when no route took the request: an unknown path is 404
 * "Endpoint Not Found", a known path with the wrong method is 405 with the method as title (seed
 * 001's contract), anything else the status with its reason; always the JSON error body.
 */
@RestController
public class FallbackErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}")
    public ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        ApiError body = switch (status) {
            case 404 -> new ApiError(404, "Endpoint Not Found", "Endpoint Not Found");
            case 405 -> new ApiError(405, request.getMethod(), "Method Not Allowed");
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                String reason = known == null ? "Error" : known.getReasonPhrase();
                yield new ApiError(status, reason, reason);
            }
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
