package dev.ws.bench.peers;

/**
 * Entry point of {@code peers.jar}: {@code (netty|jetty) PORT}. Starts the chosen echo server, prints one line
 * {@code READY <name> <port>} on standard output once it accepts connections, and runs until the process is
 * stopped (SIGTERM stops the server gracefully through a shutdown hook).
 */
public final class Main {

    private Main() {
    }

    /**
     * Starts a peer server.
     *
     * @param args {@code netty PORT} or {@code jetty PORT}
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            usage();
        }
        int port = Integer.parseInt(args[1]);
        AutoCloseable server = switch (args[0]) {
            case "netty" -> NettyEchoServer.start(port);
            case "jetty" -> JettyEchoServer.start(port);
            default -> {
                usage();
                yield null;
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stop failed: " + e);
            }
        }, "peer-shutdown"));
        System.out.println("READY " + args[0] + " " + port);
        Thread.currentThread().join();
    }

    private static void usage() {
        System.err.println("usage: java -jar peers.jar (netty|jetty) PORT");
        System.exit(2);
    }
}
