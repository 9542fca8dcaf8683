package dev.ws.sample.stats;

import dev.ws.handler.BroadcastTarget;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.sample.chat.ChatHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes a {@link ServerStats} snapshot once a second and broadcasts it to every session of
 * {@link StatsHandler#PATH}: the registry encodes it once and queues the same frame for each
 * subscriber, so a slow one delays no one else. With no subscriber it only takes the snapshot.
 * Runs on Spring's scheduler thread; {@link #latest()} and {@link #now()} may be called from any thread.
 */
@Component
public class StatsPublisher {

    private final WsSessionRegistry registry;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicReference<ServerStats> latest = new AtomicReference<>();

    StatsPublisher(WsSessionRegistry registry) {
        this.registry = registry;
        latest.set(snapshot());
    }

    /** The most recent tick's snapshot (taken at construction before the first tick). */
    public ServerStats latest() {
        return latest.get();
    }

    /** A snapshot taken now, numbered as the last tick (what a new subscriber gets first). */
    public ServerStats now() {
        return snapshot();
    }

    @Scheduled(fixedRate = 1000, initialDelay = 1000)
    void tick() {
        ticks.incrementAndGet();
        ServerStats stats = snapshot();
        latest.set(stats);
        if (registry.count(StatsHandler.PATH) > 0) {
            // this instance's numbers for this instance's subscribers: not over the cluster bus
            registry.sendLocally(BroadcastTarget.route(StatsHandler.PATH), stats, null);
        }
    }

    private ServerStats snapshot() {
        int rooms = 0;
        int members = 0;
        for (String group : registry.groupNames()) {
            if (group.startsWith(ChatHandler.GROUP_PREFIX)) {
                rooms++;
                members += registry.members(group).size();
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ServerStats(ticks.get(), System.currentTimeMillis(), ManagementFactory.getRuntimeMXBean().getUptime(),
                registry.count(), rooms, members, heap.getUsed(), heap.getMax(),
                ManagementFactory.getThreadMXBean().getThreadCount(), cpuLoad());
    }

    private static double cpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            return load < 0 ? -1 : load;
        }
        return -1;
    }
}
