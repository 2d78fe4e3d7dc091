package io.caravan.platform.management;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The management port's login (decision 15): health and the Prometheus scrape answer anyone (probes
 * and Prometheus come without credentials; the port is never public, and health shows only its status
 * then), everything else (Jolokia, Hawtio, health details) needs HTTP Basic with
 * {@code caravan.management.username/password}. Without a configured login nobody gets in (403).
 * A cross-site write is refused: a request whose {@code Origin} is not the management port itself is
 * 403, so a page elsewhere cannot use a browser's remembered login to call Jolokia.
 */
final class ManagementLogin extends OncePerRequestFilter {

    static final String REALM = "Caravan management";

    private final List<String> openPaths;
    private final ManagementProperties login;

    /** {@code basePath} is the management base path ({@code /observe}); its health and metrics paths are open. */
    ManagementLogin(String basePath, ManagementProperties login) {
        this.openPaths = List.of(basePath + "/health", basePath + "/metrics");
        this.login = login;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (crossSite(request)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "cross-site request refused");
            return;
        }
        String[] credentials = basicCredentials(request);
        if (credentials != null) {
            if (!login.loginConfigured()) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "no management login is configured (CARAVAN_MANAGEMENT_USERNAME / _PASSWORD)");
            } else if (matches(credentials)) {
                chain.doFilter(new LoggedIn(request, login.username()), response);
            } else {
                challenge(response);
            }
        } else if (open(request)) {
            chain.doFilter(request, response);
        } else if (!login.loginConfigured()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "no management login is configured (CARAVAN_MANAGEMENT_USERNAME / _PASSWORD)");
        } else {
            challenge(response);
        }
    }

    /** The path as the servlet container resolved it (decoded, dot segments removed), not the raw URI. */
    private boolean open(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return openPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    private boolean matches(String[] credentials) {
        // both compared in full, in constant time, so timing tells nothing about either
        boolean user = MessageDigest.isEqual(bytes(credentials[0]), bytes(login.username()));
        boolean password = MessageDigest.isEqual(bytes(credentials[1]), bytes(login.password()));
        return user & password;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** user and password of an {@code Authorization: Basic} header; null when there is none or it is malformed. */
    static String[] basicCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A browser request from another origin than this port (browsers send Origin on every non-GET and cross-origin request). */
    private static boolean crossSite(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            String host = request.getHeader("Host");
            return host == null || !(uri.getHost() + ":" + port).equalsIgnoreCase(host.contains(":") ? host : host + ":" + port);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static void challenge(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "log in with the management credentials");
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"title\":\"" + (status == 401 ? "Unauthorized" : "Forbidden")
                + "\",\"description\":\"" + reason + "\"}");
    }

    /** The request of a logged-in operator: actuator's "when-authorized" health details see the principal. */
    private static final class LoggedIn extends HttpServletRequestWrapper {

        private final Principal principal;

        LoggedIn(HttpServletRequest request, String username) {
            super(request);
            this.principal = () -> username;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }
    }
}
