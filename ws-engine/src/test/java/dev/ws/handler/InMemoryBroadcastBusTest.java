package dev.ws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.server.PreparedMessage;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Registries linked by one in-memory bus behave as nodes of a cluster: targets resolve on each node. */
class InMemoryBroadcastBusTest {

    private final InMemoryBroadcastBus busA = new InMemoryBroadcastBus();
    private final InMemoryBroadcastBus busB = busA.newNode();
    private final WsSessionRegistry nodeA = new WsSessionRegistry(null, busA);
    private final WsSessionRegistry nodeB = new WsSessionRegistry(null, busB);

    private static FakeSession session(WsSessionRegistry node, String route) {
        FakeSession s = new FakeSession(route);
        node.register(s);
        return s;
    }

    private static FakeSession user(WsSessionRegistry node, String name) {
        FakeSession s = new FakeSession("/me");
        s.attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, (Principal) () -> name);
        node.register(s);
        return s;
    }

    @Test
    void groupMessageReachesMembersOnEveryNodeButTheSender() {
        FakeSession sender = session(nodeA, "/chat/{room}");
        FakeSession peerA = session(nodeA, "/chat/{room}");
        FakeSession peerB = session(nodeB, "/chat/{room}");
        FakeSession elsewhereB = session(nodeB, "/chat/{room}");
        nodeA.join(sender, "lobby");
        nodeA.join(peerA, "lobby");
        nodeB.join(peerB, "lobby");
        nodeB.join(elsewhereB, "kitchen");

        BroadcastResult result = nodeA.send(BroadcastTarget.group("lobby"), "hi", sender);

        assertThat(result.localSessions()).isEqualTo(1);
        assertThat(result.published().toCompletableFuture()).isCompleted();
        assertThat(sender.sent).isEmpty();
        assertThat(peerA.sent).hasSize(1);
        assertThat(peerB.sent).hasSize(1);
        assertThat(elsewhereB.sent).isEmpty();
        assertThat(text(peerB.sent.get(0))).isEqualTo("hi");
    }

    @Test
    void eachNodeSharesOneFrameAmongItsSessions() {
        FakeSession b1 = session(nodeB, "/feed");
        FakeSession b2 = session(nodeB, "/feed");
        nodeA.broadcast("/feed", "tick");
        assertThat(b1.sent.get(0)).isInstanceOf(PreparedMessage.class).isSameAs(b2.sent.get(0));
    }

    @Test
    void userMessageReachesTheUsersSessionsOnEveryNode() {
        FakeSession annA = user(nodeA, "ann");
        FakeSession annB = user(nodeB, "ann");
        FakeSession bobB = user(nodeB, "bob");

        assertThat(nodeA.sendToUser("ann", "for ann")).isEqualTo(1);

        assertThat(annA.sent).hasSize(1);
        assertThat(annB.sent).hasSize(1);
        assertThat(bobB.sent).isEmpty();
        assertThat(nodeB.userSessions("ann")).containsExactly(annB);
    }

    @Test
    void routeAndAllTargetsResolveOnEachNode() {
        FakeSession chatB = session(nodeB, "/chat/{room}");
        FakeSession echoB = session(nodeB, "/echo");
        nodeA.broadcast("/chat/{room}", "chat");
        nodeA.broadcastAll(new byte[] {7});
        assertThat(chatB.sent).hasSize(2);
        assertThat(echoB.sent).hasSize(1);
    }

    @Test
    void keepsTheOrderOfOneSendersBroadcastsOnEveryNode() {
        FakeSession b = session(nodeB, "/chat/{room}");
        nodeB.join(b, "lobby");
        IntStream.range(0, 100).forEach(i -> nodeA.sendToGroup("lobby", "m" + i));
        List<String> got = new ArrayList<>();
        b.sent.forEach(m -> got.add(text(m)));
        assertThat(got).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void sendLocallyStaysOnItsNode() {
        FakeSession statsA = session(nodeA, "/stats");
        FakeSession statsB = session(nodeB, "/stats");
        assertThat(nodeA.sendLocally(BroadcastTarget.route("/stats"), "node a's stats", null)).isEqualTo(1);
        assertThat(statsA.sent).hasSize(1);
        assertThat(statsB.sent).isEmpty();
    }

    @Test
    void aNodeNeverReceivesItsOwnBroadcasts() {
        List<Broadcast> seen = new ArrayList<>();
        InMemoryBroadcastBus lone = new InMemoryBroadcastBus();
        lone.subscribe(seen::add);
        lone.publish(new Broadcast(BroadcastTarget.all(), PreparedMessage.text("x")));
        assertThat(seen).isEmpty();
    }

    @Test
    void aClosedNodeRefusesPublishesAndNoLongerReceives() {
        FakeSession b = session(nodeB, "/e");
        busB.close();
        nodeA.broadcastAll("after close");
        assertThat(b.sent).isEmpty();
        assertThat(busB.state()).isEqualTo(BroadcastBus.State.CLOSED);
        assertThatThrownBy(() -> busB.publish(new Broadcast(BroadcastTarget.all(), PreparedMessage.text("x")))
                .toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(BroadcastRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(BroadcastRejectedException.CLOSED));
    }

    @Test
    void oneRegistryPerNode() {
        assertThatThrownBy(() -> new WsSessionRegistry(null, busA))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one registry per node");
    }

    @Test
    void aThrowingReceiverDoesNotStopDeliveryToTheOthers() {
        InMemoryBroadcastBus busC = busA.newNode();
        busC.subscribe(b -> {
            throw new IllegalStateException("expected by the test");
        });
        InMemoryBroadcastBus busD = busA.newNode();
        WsSessionRegistry nodeD = new WsSessionRegistry(null, busD);
        FakeSession d = session(nodeD, "/e");
        nodeA.broadcastAll("x");
        assertThat(d.sent).hasSize(1);
    }

    @Test
    void aBusThatThrowsDoesNotStopLocalDelivery() {
        BroadcastBus broken = new BroadcastBus() {
            public void subscribe(java.util.function.Consumer<Broadcast> receiver) {
            }

            public java.util.concurrent.CompletionStage<Void> publish(Broadcast broadcast) {
                throw new IllegalStateException("broken bus (expected by the test)");
            }

            public State state() {
                return State.DOWN;
            }

            public void close() {
            }
        };
        WsSessionRegistry node = new WsSessionRegistry(null, broken);
        FakeSession s = session(node, "/e");
        BroadcastResult result = node.send(BroadcastTarget.all(), "still local", null);
        assertThat(result.localSessions()).isEqualTo(1);
        assertThat(s.sent).hasSize(1);
        assertThat(result.published().toCompletableFuture()).isCompletedExceptionally();
    }

    private static String text(Object sent) {
        PreparedMessage p = (PreparedMessage) sent;
        byte[] b = new byte[p.payloadLength()];
        p.payload().get(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
