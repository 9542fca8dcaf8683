package dev.ws.examples;

import dev.ws.Handshake;
import dev.ws.HandshakeRejectedException;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.Upgrader;
import dev.ws.WebSocketException;
import dev.ws.message.ConnectionClosedException;
import dev.ws.message.DefaultControlHandler;
import dev.ws.message.FrameWriter;
import dev.ws.message.MessageInputStream;
import dev.ws.message.MessageLimits;
import dev.ws.message.MessageReader;
import dev.ws.message.MessageWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's third example: "the same pattern to read and write structured responses through a
 * JSON encoder and decoder". Jackson reads each {@link Request} straight from the message stream
 * and writes the {@link Response} straight into a message writer: no intermediate byte array or
 * string, as {@code json.NewDecoder(r)} / {@code json.NewEncoder(w)} over {@code wsutil}'s reader
 * and writer.
 *
 * <p>Jackson's generator closes its target when it is done (which ends the message with its final
 * frame), and its flushes are not passed on: on a {@link MessageWriter} a flush sends a fragment, and
 * a response should not be split for nothing. A message that is not a request (bad JSON, wrong
 * shape) gets a {@link Response} with an {@code error}; the connection stays open. Errors of the
 * connection itself (a protocol violation inside the JSON, the client's close) come through
 * Jackson wrapped in {@link JacksonIOException} and are unwrapped, so they end the connection.
 */
public final class JsonRequestResponse {

    /** A call of {@code method} ({@code "sum"} or {@code "max"}) on {@code params}. */
    public record Request(long id, String method, List<Double> params) {
    }

    /** The answer to the request with the same {@code id}: a {@code result}, or an {@code error}. */
    public record Response(long id, Double result, String error) {

        static Response ok(long id, double result) {
            return new Response(id, result, null);
        }

        static Response error(long id, String error) {
            return new Response(id, null, error);
        }
    }

    private static final System.Logger LOG = System.getLogger(JsonRequestResponse.class.getName());
    private static final Upgrader UPGRADER = Upgrader.builder().build();
    /** Thread-safe once built: every connection shares it. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private JsonRequestResponse() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        try (ServerSocket listener = new ServerSocket(port)) {
            System.out.println("JSON requests on ws://127.0.0.1:" + listener.getLocalPort()
                    + "/, e.g. {\"id\":1,\"method\":\"sum\",\"params\":[1,2]}");
            serve(listener);
        }
    }

    /** Accepts connections until {@code listener} is closed, a virtual thread each. */
    public static void serve(ServerSocket listener) throws IOException {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                if (listener.isClosed()) {
                    return;
                }
                throw e;
            }
            Thread.ofVirtual().name("json-", socket.getPort()).start(() -> handle(socket));
        }
    }

    private static void handle(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // frames go out whole: Nagle could only delay them
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            try {
                socket.setSoTimeout(Connections.HANDSHAKE_TIMEOUT_MILLIS); // a client stalling in the handshake
                Handshake handshake = UPGRADER.upgrade(in, out);
                socket.setSoTimeout(0); // then messages may come as slowly as they like
                serveRequests(handshake.input(), out);
            } catch (HandshakeRejectedException | ConnectionClosedException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            } catch (WebSocketException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} failed: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            }
            Connections.closeGracefully(socket, in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    /** Answers each message with one text message, until the client closes or the stream ends. */
    static void serveRequests(InputStream in, OutputStream out) throws IOException {
        FrameWriter frames = FrameWriter.server(out);
        MessageReader reader = new MessageReader(in, Side.SERVER, MessageLimits.DEFAULT,
                new DefaultControlHandler(frames));
        MessageInputStream message;
        while ((message = reader.nextMessage()) != null) {
            Response response;
            try {
                response = answer(JSON.readValue(message, Request.class));
            } catch (JacksonIOException e) {
                throw e.getCause(); // the connection failed, not the JSON
            } catch (JacksonException e) {
                response = Response.error(0, "bad request: " + e.getOriginalMessage());
            }
            try (MessageWriter writer = frames.newMessage(OpCode.TEXT)) {
                JSON.writeValue(writer, response);
            }
        }
    }

    static Response answer(Request request) {
        List<Double> params = request.params() == null ? List.of() : request.params();
        if (params.stream().anyMatch(Objects::isNull)) {
            return Response.error(request.id(), "params must be numbers");
        }
        return switch (request.method() == null ? "" : request.method()) {
            case "sum" -> Response.ok(request.id(), params.stream().mapToDouble(Double::doubleValue).sum());
            case "max" -> params.isEmpty() ? Response.error(request.id(), "max of nothing")
                    : Response.ok(request.id(), params.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            default -> Response.error(request.id(), "unknown method \"" + request.method() + "\"");
        };
    }
}
