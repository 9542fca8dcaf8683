package dev.ws.message;

import static dev.ws.OpCode.OP_BINARY;
import static dev.ws.OpCode.OP_CONTINUATION;
import static dev.ws.OpCode.OP_TEXT;
import static dev.ws.message.WireFrames.bytes;
import static dev.ws.message.WireFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.OpCode;
import dev.ws.WebSocketException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link WebSockets} helpers on real loopback sockets: a server thread runs the gobwas-style
 * echo loop, a client writes raw frames and reads what arrives on the wire.
 */
class WebSocketsLoopbackTest {

    private ServerSocket listener;
    private Socket client;
    /** How the server loop ended: "eof", "closed:CODE:REASON" or "error:CODE". */
    private final CompletableFuture<String> outcome = new CompletableFuture<>();

    /** Starts a server thread that echoes every data message until the connection ends. */
    private void startEchoServer(MessageLimits limits) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = listener.accept()) {
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                for (Message m; (m = WebSockets.readClientData(in, out, limits)) != null; ) {
                    WebSockets.writeServerMessage(out, m.opCode(), m.payload());
                }
                outcome.complete("eof");
            } catch (ConnectionClosedException e) {
                outcome.complete("closed:" + e.status().code() + ":" + e.status().reason());
            } catch (WebSocketException e) {
                outcome.complete("error:" + e.closeCode());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        client.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private List<String> send(WireFrames frames, int expectedFrames) throws IOException {
        client.getOutputStream().write(frames.bytes());
        return WireParser.parse(client.getInputStream(), expectedFrames).stream()
                .map(WireParser.ParsedFrame::toString).toList();
    }

    private String outcome() throws Exception {
        return outcome.get(10, TimeUnit.SECONDS);
    }

    @Test
    void echoesMessagesAndAnswersAPingInsideAFragmentedMessage() throws Exception {
        startEchoServer(MessageLimits.DEFAULT);
        assertThat(send(WireFrames.fromClient().text("hello"), 1)).containsExactly("TEXT fin 'hello'");
        assertThat(send(WireFrames.fromClient().frame(false, OP_BINARY, utf8("ab")).ping("!")
                .frame(true, OP_CONTINUATION, utf8("cd")), 2)).containsExactly("PONG fin 21", "BINARY fin 'abcd'");
        client.shutdownOutput();
        assertThat(outcome()).isEqualTo("eof");
    }

    @Test
    void answersACloseWithTheSameCodeAndReason() throws Exception {
        startEchoServer(MessageLimits.DEFAULT);
        assertThat(send(WireFrames.fromClient().close(4000, "done"), 1)).containsExactly("CLOSE fin 0fa0646f6e65");
        assertThat(outcome()).isEqualTo("closed:4000:done");
    }

    @Test
    void closesWith1007OnInvalidUtf8AcrossFragments() throws Exception {
        startEchoServer(MessageLimits.DEFAULT);
        List<String> reply = send(WireFrames.fromClient().frame(false, OP_TEXT, utf8("ok"))
                .frame(true, OP_CONTINUATION, bytes(0xED, 0xA0, 0x80)), 1); // a surrogate
        assertThat(reply).singleElement().asString().startsWith("CLOSE fin 03ef");
        assertThat(outcome()).isEqualTo("error:1007");
    }

    @Test
    void closesWith1009WhenAMessageExceedsTheLimit() throws Exception {
        startEchoServer(MessageLimits.of(1000));
        List<String> reply = send(WireFrames.fromClient().frame(false, OP_BINARY, new byte[600])
                .frame(true, OP_CONTINUATION, new byte[600]), 1);
        assertThat(reply).singleElement().asString().startsWith("CLOSE fin 03f1");
        assertThat(outcome()).isEqualTo("error:1009");
    }

    @Test
    void closesWith1002OnAnUnmaskedClientFrame() throws Exception {
        startEchoServer(MessageLimits.DEFAULT);
        assertThat(send(WireFrames.fromServer().text("unmasked"), 1)).singleElement().asString()
                .startsWith("CLOSE fin 03ea");
        assertThat(outcome()).isEqualTo("error:1002");
    }

    @Test
    void clientHelpersMaskACopyAndAnswerTheServersPing() throws Exception {
        startEchoServer(MessageLimits.DEFAULT);
        byte[] payload = utf8("client says hi");
        WebSockets.writeClientMessage(client.getOutputStream(), OpCode.TEXT, payload);
        assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("client says hi");
        Message echoed = WebSockets.readServerData(client.getInputStream(), client.getOutputStream());
        assertThat(echoed).isEqualTo(Message.text("client says hi"));
        WebSockets.writeClientMessage(client.getOutputStream(), OpCode.BINARY, new byte[] {1, 2, 3});
        assertThat(WebSockets.readServerData(client.getInputStream(), client.getOutputStream()).payload())
                .containsExactly(1, 2, 3);
        client.shutdownOutput();
        assertThat(outcome()).isEqualTo("eof");
    }

    @Test
    void readServerDataAnswersAPingWithAMaskedPong() throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<List<WireParser.ParsedFrame>> seenByServer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket s = listener.accept()) {
                s.getOutputStream().write(WireFrames.fromServer().ping("keepalive").text("data").bytes());
                seenByServer.complete(WireParser.parse(s.getInputStream(), 1));
            } catch (Throwable e) {
                seenByServer.completeExceptionally(e);
            }
        });
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        client.setSoTimeout(10_000);
        Message m = WebSockets.readServerData(client.getInputStream(), client.getOutputStream());
        assertThat(m).isEqualTo(Message.text("data"));
        WireParser.ParsedFrame pong = seenByServer.get(10, TimeUnit.SECONDS).get(0);
        assertThat(pong.opcode()).isEqualTo(OpCode.OP_PONG);
        assertThat(pong.masked()).isTrue();
        assertThat(pong.text()).isEqualTo("keepalive");
    }
}
