package dev.ws.examples;

/** Entry point of {@code ws-examples.jar}: {@code MODE PORT [ARGS]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.err.println("usage: java -jar ws-examples.jar (blocking|server) PORT | fuzzclient BASE_URL AGENT");
        System.exit(2);
    }
}
