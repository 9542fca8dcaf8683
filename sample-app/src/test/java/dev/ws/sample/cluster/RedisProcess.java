package dev.ws.sample.cluster;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code redis-server} for the cluster test, on a free loopback port, without persistence,
 * started and stopped (by its PID) here. A smaller twin of the starter's test fixture
 * ({@code dev.ws.boot.cluster.RedisServer}), which this module cannot see.
 */
final class RedisProcess implements AutoCloseable {

    static final String MISSING = "redis-server not found (PATH, /usr/bin, $REDIS_SERVER): skipping the "
            + "cluster test; .ci/run installs it (apt-get install -y redis-server)";

    private final Process process;
    private final Path dir;
    private final int port;

    private RedisProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** A running server, or null when {@code redis-server} is not installed. */
    static RedisProcess startIfInstalled() throws IOException {
        Optional<Path> binary = Stream.concat(
                        Stream.ofNullable(System.getenv("REDIS_SERVER")).filter(s -> !s.isBlank()).map(Path::of),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                                .filter(s -> !s.isBlank()).map(d -> Path.of(d, "redis-server")))
                .filter(Files::isExecutable).findFirst()
                .or(() -> Optional.of(Path.of("/usr/bin/redis-server")).filter(Files::isExecutable));
        if (binary.isEmpty()) {
            return null;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("sample-redis");
        Process p = new ProcessBuilder(binary.get().toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        RedisProcess redis = new RedisProcess(p, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!redis.answersPing()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                redis.close();
                throw new IOException("redis-server did not start on port " + port);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return redis;
    }

    int port() {
        return port;
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(5);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
