package dev.ws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.server.PreparedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sessions by endpoint and group; broadcasts encoded once; nothing lingers after a session leaves. */
class WsSessionRegistryTest {

    private final WsSessionRegistry registry = new WsSessionRegistry(new PointCodec());

    @Test
    void broadcastSharesOnePreparedMessageAmongTheEndpointsSessions() {
        FakeSession a = new FakeSession("/chat/{room}");
        FakeSession b = new FakeSession("/chat/{room}");
        FakeSession other = new FakeSession("/echo");
        List.of(a, b, other).forEach(registry::register);

        assertThat(registry.broadcast("/chat/{room}", "hello")).isEqualTo(2);

        assertThat(a.sent).hasSize(1);
        assertThat(a.sent.get(0)).isInstanceOf(PreparedMessage.class).isSameAs(b.sent.get(0));
        assertThat(other.sent).isEmpty();
        assertThat(registry.count("/chat/{room}")).isEqualTo(2);
        assertThat(registry.count()).isEqualTo(3);
    }

    @Test
    void sendsToGroupMembersExceptTheSender() {
        FakeSession a = new FakeSession("/chat/{room}");
        FakeSession b = new FakeSession("/chat/{room}");
        FakeSession c = new FakeSession("/chat/{room}");
        List.of(a, b, c).forEach(registry::register);
        registry.join(a, "lobby");
        registry.join(b, "lobby");
        registry.join(c, "kitchen");

        assertThat(registry.sendToGroup("lobby", new PointCodec.Point(3, 4), a)).isEqualTo(1);

        assertThat(a.sent).isEmpty();
        assertThat(b.sent).hasSize(1);
        assertThat(c.sent).isEmpty();
        assertThat(registry.groups(a)).containsExactly("lobby");
        assertThat(registry.members("lobby")).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void countsOnlySessionsThatAcceptedTheMessage() {
        FakeSession ok = new FakeSession("/e");
        FakeSession slow = new FakeSession("/e");
        FakeSession closed = new FakeSession("/e");
        List.of(ok, slow, closed).forEach(registry::register);
        slow.refuseSends = true;
        closed.close(CloseStatus.NORMAL);
        assertThat(registry.broadcastAll(new byte[] {1})).isEqualTo(1);
    }

    @Test
    void unregisterLeavesEveryGroupAndForgetsEmptyGroups() {
        FakeSession a = new FakeSession("/e");
        registry.register(a);
        registry.join(a, "g1");
        registry.join(a, "g2");
        registry.unregister(a);
        assertThat(registry.groupNames()).isEmpty();
        assertThat(registry.groups(a)).isEmpty();
        assertThat(registry.session(a.id())).isNull();
        assertThat(registry.sessions("/e")).isEmpty();
    }

    @Test
    void sendsToEverySessionOfAUserAndForgetsTheUserWhenTheLastOneCloses() {
        FakeSession ann1 = new FakeSession("/e");
        FakeSession ann2 = new FakeSession("/f");
        FakeSession bob = new FakeSession("/e");
        FakeSession anonymous = new FakeSession("/e");
        ann1.attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, (java.security.Principal) () -> "ann");
        ann2.attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, (java.security.Principal) () -> "ann");
        bob.attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, (java.security.Principal) () -> "bob");
        List.of(ann1, ann2, bob, anonymous).forEach(registry::register);

        assertThat(registry.sendToUser("ann", "hi ann")).isEqualTo(2);
        assertThat(ann1.sent).hasSize(1);
        assertThat(ann2.sent).hasSize(1);
        assertThat(bob.sent).isEmpty();
        assertThat(anonymous.sent).isEmpty();

        registry.unregister(ann1);
        ann2.attributes.remove(HandshakeInfo.PRINCIPAL_ATTRIBUTE); // the name registered is the one forgotten
        registry.unregister(ann2);
        assertThat(registry.userSessions("ann")).isEmpty();
        assertThat(registry.sendToUser("ann", "gone")).isZero();
    }

    @Test
    void aLoneRegistryPublishesOnAnInMemoryBusThatReachesNoOne() {
        BroadcastResult result = registry.send(BroadcastTarget.all(), "x", null);
        assertThat(result.localSessions()).isZero();
        assertThat(result.published().toCompletableFuture()).isCompleted();
        assertThat(registry.bus()).isInstanceOf(InMemoryBroadcastBus.class);
    }

    @Test
    void joinRefusesUnregisteredSessions() {
        FakeSession a = new FakeSession("/e");
        assertThat(registry.join(a, "g")).isFalse();
        assertThat(registry.groupNames()).isEmpty();
    }

    @Test
    void leaveForgetsTheGroupWhenItsLastMemberLeaves() {
        FakeSession a = new FakeSession("/e");
        registry.register(a);
        registry.join(a, "g");
        registry.leave(a, "g");
        assertThat(registry.groupNames()).isEmpty();
        assertThat(registry.groups(a)).isEmpty();
    }

    @Test
    void prepareNeedsACodecForObjects() {
        assertThatThrownBy(() -> new WsSessionRegistry().prepare(new PointCodec.Point(1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no MessageCodec");
        assertThat(registry.prepare(new PointCodec.Point(1, 2)).payloadLength()).isEqualTo(3);
    }

    @Test
    void concurrentJoinAndUnregisterLeaveNothingBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<FakeSession> sessions = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                sessions.add(new FakeSession("/e"));
            }
            CountDownLatch done = new CountDownLatch(sessions.size() * 2);
            for (FakeSession s : sessions) {
                registry.register(s);
                pool.execute(() -> {
                    registry.join(s, "room" + (s.hashCode() % 3));
                    done.countDown();
                });
                pool.execute(() -> {
                    registry.unregister(s);
                    done.countDown();
                });
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(registry.count()).isZero();
            assertThat(registry.groupNames()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
