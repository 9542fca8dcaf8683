package dev.ws.boot.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package) for the tests: on a free loopback port, in a
 * temporary directory, without persistence, started and stopped by this test by its process (PID),
 * restartable on the same port. Test classes start one in {@code @BeforeAll} with
 * {@link #startIfInstalled()} and call {@link #assumeInstalled(RedisServer)} in
 * {@code @BeforeEach}, so that each test is reported skipped, with the reason, when no binary
 * exists ({@code .ci/run} installs it). {@code REDIS_SERVER} may name the binary.
 */
public final class RedisServer implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** Why a Redis test is skipped. */
    public static final String MISSING = "redis-server not found (PATH, /usr/bin, $REDIS_SERVER): skipping "
            + "this Redis test; .ci/run installs it (apt-get install -y redis-server)";

    /** Starts a server, or returns null when {@code redis-server} is not installed. */
    public static RedisServer startIfInstalled() throws IOException {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            return null;
        }
        RedisServer server = new RedisServer(binary.get(), Files.createTempDirectory("ws-redis"), freePort());
        server.start();
        return server;
    }

    /** Skips the calling test (JUnit assumption, with {@link #MISSING}) when there is no server. */
    public static void assumeInstalled(RedisServer server) {
        Assumptions.assumeTrue(server != null, MISSING);
    }

    static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("REDIS_SERVER");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(d, "redis-server"));
            }
        }
        candidates.add(Path.of("/usr/bin/redis-server"));
        candidates.add(Path.of("/usr/local/bin/redis-server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server and waits until it answers PING (10 s at most). */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(dir.resolve("redis.log")) ? Files.readString(dir.resolve("redis.log")) : "";
                stop();
                throw new IOException("redis-server did not start on port " + port + ":\n" + log);
            }
            sleep(20);
        }
    }

    /** Stops the server by its PID (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
    public synchronized void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Runs one command over a fresh connection and returns the reply's first line ({@code +PONG},
     * {@code :3}, {@code -ERR ...}); bulk replies are returned as their content.
     */
    public String command(String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(5000);
            StringBuilder out = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) {
                out.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream o = s.getOutputStream();
            o.write(out.toString().getBytes(StandardCharsets.UTF_8));
            o.flush();
            InputStream in = s.getInputStream();
            String line = line(in);
            if (line.startsWith("$") && !line.equals("$-1")) {
                return line(in);
            }
            return line;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            b.append((char) c);
        }
        if (c == -1 && b.isEmpty()) {
            throw new IOException("connection closed");
        }
        return b.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + binary + " on " + port + (isRunning() ? ", running]" : ", stopped]");
    }
}
