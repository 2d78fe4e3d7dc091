package io.caravan.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB wire server (mongo-java-server, H2 store) in a process of its own, as a real deployment
 * has it: the media benchmark measures its platform JVM without it, the split-process proof's services
 * reach it over the network like any MongoDB.
 */
public final class MongoServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private MongoServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MongoServerProcess start(Path store) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g",
                "-cp", System.getProperty("java.class.path"), MongoServerProcess.class.getName(), store.toString(), Integer.toString(port))
                .inheritIO().start();
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new MongoServerProcess(process, port);
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the MongoDB server process did not start");
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port + "/caravan";
    }

    /** The server's process, to be killed with the others whatever happens. */
    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The child: serves an H2-backed store on 127.0.0.1:port until killed. */
    public static void main(String[] args) throws Exception {
        MongoServer server = new MongoServer(new H2Backend(args[0]));
        server.bind("127.0.0.1", Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        Thread.currentThread().join();
    }
}
