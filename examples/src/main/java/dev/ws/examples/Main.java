package dev.ws.examples;

import java.util.Arrays;

/**
 * Entry point of {@code ws-examples.jar}:
 * <pre>
 *   java -jar ws-examples.jar blocking PORT             high-level echo, a virtual thread per connection
 *   java -jar ws-examples.jar server PORT               echo on the engine's NIO server
 *   java -jar ws-examples.jar fuzzclient BASE_URL AGENT drive the client conformance suite
 * </pre>
 * Every echo server answers on {@code /echo}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "blocking" -> HighLevelEcho.main(rest);
            case "server" -> EchoServer.main(rest);
            case "fuzzclient" -> FuzzClient.main(rest);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: java -jar ws-examples.jar (blocking|server) PORT | fuzzclient BASE_URL AGENT");
        System.exit(2);
    }
}
