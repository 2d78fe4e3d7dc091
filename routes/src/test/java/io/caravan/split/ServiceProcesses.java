package io.caravan.split;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.yaml.snakeyaml.Yaml;

/**
 * The production jar launched as separate processes, one per service, each with the environment its
 * Kubernetes Deployment gives it (the variable names are read from {@code k8s/base/services/<name>.yaml}),
 * plus what a pod has of its own: ports (here each process its own), a host name, PATH and HOME.
 * Every process started here is killed by {@link #close()}, by the JVM's shutdown hook if the run is
 * interrupted, and by {@code .ci/run} from the pid file if this JVM itself is killed.
 */
final class ServiceProcesses implements AutoCloseable {

    /** Variables a Deployment defines only to build a connection URL from Secrets; the URLs here are complete. */
    private static final Set<String> URL_PARTS = Set.of("REDIS_PASSWORD", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD",
            "MONGODB_USERNAME", "MONGODB_PASSWORD");

    private final Path jar;
    private final Path runDir;
    private final Path manifests;
    private final Path pidFile;
    private final List<Service> started = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook = new Thread(this::killAll, "split-proof-cleanup");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One running service process: its Deployment, ports, log. */
    record Service(String name, String deployment, int port, int managementPort, Path log, Process process) {

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        String logText() throws IOException {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        }
    }

    ServiceProcesses(Path jar, Path runDir, Path manifests) {
        this.jar = jar;
        this.runDir = runDir;
        this.manifests = manifests;
        this.pidFile = runDir.resolve("pids");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Remembers a process this run started (the MongoDB server), so it is killed with the services. */
    void adopt(String name, Process process) throws IOException {
        started.add(new Service(name, name, 0, 0, runDir.resolve(name + ".log"), process));
        Files.writeString(pidFile, process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Starts the jar as {@code name}, running the Deployment {@code deployment}, with the values of the
     * variables that Deployment defines. A variable the Deployment defines without a value here fails.
     */
    Service start(String name, String deployment, Map<String, String> values) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path dir = Files.createDirectories(runDir.resolve(name));
        Path tmp = Files.createDirectories(dir.resolve("tmp")); // the pod's /tmp: Tomcat, the converter's work files
        Map<String, String> deploymentEnv = environment(deployment, values);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-Xss512k"));
        // the small collector for nine JVMs on one machine, unless the Deployment's JVM options pick one (two is an error)
        if (!deploymentEnv.getOrDefault("JAVA_TOOL_OPTIONS", "").matches(".*-XX:\\+Use\\w+GC.*")) {
            command.add("-XX:+UseSerialGC");
        }
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(deploymentEnv);
        // what the pod has of its own: its ports (here one pair per process), its name, a PATH for ffmpeg
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("CARAVAN_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("CARAVAN_MANAGEMENT_ADDRESS", "127.0.0.1");
        env.put("HOSTNAME", "caravan-" + name);
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", dir.toString());
        Process process = builder.start();
        Service service = new Service(name, deployment, port, managementPort, dir.resolve("out.log"), process);
        started.add(service);
        Files.writeString(pidFile, process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return service;
    }

    /** The variables of the Deployment's container, each with its value here (URL parts left out). */
    Map<String, String> environment(String deployment, Map<String, String> values) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> variable : deploymentVariables(deployment).entrySet()) {
            String name = variable.getKey();
            if (URL_PARTS.contains(name)) {
                continue;
            }
            String value = values.containsKey(name) ? values.get(name) : literal(variable.getValue());
            if (value == null) {
                throw new IllegalStateException("k8s/base/services/" + deployment + ".yaml gives " + name + ", which the proof has no value for");
            }
            env.put(name, value);
        }
        return env;
    }

    /** Each variable of the Deployment's one container, with its literal value or {@code null} (from a Secret or ConfigMap). */
    @SuppressWarnings("unchecked")
    Map<String, Object> deploymentVariables(String deployment) throws IOException {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Object document : new Yaml().loadAll(Files.readString(manifests.resolve(deployment + ".yaml")))) {
            Map<String, Object> resource = (Map<String, Object>) document;
            if (resource == null || !"Deployment".equals(resource.get("kind"))) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) resource.get("spec")).get("template")).get("spec");
            Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).get(0);
            for (Map<String, Object> env : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                variables.put((String) env.get("name"), env.get("value"));
            }
        }
        if (variables.isEmpty()) {
            throw new IllegalStateException("no Deployment with variables in k8s/base/services/" + deployment + ".yaml");
        }
        return variables;
    }

    private static String literal(Object value) {
        // a literal that builds a URL from Secrets ($(REDIS_PASSWORD)...) has no meaning here
        return value == null || value.toString().contains("$(") ? null : value.toString();
    }

    /** Waits until every service answers its readiness probe; a process that dies fails at once, with its log. */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long t0 = System.nanoTime();
        Set<String> pending = new LinkedHashSet<>();
        started.stream().filter(s -> s.port() > 0).forEach(s -> pending.add(s.name()));
        while (!pending.isEmpty()) {
            for (Service service : started) {
                if (!pending.contains(service.name())) {
                    continue;
                }
                if (!service.process().isAlive()) {
                    throw new IllegalStateException(service.name() + " exited with " + service.process().exitValue() + ":\n" + tail(service, 60));
                }
                if (ready(service)) {
                    pending.remove(service.name());
                    System.out.printf("  ready: %-13s api :%d, management :%d, after %d s%n", service.name(), service.port(),
                            service.managementPort(), (System.nanoTime() - t0) / 1_000_000_000);
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                for (Service service : started) {
                    if (pending.contains(service.name())) {
                        logs.append("\n--- ").append(service.name()).append(" ---\n").append(tail(service, 30));
                    }
                }
                throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: " + pending + logs);
            }
            Thread.sleep(250);
        }
    }

    private boolean ready(Service service) {
        try {
            HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort() + "/observe/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build();
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of a service's log. */
    static String tail(Service service, int lines) {
        try {
            List<String> all = service.logText().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL of a service and of whatever it started (ffmpeg), as when its pod is killed. */
    static void kill(Service service) {
        List<ProcessHandle> children = service.process().descendants().toList();
        service.process().destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    List<Service> services() {
        return new ArrayList<>(started);
    }

    /** Stops every process: SIGTERM (Spring's graceful shutdown), SIGKILL for what is still running after 20 s. */
    @Override
    public void close() throws InterruptedException {
        for (Service service : started) {
            service.process().descendants().forEach(ProcessHandle::destroy);
            service.process().destroy();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Service service : started) {
            long left = Math.max(0, deadline - System.nanoTime());
            service.process().waitFor(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void killAll() {
        started.forEach(ServiceProcesses::kill);
    }

    /** The runtime of the service processes: {@code -Dcaravan.split.java-home} (CI: the image's Java 25), else this JVM's. */
    static String javaBinary() {
        String home = System.getProperty("caravan.split.java-home", "");
        return Path.of(home.isBlank() ? System.getProperty("java.home") : home, "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
